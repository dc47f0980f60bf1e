"""Writes to engagements and follow-ups: validated, atomic, and followed by a
report refresh once the transaction commits."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from engagements.choices import FollowUpStatus
from engagements.models import Engagement, FollowUp
from engagements.periods import periods_containing


def report_refresh_on_commit(*, city_id: int, days: Iterable[datetime.date]) -> None:
    """Queue a rebuild of every report period touching ``days`` after commit.

    Queued after commit so the worker never reads a row that is not there yet.
    """
    from engagements.tasks import build_city_report

    periods = {period for day in days if day for period in periods_containing(day)}

    def enqueue():
        for kind, start in sorted(periods):
            build_city_report.delay(city_id, kind, start.isoformat())

    transaction.on_commit(enqueue)


def _set_relations(engagement, partners, topics, sdg_targets):
    if partners is not None:
        engagement.partners.set(partners)
    if topics is not None:
        engagement.topics.set(topics)
    if sdg_targets is not None:
        engagement.sdg_targets.set(sdg_targets)


@transaction.atomic
def engagement_create(
    *, city, author, partners=None, topics=None, sdg_targets=None, **fields
) -> Engagement:
    """Log an engagement of ``city``, by ``author``, who becomes its owner unless one is given."""
    fields.setdefault("owner", author)
    engagement = Engagement(city=city, created_by=author, updated_by=author, **fields)
    engagement.full_clean()
    engagement.save()
    _set_relations(engagement, partners, topics, sdg_targets)
    report_refresh_on_commit(city_id=city.pk, days=[engagement.start_date])
    return engagement


@transaction.atomic
def engagement_update(
    *, engagement: Engagement, editor, partners=None, topics=None, sdg_targets=None, **fields
) -> Engagement:
    """Change an engagement; both the old and the new period's reports are refreshed."""
    old_start = engagement.start_date
    for name, value in fields.items():
        setattr(engagement, name, value)
    engagement.updated_by = editor
    engagement.full_clean()
    engagement.save()
    _set_relations(engagement, partners, topics, sdg_targets)
    report_refresh_on_commit(city_id=engagement.city_id, days=[old_start, engagement.start_date])
    return engagement


@transaction.atomic
def engagement_delete(*, engagement: Engagement, editor) -> None:
    """Delete an engagement; simple-history keeps it for an admin to restore."""
    engagement._history_user = editor
    city_id, start = engagement.city_id, engagement.start_date
    engagement.delete()
    report_refresh_on_commit(city_id=city_id, days=[start])


@transaction.atomic
def follow_up_complete(*, follow_up: FollowUp, editor) -> FollowUp:
    """Mark a follow-up done (a second call changes nothing)."""
    if follow_up.status != FollowUpStatus.DONE:
        follow_up.status = FollowUpStatus.DONE
        follow_up.completed_at = timezone.now()
        follow_up._history_user = editor
        follow_up.save(update_fields=["status", "completed_at"])
        report_refresh_on_commit(
            city_id=follow_up.engagement.city_id, days=[follow_up.engagement.start_date]
        )
    return follow_up
