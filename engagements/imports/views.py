"""Pages of a spreadsheet import: upload, template download, the preview of every
row, progress, and confirm.

Jobs are read through the one door (``get_for_user_or_404``: another city's
job is a 404) and confirmed through ``get_for_editor_or_404`` (a viewer gets
the same 403 as on every other door).
"""

from __future__ import annotations

from celery.result import AsyncResult
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cities.scoping import can_edit, staff_city
from cities.views.common import get_for_editor_or_404, get_for_user_or_404, require_editor
from engagements.choices import ImportKind, ImportStatus
from engagements.imports.forms import UploadForm
from engagements.imports.jobs import import_job_confirm, import_job_create
from engagements.imports.resources import template_dataset
from engagements.imports.tasks import import_job_start
from engagements.models import ImportJob

ROWS_PER_PAGE = 500
OUTCOME_FILTERS = ("new", "updated", "skipped", "error")
TEMPLATE_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def upload(request):
    require_editor(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        job = import_job_create(
            city=form.cleaned_data.get("city") or staff_city(request.user),
            user=request.user,
            kind=form.cleaned_data["kind"],
            filename=form.cleaned_data["file"].name,
            file_format=form.extension,
            data=form.data_bytes,
            total_rows=form.shape.estimated_rows or 0,
        )
        import_job_start(job=job, phase="preview")
        return redirect("import-job", pk=job.pk)
    recent = ImportJob.objects.for_user(request.user).defer("data", "rows")[:10]
    limits = {
        "rows": settings.IMPORT_MAX_ROWS,
        "megabytes": settings.IMPORT_MAX_UPLOAD_BYTES // 1_000_000,
    }
    return render(
        request, "imports/upload.html", {"form": form, "recent": recent, "limits": limits}
    )


@login_required
@require_GET
def template(request, kind: str, fmt: str):
    """A file with the import's columns and one example row, to fill in."""
    if kind not in ImportKind.values or fmt not in TEMPLATE_CONTENT_TYPES:
        raise Http404(_("No such template."))
    response = HttpResponse(
        template_dataset(kind).export(fmt), content_type=TEMPLATE_CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{kind}-import-template.{fmt}"'
    return response


def _job_progress(job: ImportJob) -> dict:
    processed = job.processed_rows
    if job.is_running and job.task_id and not settings.CELERY_TASK_ALWAYS_EAGER:
        info = AsyncResult(job.task_id).info
        if isinstance(info, dict):
            processed = max(processed, int(info.get("processed", 0)))
    percent = round(100 * processed / job.total_rows) if job.total_rows else 0
    return {
        "status": job.status,
        "status_display": job.get_status_display(),
        "running": job.is_running,
        "processed": processed,
        "total": job.total_rows,
        "percent": min(percent, 100),
        "summary": job.summary,
        "url": reverse("import-job", kwargs={"pk": job.pk}),
    }


@login_required
@require_GET
def job_detail(request, pk: int):
    job = get_for_user_or_404(ImportJob.objects.select_related("city__city"), request.user, pk=pk)
    outcome = request.GET.get("outcome", "")
    rows = job.rows if not job.is_running else []
    if outcome in OUTCOME_FILTERS:
        rows = [row for row in rows if row["outcome"] == outcome]
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "imports/job.html",
        {
            "job": job,
            "progress": _job_progress(job),
            "page": page,
            "outcome": outcome,
            "outcomes": OUTCOME_FILTERS,
            "can_confirm": job.status == ImportStatus.PREVIEWED and can_edit(request.user),
        },
    )


@login_required
@require_GET
def job_status(request, pk: int):
    """What the progress bar polls."""
    job = get_for_user_or_404(ImportJob.objects.defer("data", "rows"), request.user, pk=pk)
    return JsonResponse(_job_progress(job))


@login_required
@require_POST
def job_confirm(request, pk: int):
    """Import a previewed file; only a clean preview may be imported."""
    job = get_for_editor_or_404(ImportJob.objects.select_related("city"), request.user, pk=pk)
    if not import_job_confirm(job=job):
        messages.error(request, _("This file cannot be imported (again): see its rows below."))
        return redirect("import-job", pk=job.pk)
    import_job_start(job=job, phase="commit")
    return redirect("import-job", pk=job.pk)
