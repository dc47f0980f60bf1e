"""Writes to engagements and follow-ups: validated, atomic, and followed by a
report refresh once the transaction commits."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from engagements.choices import FollowUpStatus
from engagements.models import (
    Delegation,
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
)
from engagements.periods import periods_containing


def report_refresh_on_commit(*, city_id: int, days: Iterable[datetime.date]) -> None:
    """Queue a rebuild of every report period touching ``days`` after commit.

    Queued after commit so the worker never reads a row that is not there yet;
    a period whose rebuild is already waiting gets no second job.
    """
    from engagements.reporting import report_refresh_enqueue

    periods = {period for day in days if day for period in periods_containing(day)}
    transaction.on_commit(lambda: report_refresh_enqueue(city_id=city_id, periods=periods))


def _set_relations(engagement, partners, topics, sdg_targets):
    if partners is not None:
        partners = list(partners)
        foreign = [p for p in partners if p.city_id != engagement.city_id]
        if foreign:
            # A form's scoped queryset already refuses these; this guards every caller.
            raise ValidationError(
                {"partners": f"{foreign[0].name} is another city's partner."}, code="foreign"
            )
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


# --- The staff workflow: logging, delegations and follow-ups ---------------


def default_direction(kind: str) -> str:
    """Which way a delegation-kind engagement travels, as first set up."""
    from engagements.choices import Direction, EngagementKind

    return Direction.INBOUND if kind == EngagementKind.INBOUND_DELEGATION else Direction.OUTBOUND


def _new_partner(city, fields):
    from cities.services import partner_create

    try:
        return partner_create(city=city, **fields)
    except ValidationError as error:
        raise ValidationError({"new_partner": error.messages}) from error


@transaction.atomic
def engagement_log(
    *, city, author, new_partner: dict | None = None, partners=None, **fields
) -> Engagement:
    """Log an engagement from the staff form, in one transaction.

    ``new_partner`` (name, country, kind) is a partner typed into the form
    because it was not in the directory yet: it is recorded for ``city`` and
    linked. A visit or mission gets its delegation record (members,
    itinerary, protocol checklist) straight away.
    """
    if fields.get("owner") is None:
        fields.pop("owner", None)  # nobody chosen: the author owns it
    partners = list(partners or [])
    if new_partner:
        partners.append(_new_partner(city, new_partner))
    engagement = engagement_create(city=city, author=author, partners=partners, **fields)
    if engagement.is_delegation:
        delegation_create(engagement=engagement, direction=default_direction(engagement.kind))
    return engagement


@transaction.atomic
def engagement_revise(
    *, engagement: Engagement, editor, new_partner: dict | None = None, partners=None, **fields
) -> Engagement:
    """Change an engagement from the staff form; like ``engagement_log`` for a new partner."""
    if new_partner:
        partners = [*(partners or []), _new_partner(engagement.city, new_partner)]
    engagement = engagement_update(
        engagement=engagement, editor=editor, partners=partners, **fields
    )
    if engagement.is_delegation and not Delegation.objects.filter(engagement=engagement).exists():
        delegation_create(engagement=engagement, direction=default_direction(engagement.kind))
    return engagement


def _check_person(person, city_id):
    if person is not None and person.partner.city_id != city_id:
        raise ValidationError({"head": "That person works for another city's partner."})


@transaction.atomic
def delegation_create(*, engagement: Engagement, direction: str, **fields) -> Delegation:
    """Open the visit file of an engagement: direction, protocol level, checklist."""
    _check_person(fields.get("head"), engagement.city_id)
    delegation = Delegation(engagement=engagement, direction=direction, **fields)
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def delegation_update(*, delegation: Delegation, editor, **fields) -> Delegation:
    """Change the protocol checklist of a visit (interpreters, press, security…)."""
    _check_person(fields.get("head"), delegation.engagement.city_id)
    for name, value in fields.items():
        setattr(delegation, name, value)
    delegation._history_user = editor
    delegation.full_clean()
    delegation.save()
    return delegation


def _save(record, editor):
    record._history_user = editor
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def delegation_member_add(*, delegation: Delegation, editor, **fields) -> DelegationMember:
    """Put a person on a delegation's list, with their role."""
    return _save(DelegationMember(delegation=delegation, **fields), editor)


@transaction.atomic
def itinerary_item_add(*, delegation: Delegation, editor, **fields) -> ItineraryItem:
    """Add a slot to a visit's programme."""
    return _save(ItineraryItem(delegation=delegation, **fields), editor)


@transaction.atomic
def gift_add(*, delegation: Delegation, editor, **fields) -> Gift:
    """Enter a gift given or received in the ethics register."""
    return _save(Gift(delegation=delegation, **fields), editor)


@transaction.atomic
def delegation_part_update(*, part, editor, **fields):
    """Change a member, itinerary item or gift of a delegation."""
    for name, value in fields.items():
        setattr(part, name, value)
    return _save(part, editor)


@transaction.atomic
def delegation_part_remove(*, part, editor) -> None:
    """Remove a member, itinerary item or gift; history keeps it."""
    part._history_user = editor
    part.delete()


@transaction.atomic
def follow_up_add(*, engagement: Engagement, editor, **fields) -> FollowUp:
    """Record an action item that came out of an engagement."""
    owner = fields.get("owner")
    staff = getattr(owner, "staff", None) if owner is not None else None
    if staff is not None and staff.city_id != engagement.city_id:
        raise ValidationError({"owner": "The owner must work for this city."})
    follow_up = _save(FollowUp(engagement=engagement, **fields), editor)
    report_refresh_on_commit(city_id=engagement.city_id, days=[engagement.start_date])
    return follow_up


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, editor, **fields) -> FollowUp:
    """Change an open follow-up's description, owner or due date."""
    owner = fields.get("owner")
    staff = getattr(owner, "staff", None) if owner is not None else None
    if staff is not None and staff.city_id != follow_up.engagement.city_id:
        raise ValidationError({"owner": "The owner must work for this city."})
    for name, value in fields.items():
        setattr(follow_up, name, value)
    _save(follow_up, editor)
    # A new due date can make it overdue: a report figure.
    engagement = follow_up.engagement
    report_refresh_on_commit(city_id=engagement.city_id, days=[engagement.start_date])
    return follow_up


@transaction.atomic
def follow_up_remove(*, follow_up: FollowUp, editor) -> None:
    """Delete a follow-up logged by mistake."""
    engagement = follow_up.engagement
    follow_up._history_user = editor
    follow_up.delete()
    report_refresh_on_commit(city_id=engagement.city_id, days=[engagement.start_date])
