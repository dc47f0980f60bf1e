"""The mayor's-office dashboard pages: a city's stored report for a period, its
"Refresh now" jobs, and its CSV and PDF exports.

Pages read stored reports only (``engagements.reporting.read``); a refresh is a
job created by ``engagements.services.report_job_create``. Site admins get the
cross-city report and may open any city's dashboard.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cities.models import ParticipatingCity
from cities.scoping import get_for_user_or_404, is_site_admin, staff_city
from engagements.dashboard.city import city_page_context
from engagements.dashboard.cross_city import cross_city_context
from engagements.dashboard.export import export_filename, write_report_csv
from engagements.dashboard.pdf import report_pdf
from engagements.models import ReportJob
from engagements.periods import DashboardPeriod, dashboard_period, dashboard_periods
from engagements.services import report_job_create


def _dashboard_city(request) -> ParticipatingCity | None:
    """The city whose dashboard to show: the user's own, or for a site admin the one picked."""
    if is_site_admin(request.user):
        slug = request.GET.get("city") or request.POST.get("city")
        if not slug:
            return None
        city = ParticipatingCity.objects.select_related("city").filter(slug=slug).first()
        if city is None:
            raise Http404(_("No participating city has that slug."))
        return city
    city = staff_city(request.user)
    if city is None:
        raise Http404(_("Your account is not attached to a participating city."))
    return city


def _period(request) -> DashboardPeriod:
    return dashboard_period(
        request.GET.get("period") or request.POST.get("period"), timezone.localdate()
    )


@login_required
@require_GET
def dashboard(request):
    """A city's figures for a period against the same period last year, charts and a map."""
    if not is_site_admin(request.user) and staff_city(request.user) is None:
        return render(request, "dashboard/no_city.html")
    city = _dashboard_city(request)
    period = _period(request)
    context = {
        "periods": dashboard_periods(timezone.localdate()),
        "period": period,
        "is_site_admin": is_site_admin(request.user),
    }
    if is_site_admin(request.user):
        context["cities"] = list(ParticipatingCity.objects.select_related("city"))
    if city is None:
        context.update(cross_city_context(period))
        return render(request, "dashboard/cross_city.html", context)
    context.update(city_page_context(request.user, city, period))
    job_id = request.GET.get("job")
    if job_id and job_id.isdigit():
        context["job"] = ReportJob.objects.for_user(request.user).filter(pk=job_id).first()
    return render(request, "dashboard/dashboard.html", context)


# --- "Refresh now" -------------------------------------------------------------


@login_required
@require_POST
def dashboard_refresh(request):
    """Rebuild the reports behind the page now; answers the job to poll (JSON) or redirects."""
    city = _dashboard_city(request)
    if city is None:
        raise Http404(_("Pick a city to refresh."))
    period = _period(request)
    job = report_job_create(city=city, user=request.user, period=period)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(_job_json(job), status=202)
    query = f"?period={period.key}&job={job.pk}"
    if is_site_admin(request.user):
        query += f"&city={city.slug}"
    return redirect(reverse("dashboard") + query)


def _job_json(job: ReportJob) -> dict:
    return {
        "id": job.pk,
        "state": job.state,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "finished": job.finished,
        "error": job.error,
        "url": reverse("dashboard_job", args=[job.pk]),
    }


@login_required
@require_GET
def dashboard_job(request, pk: int):
    """The progress of a "Refresh now" job, polled by the page every second."""
    job = get_for_user_or_404(ReportJob, request.user, pk=pk)
    return JsonResponse(_job_json(job))


# --- Exports -------------------------------------------------------------------


@login_required
@require_GET
def dashboard_csv(request):
    """The report as CSV: each figure for the period and a year earlier, then the breakdowns."""
    city = _dashboard_city(request)
    period = _period(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{export_filename(city, period, "csv")}"'
    )
    write_report_csv(response, city=city, period=period)
    return response


@login_required
@require_GET
def dashboard_pdf(request):
    """The report as a printable PDF (WeasyPrint), with its charts drawn as inline SVG."""
    city = _dashboard_city(request)
    if city is None:
        raise Http404(_("Pick a city to export its report."))
    period = _period(request)
    pdf = report_pdf(request, city=city, period=period)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{export_filename(city, period, "pdf")}"'
    return response
