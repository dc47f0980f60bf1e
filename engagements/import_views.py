"""Pages of a spreadsheet import: upload, preview of every row, progress, confirm."""

from __future__ import annotations

from celery.result import AsyncResult
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cities.models import ParticipatingCity
from cities.scoping import can_edit, get_for_editor_or_404, get_for_user_or_404, is_site_admin
from cities.scoping import staff_city as user_city
from engagements.choices import ImportKind, ImportStatus
from engagements.import_tasks import run_import_job
from engagements.imports import (
    ImportFileError,
    import_job_commit,
    import_job_preview,
    load_dataset,
    template_dataset,
)
from engagements.models import ImportJob

ROWS_PER_PAGE = 500
OUTCOME_FILTERS = ("new", "updated", "skipped", "error")


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=ImportKind.choices, label="What the file holds")
    file = forms.FileField(help_text="A .csv (UTF-8) or .xlsx file with a header row.")
    city = forms.ModelChoiceField(
        queryset=ParticipatingCity.objects.select_related("city"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not is_site_admin(user):
            del self.fields["city"]
        else:
            self.fields["city"].required = True

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ("csv", "xlsx"):
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is too large.")
        data = upload.read()
        try:
            self.dataset = load_dataset(data, extension)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if not len(self.dataset):
            raise forms.ValidationError("The file has no rows under its header.")
        self.data_bytes, self.extension = data, extension
        return upload


def _require_editor(user):
    if not can_edit(user):
        raise PermissionDenied("Your role can read this city's records but not change them.")


def _run_or_queue(job: ImportJob, phase: str) -> None:
    """Small files run now; large ones go to a Celery job once this transaction commits."""
    if job.total_rows >= settings.IMPORT_ASYNC_ROW_THRESHOLD:
        transaction.on_commit(lambda: run_import_job.delay(job.pk, phase))
    elif phase == "preview":
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.PREVIEWING)
        import_job_preview(job=job)
    else:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
        import_job_commit(job=job)


@login_required
def upload(request):
    _require_editor(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        job = ImportJob.objects.create(
            city=form.cleaned_data.get("city") or user_city(request.user),
            user=request.user,
            kind=form.cleaned_data["kind"],
            filename=form.cleaned_data["file"].name[:255],
            file_format=form.extension,
            data=form.data_bytes,
            total_rows=len(form.dataset),
        )
        _run_or_queue(job, "preview")
        return redirect("import-job", pk=job.pk)
    recent = ImportJob.objects.for_user(request.user).defer("data", "rows")[:10]
    return render(request, "imports/upload.html", {"form": form, "recent": recent})


@login_required
@require_GET
def template(request, kind: str, fmt: str):
    """A file with the import's columns and one example row, to fill in."""
    if kind not in ImportKind.values or fmt not in ("csv", "xlsx"):
        raise Http404("No such template.")
    dataset = template_dataset(kind)
    if fmt == "csv":
        body, content_type = dataset.export("csv"), "text/csv; charset=utf-8"
    else:
        body = dataset.export("xlsx")
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
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
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.IMPORT_QUEUED
    )
    if not claimed:
        messages.error(request, "This file cannot be imported (again): see its rows below.")
        return redirect("import-job", pk=job.pk)
    job.status = ImportStatus.IMPORT_QUEUED
    _run_or_queue(job, "commit")
    return redirect("import-job", pk=job.pk)
