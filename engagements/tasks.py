"""Celery tasks: thin, id-based and idempotent; the work is in services.

Queuing lives here too (``report_refresh_enqueue``), so the reporting code
never imports the tasks that call it. Report tasks ack late and retry
database errors with backoff: a worker that dies mid-job leaves the previous
report in place and the job is run again.
"""

import datetime
from collections.abc import Iterable

from celery import shared_task
from django.db import DatabaseError

from cities.models import ParticipatingCity
from engagements.models import ReportJob
from engagements.periods import period_start
from engagements.reporting.compute import report_build, report_job_run, reports_rebuild_city
from engagements.reporting.refresh import (
    REFRESH_COUNTDOWN_SECONDS,
    report_refresh_claim,
    report_refresh_due,
)

RELIABLE = {
    "acks_late": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
}


@shared_task(**RELIABLE)
def build_city_report(city_id: int, period_kind: str, day_iso: str) -> int:
    """Rebuild one city's report for the period containing ``day_iso``; returns its id."""
    day = datetime.date.fromisoformat(day_iso)
    # Claimed before computing: an edit committed from here on queues its own
    # refresh, and one committed earlier is in the figures about to be read.
    report_refresh_claim(
        city_id=city_id, period_kind=period_kind, start=period_start(period_kind, day)
    )
    city = ParticipatingCity.objects.get(pk=city_id)
    return report_build(city=city, period_kind=period_kind, day=day).pk


@shared_task(**RELIABLE)
def run_report_job(job_id: int) -> int:
    """Run a "Refresh now" job, recording its progress; returns how many reports it wrote."""
    job = ReportJob.objects.select_related("city").get(pk=job_id)
    return report_job_run(job=job).done


@shared_task(**RELIABLE)
def rebuild_city_reports(city_id: int) -> int:
    """Rebuild every report of one city; returns how many were written."""
    return reports_rebuild_city(city=ParticipatingCity.objects.get(pk=city_id))


@shared_task(acks_late=True)
def rebuild_all_reports() -> int:
    """The nightly job: queue a full rebuild of each participating city; returns how many."""
    city_ids = list(ParticipatingCity.objects.values_list("pk", flat=True))
    for city_id in city_ids:
        rebuild_city_reports.delay(city_id)
    return len(city_ids)


def report_refresh_enqueue(*, city_id: int, periods: Iterable[tuple[str, datetime.date]]) -> int:
    """Queue a rebuild of each period unless one is already waiting; returns how many queued.

    Call after commit (``engagements.services.report_refresh_on_commit`` does).
    Jobs wait a moment on a real broker so the edits of one sitting share one.
    """
    due = report_refresh_due(city_id=city_id, periods=periods)
    for kind, start in due:
        build_city_report.apply_async(
            (city_id, kind, start.isoformat()), countdown=REFRESH_COUNTDOWN_SECONDS
        )
    return len(due)
