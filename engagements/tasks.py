"""Celery tasks: thin, id-based and idempotent; the work is in services.

Queuing lives here too (``report_refresh_enqueue``, ``task_publish``), so the
reporting code never imports the tasks that call it. Queuing is best-effort:
a broker that is down is logged, never an error for the user, because the
refresh an edit needs is already recorded with it (the outbox,
``engagements.reporting.refresh``) and the sweeper queues it again.

Report tasks ack late and retry database errors with a backoff that outlasts
a database restart: a worker that dies mid-job leaves the previous report in
place, the refresh stays recorded, and the job is run again.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from cities.models import ParticipatingCity
from engagements.export_jobs import (
    export_job_claim,
    export_job_run,
    export_jobs_lost,
    export_jobs_purge,
    export_jobs_waiting,
)
from engagements.models import ExportJob, ReportJob
from engagements.periods import period_start
from engagements.reporting.compute import (
    report_build,
    report_job_run,
    reports_rebuild,
    reports_rebuild_city,
    reports_refresh,
)
from engagements.reporting.refresh import (
    REFRESH_COUNTDOWN_SECONDS,
    report_jobs_lost,
    report_jobs_waiting,
    report_refresh_due,
    report_refresh_lost,
    report_refreshes_done,
    report_refreshes_started,
)

logger = logging.getLogger(__name__)

# Retries wait 2, 4, 8 … seconds, then 2 minutes each: about 14 minutes in all,
# longer than a database restart or failover. A refresh that runs out of
# retries is still recorded, and the sweeper queues it again.
RELIABLE = {
    "acks_late": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": False,
    "max_retries": 12,
}


def task_publish(task, args: tuple, **options) -> bool:
    """Queue ``task`` if the broker answers; False (and a warning in the log) if it does not.

    For work that something else catches up on when the broker is back (the
    sweeper), so a broker outage never turns a saved edit into an error page.
    The broker settings keep the attempt short (``CELERY_BROKER_TRANSPORT_OPTIONS``).
    """
    if task.app.conf.task_always_eager:
        # In-process: nothing is queued, and the task's own errors must show.
        task.apply_async(args, **options)
        return True
    try:
        task.apply_async(args, **options)
    except Exception as error:  # the broker or the result store; Celery raises several kinds
        logger.warning("Could not queue %s%r, the sweeper will: %r", task.name, args, error)
        return False
    return True


@shared_task(**RELIABLE)
def build_city_report(city_id: int, period_kind: str, day_iso: str) -> int:
    """Rebuild one city's report for the period containing ``day_iso``; returns its id.

    Edits queue ``refresh_city_reports``; this one-period job stays for the
    messages an older release queued.
    """
    day = datetime.date.fromisoformat(day_iso)
    start = period_start(period_kind, day)
    # Read before computing: an edit committed from here on keeps its refresh
    # pending, and one committed earlier is in the figures about to be read.
    versions = report_refreshes_started(city_id=city_id, periods=[(period_kind, start)])
    city = ParticipatingCity.objects.get(pk=city_id)
    report = report_build(city=city, period_kind=period_kind, day=day)
    report_refreshes_done(city_id=city_id, versions=versions)
    return report.pk


@shared_task(**RELIABLE)
def refresh_city_reports(city_id: int, periods: list[list[str]]) -> int:
    """Rebuild the periods edits touched in one city ([[kind, first day], …]) in one job;
    returns how many reports it wrote (none when another job got there first)."""
    return reports_refresh(
        city_id=city_id,
        periods=[(kind, datetime.date.fromisoformat(day)) for kind, day in periods],
    )


def _refresh_jobs_queue(
    city_id: int, periods: Iterable[tuple[str, datetime.date]], **options
) -> tuple[int, bool]:
    """Queue the refresh jobs of ``periods``, one per year they fall in; returns how many
    periods were queued, and whether the broker took every job (it stops at the first
    refusal).

    A year's months, quarters and the year itself share their figures, so
    they are computed together; an import spanning ten years makes ten jobs
    that several workers can share.
    """
    by_year: dict[int, list] = {}
    for kind, start in sorted(periods, key=lambda period: (period[1], period[0])):
        by_year.setdefault(start.year, []).append([kind, start.isoformat()])
    queued = 0
    for _year, each in sorted(by_year.items()):
        if not task_publish(refresh_city_reports, (city_id, each), **options):
            return queued, False
        queued += len(each)
    return queued, True


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
    """The nightly job: rebuild every city's reports in one pass; returns how many cities.

    By sets, the same few queries for one city or fifty, so one job beats one per city.
    """
    city_ids = list(ParticipatingCity.objects.values_list("pk", flat=True))
    reports_rebuild(city_ids=city_ids)
    return len(city_ids)


def report_refresh_enqueue(*, city_id: int, periods: Iterable[tuple[str, datetime.date]]) -> int:
    """Queue the jobs rebuilding the recorded refreshes of ``periods`` not queued yet (one
    per year, ``_refresh_jobs_queue``); returns how many periods they cover.

    Call after commit (``engagements.services.report_refresh_on_commit`` does).
    Jobs wait a moment on a real broker so the edits of one sitting share one.
    With the broker down the rest is left to the sweeper.
    """
    due = report_refresh_due(city_id=city_id, periods=periods)
    queued, _all = _refresh_jobs_queue(city_id, due, countdown=REFRESH_COUNTDOWN_SECONDS)
    return queued


@shared_task(acks_late=True)
def report_refresh_sweep() -> int:
    """Every minute (beat): queue again the refreshes still pending a minute on; returns how many.

    A refresh whose job the broker lost, or whose worker died, is rebuilt a
    minute or two late instead of never. A "Refresh now" job still waiting is
    queued again; one that lost its worker mid-way is marked failed with a
    reason the user understands.
    """
    resend_after = datetime.timedelta(seconds=settings.REPORT_REFRESH_RESEND_AFTER)
    report_jobs_lost()
    for job_id in report_jobs_waiting(older_than=resend_after):
        if not task_publish(run_report_job, (job_id,)):
            return 0
    lost: dict[int, list] = {}
    for city_id, kind, start in report_refresh_lost(older_than=resend_after):
        lost.setdefault(city_id, []).append((kind, start))
    queued = 0
    for city_id, periods in lost.items():
        count, taken = _refresh_jobs_queue(city_id, periods)
        queued += count
        if not taken:
            break
    return queued


@shared_task(acks_late=True, ignore_result=True)
def run_export_job(job_id: int) -> str:
    """Write one export job's file; returns its final state.

    Claimed first, so a second delivery of the message (acks late) does nothing.
    """
    if not export_job_claim(job_id=job_id):
        return "already claimed"
    job = ExportJob.objects.select_related("user", "city").get(pk=job_id)
    return export_job_run(job=job).state


@shared_task(acks_late=True, ignore_result=True)
def export_jobs_sweep() -> int:
    """Every minute (beat): settle the export jobs a broker or worker outage left behind.

    A job still waiting a minute on is queued again; one running with no sign
    of life for five minutes ends failed, and its page offers to try again.
    Returns how many jobs it settled.
    """
    settled = export_jobs_lost()
    for job_id in export_jobs_waiting():
        if not task_publish(run_export_job, (job_id,)):
            break
        settled += 1
    return settled


@shared_task(acks_late=True, ignore_result=True)
def export_files_purge() -> int:
    """Daily (beat): delete export jobs, and their files, after EXPORT_RETENTION_DAYS."""
    return export_jobs_purge()
