"""Refreshing reports after edits: the outbox of refreshes an edit asked for.

An edit records a pending ``ReportRefresh`` row per (city, period) in its own
transaction (``report_refresh_record``), so the refresh commits or rolls back
with the edit. After commit the rows are queued once (``report_refresh_due``);
a row a job has not cleared a minute later is queued again by the sweeper
(``report_refresh_lost``), so a broker or worker outage delays a refresh and
never drops it. A job reads the row's version before computing and deletes the
row after storing the figures only if no edit came in meanwhile.

Queuing the jobs themselves is ``engagements.tasks``' part: this module never
imports the tasks, so the tasks can import it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagements.choices import ReportJobState
from engagements.models import CityReport, ReportJob, ReportRefresh
from engagements.periods import periods_containing

# Refreshes wait this long on a real broker, so the edits of one sitting share a job.
REFRESH_COUNTDOWN_SECONDS = 2
# A "Refresh now" job that shows no progress for this long lost its worker.
REPORT_JOB_LOST_AFTER = datetime.timedelta(minutes=5)
REPORT_JOB_LOST_MESSAGE = _(
    "The server stopped while these reports were being rebuilt. The figures shown are "
    "from before; press “Refresh now” to start again."
)


def _matching(periods: Iterable[tuple[str, datetime.date]]) -> Q:
    query = Q(pk__in=[])
    for kind, start in periods:
        query |= Q(period_kind=kind, period_start=start)
    return query


def report_refresh_record(*, city_id: int, periods: Iterable[tuple[str, datetime.date]]) -> None:
    """Record that an edit changed the figures of ``periods``: call inside the edit's transaction.

    Inserted first, then bumped, so every row carries this edit's version
    even when another transaction inserted it a moment before.
    """
    periods = sorted(set(periods))
    if not periods:
        return
    now = timezone.now()
    ReportRefresh.objects.bulk_create(
        [
            ReportRefresh(city_id=city_id, period_kind=kind, period_start=start, requested_at=now)
            for kind, start in periods
        ],
        ignore_conflicts=True,
    )
    ReportRefresh.objects.filter(_matching(periods), city_id=city_id).update(
        version=F("version") + 1, requested_at=now
    )


def report_refresh_due(
    *, city_id: int, periods: Iterable[tuple[str, datetime.date]]
) -> list[tuple[str, datetime.date]]:
    """The recorded refreshes of ``periods`` that no job is queued for yet, marked queued.

    Call after the edit commits. A period with a job already waiting is left
    out, so a burst of saves queues one job; one already rebuilt has no row.
    """
    periods = sorted(set(periods))
    if not periods:
        return []
    waiting = ReportRefresh.objects.filter(
        _matching(periods), city_id=city_id, queued_at__isnull=True
    )
    due = sorted(waiting.values_list("pk", "period_kind", "period_start"))
    ReportRefresh.objects.filter(pk__in=[pk for pk, _, _ in due], queued_at__isnull=True).update(
        queued_at=timezone.now()
    )
    return [(kind, start) for _, kind, start in due]


def report_refresh_lost(*, older_than: datetime.timedelta) -> list[tuple[int, str, datetime.date]]:
    """Refreshes still pending ``older_than`` after they were asked for or last queued.

    Their job never ran (the broker was down when the edit committed) or
    never finished (the worker died): they are marked queued again and
    returned as (city id, period kind, first day), for the sweeper to queue.
    """
    cutoff = timezone.now() - older_than
    lost = ReportRefresh.objects.filter(
        Q(queued_at__isnull=True) | Q(queued_at__lt=cutoff), requested_at__lt=cutoff
    )
    rows = sorted(lost.values_list("pk", "city_id", "period_kind", "period_start"))
    ReportRefresh.objects.filter(pk__in=[row[0] for row in rows]).update(queued_at=timezone.now())
    return [(city_id, kind, start) for _, city_id, kind, start in rows]


def report_refreshes_started(
    *, city_id: int, periods: Iterable[tuple[str, datetime.date]]
) -> dict[tuple[str, datetime.date], int]:
    """Mark a city's pending refreshes of ``periods`` as started: {period: the version its
    job is about to compute}; a period with nothing pending is left out.

    Read before computing: an edit committed earlier is in the figures about
    to be read; one committed later bumps the version, keeps the row, and (no
    job waiting any more) queues its own.
    """
    pending = ReportRefresh.objects.filter(_matching(periods), city_id=city_id)
    pending.update(queued_at=None)
    return {
        (kind, start): version
        for kind, start, version in pending.values_list("period_kind", "period_start", "version")
    }


def report_refreshes_done(*, city_id: int, versions: dict[tuple[str, datetime.date], int]) -> None:
    """Clear the refreshes a job has stored ({period: version}, from
    ``report_refreshes_started``), unless an edit asked for another since it started."""
    if not versions:
        return
    done = Q(pk__in=[])
    for (kind, start), version in versions.items():
        done |= Q(period_kind=kind, period_start=start, version=version)
    ReportRefresh.objects.filter(done, city_id=city_id).delete()


def report_refresh_pending(*, city_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(id, version) of the cities' pending refreshes: read before a full rebuild computes."""
    return list(ReportRefresh.objects.filter(city__in=city_ids).values_list("pk", "version"))


def report_refresh_covered(pending: list[tuple[int, int]], *, batch_size: int = 400) -> None:
    """Clear the refreshes a full rebuild has covered: those pending (at the version read)
    before it computed. One asked for since, or bumped by a later edit, stays."""
    for first in range(0, len(pending), batch_size):
        covered = Q(pk__in=[])
        for pk, version in pending[first : first + batch_size]:
            covered |= Q(pk=pk, version=version)
        ReportRefresh.objects.filter(covered).delete()


def report_refresh_standing_periods(*, city_id: int) -> list[tuple[str, datetime.date]]:
    """Every period whose standing figures (ties, commitments) a change of those moves.

    Each stored report of the city shows them (as of its last day, or today),
    and so do the reports of today's periods, stored or not yet.
    """
    periods = set(periods_containing(timezone.localdate()))
    periods.update(
        CityReport.objects.filter(city_id=city_id).values_list("period_kind", "period_start")
    )
    return sorted(periods)


def report_jobs_lost(*, older_than: datetime.timedelta = REPORT_JOB_LOST_AFTER) -> list[int]:
    """Fail the running "Refresh now" jobs that showed no sign of life for ``older_than``.

    Their worker died: the page stops showing them as running and says why;
    the refreshes the edits recorded still run.
    """
    cutoff = timezone.now() - older_than
    lost = list(
        ReportJob.objects.filter(state=ReportJobState.RUNNING, updated_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    ReportJob.objects.filter(pk__in=lost, state=ReportJobState.RUNNING).update(
        state=ReportJobState.FAILED,
        error=str(REPORT_JOB_LOST_MESSAGE),
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    return lost


def report_jobs_waiting(*, older_than: datetime.timedelta) -> list[int]:
    """ "Refresh now" jobs still waiting to start ``older_than`` after they were queued.

    The broker was down when they were asked for, or lost them: they are
    marked queued again now and returned, for the sweeper to queue. Running
    a job twice rebuilds the same reports.
    """
    cutoff = timezone.now() - older_than
    waiting = list(
        ReportJob.objects.filter(state=ReportJobState.QUEUED, updated_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    ReportJob.objects.filter(pk__in=waiting).update(updated_at=timezone.now())
    return waiting
