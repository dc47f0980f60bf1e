"""Refreshing reports after edits: which periods are due, and who claimed them.

A pending row per (city, period) is what collapses a burst of saves into one
job. Queuing the job itself is ``engagements.tasks``' part: this module
never imports the tasks, so the tasks can import it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from engagements.models import ReportRefresh

# A queued refresh that no job has started for this long is assumed lost and queued again.
REFRESH_STALE_AFTER = datetime.timedelta(minutes=10)
# Refreshes wait this long on a real broker, so the edits of one sitting share a job.
REFRESH_COUNTDOWN_SECONDS = 2


def report_refresh_claim(*, city_id: int, period_kind: str, start: datetime.date) -> None:
    """Mark a queued refresh as started: edits from now on queue a new one."""
    ReportRefresh.objects.filter(
        city_id=city_id, period_kind=period_kind, period_start=start
    ).delete()


def report_refresh_due(
    *, city_id: int, periods: Iterable[tuple[str, datetime.date]]
) -> list[tuple[str, datetime.date]]:
    """The periods of ``periods`` that need a job now: none waiting, or a stale one.

    Records each as pending, so the next call within a burst finds it
    waiting; a row left by a lost job is re-queued once it is stale.
    """
    due = []
    for kind, start in sorted(set(periods)):
        now = timezone.now()
        pending, created = ReportRefresh.objects.get_or_create(
            city_id=city_id, period_kind=kind, period_start=start, defaults={"requested_at": now}
        )
        if not created:
            claimed = ReportRefresh.objects.filter(
                pk=pending.pk, requested_at__lt=now - REFRESH_STALE_AFTER
            ).update(requested_at=now)
            if not claimed:
                continue
        due.append((kind, start))
    return due
