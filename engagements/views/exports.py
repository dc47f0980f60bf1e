"""The export links of every list, and the pages of the exports too large to stream.

``export_list`` counts the filtered rows before it answers: up to
``EXPORT_STREAM_MAX_ROWS`` (``EXPORT_XLSX_STREAM_MAX_ROWS`` for a workbook) it
streams them (seconds, well within the server's timeout); past that it asks
for an export job and sends the browser to the job's page, which shows the
worker's progress and then the download. So no response is ever cut at the
timeout and mistaken for a whole file.

A job is seen and downloaded only by the user who asked for it, or a site
admin: anyone else gets a 404, as for another city's record.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cities.scoping import staff_city
from engagements.choices import ExportJobState
from engagements.exports import EXPORTS, export_response, export_streams, filtered_queryset
from engagements.models import ExportJob
from engagements.services import export_job_create


class HttpResponseSeeOther(HttpResponseRedirect):
    """303: the export is the job's page now, fetched with GET (no client repeats the ask)."""

    status_code = 303


@login_required
@require_GET
def export_list(request, name: str, fmt: str):
    """``export/<list>.<csv|xlsx>?<the list page's filter parameters>``."""
    spec = EXPORTS.get(name)
    if spec is None or fmt not in ("csv", "xlsx"):
        raise Http404(_("No such export."))
    queryset, errors = filtered_queryset(spec, request.GET, user=request.user, request=request)
    if errors is not None:
        return JsonResponse({"errors": errors}, status=400)
    if export_streams(queryset, fmt):
        return export_response(spec, queryset, fmt)
    job = export_job_create(
        user=request.user,
        city=staff_city(request.user),
        list_name=name,
        file_format=fmt,
        query=request.GET.urlencode(),
    )
    return HttpResponseSeeOther(reverse("export-job", args=[job.pk]))


def _job_for(request, pk: int) -> ExportJob:
    return get_object_or_404(ExportJob.objects.for_user(request.user), pk=pk)


@login_required
@require_GET
def export_job_detail(request, pk: int):
    """A large export's progress, then its download; htmx polls the progress part."""
    job = _job_for(request, pk)
    retry = reverse("export", kwargs={"name": job.list_name, "fmt": job.file_format})
    context = {
        "job": job,
        "retry_url": f"{retry}?{job.query}" if job.query else retry,
        "retention_days": settings.EXPORT_RETENTION_DAYS,
    }
    if request.headers.get("HX-Request"):
        response = render(request, "exports/partials/job_progress.html", context)
    else:
        response = render(request, "exports/job.html", context)
    # One address, two answers: a cache (the back button's too) must tell them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def export_job_download(request, pk: int):
    """The file a finished export job wrote."""
    job = _job_for(request, pk)
    if job.state != ExportJobState.DONE or not job.file:
        raise Http404(_("This export has no file to download."))
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("This export's file is no longer kept.")) from error
    return FileResponse(
        handle, as_attachment=True, filename=job.filename, content_type=job.content_type
    )
