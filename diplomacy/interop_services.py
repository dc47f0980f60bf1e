"""Writes the API and imports need beyond the apps' own services.

Each validates the record against the model's rules (``full_clean``: fields,
check and unique constraints) before it is saved, inside a transaction, and
records who made the change in the history. Engagements themselves are written
by ``engagements.services``; these cover the records around them.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from cities.models import (
    CalendarFeed,
    Commitment,
    NetworkMembership,
    Partner,
    Person,
    SisterCityTie,
)
from engagements import services as engagement_services
from engagements.choices import FollowUpStatus
from engagements.models import Delegation, DelegationMember, FollowUp, ItineraryItem


def _save(instance: models.Model, *, user, m2m: dict | None = None, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance._history_user = user
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    return instance


def _delete(instance: models.Model, *, user) -> None:
    instance._history_user = user
    instance.delete()


@transaction.atomic
def partner_update(*, partner: Partner, editor, **fields) -> Partner:
    """Change a partner's details."""
    return _save(partner, user=editor, **fields)


@transaction.atomic
def partner_delete(*, partner: Partner, editor) -> None:
    """Delete a partner, its people and its place in engagements (history keeps them)."""
    _delete(partner, user=editor)


@transaction.atomic
def person_create(*, partner: Partner, editor, **fields) -> Person:
    """Record a contact at a partner organisation."""
    return _save(Person(partner=partner), user=editor, **fields)


@transaction.atomic
def person_update(*, person: Person, editor, **fields) -> Person:
    return _save(person, user=editor, **fields)


@transaction.atomic
def person_delete(*, person: Person, editor) -> None:
    _delete(person, user=editor)


@transaction.atomic
def sister_city_tie_update(*, tie: SisterCityTie, editor, **fields) -> SisterCityTie:
    """Change a tie; ending one needs its end date (a database rule)."""
    return _save(tie, user=editor, **fields)


@transaction.atomic
def sister_city_tie_delete(*, tie: SisterCityTie, editor) -> None:
    _delete(tie, user=editor)


@transaction.atomic
def commitment_create(*, city, editor, sdg_targets=None, **fields) -> Commitment:
    """Record a city's pledge under a framework."""
    return _save(
        Commitment(city=city), user=editor, m2m={"sdg_targets": sdg_targets or []}, **fields
    )


@transaction.atomic
def commitment_update(*, commitment: Commitment, editor, sdg_targets=None, **fields) -> Commitment:
    m2m = {} if sdg_targets is None else {"sdg_targets": sdg_targets}
    return _save(commitment, user=editor, m2m=m2m, **fields)


@transaction.atomic
def commitment_delete(*, commitment: Commitment, editor) -> None:
    _delete(commitment, user=editor)


@transaction.atomic
def network_membership_create(*, city, editor, **fields) -> NetworkMembership:
    """Record that a city belongs to a city network."""
    return _save(NetworkMembership(city=city), user=editor, **fields)


@transaction.atomic
def network_membership_update(
    *, membership: NetworkMembership, editor, **fields
) -> NetworkMembership:
    return _save(membership, user=editor, **fields)


@transaction.atomic
def network_membership_delete(*, membership: NetworkMembership, editor) -> None:
    _delete(membership, user=editor)


@transaction.atomic
def delegation_create(*, engagement, editor, **fields) -> Delegation:
    """Add the visit details to an engagement (one delegation per engagement)."""
    return _save(Delegation(engagement=engagement), user=editor, **fields)


def delegation_update(*, delegation: Delegation, editor, **fields) -> Delegation:
    return engagement_services.delegation_update(delegation=delegation, editor=editor, **fields)


@transaction.atomic
def delegation_delete(*, delegation: Delegation, editor) -> None:
    _delete(delegation, user=editor)


@transaction.atomic
def delegation_member_save(*, member: DelegationMember, editor, **fields) -> DelegationMember:
    """Add or change a person in a delegation."""
    return _save(member, user=editor, **fields)


@transaction.atomic
def itinerary_item_save(*, item: ItineraryItem, editor, **fields) -> ItineraryItem:
    """Add or change a slot of a visit's programme."""
    return _save(item, user=editor, **fields)


def delegation_part_delete(*, part: DelegationMember | ItineraryItem, editor) -> None:
    engagement_services.delegation_part_remove(part=part, editor=editor)


@transaction.atomic
def follow_up_save(*, follow_up: FollowUp, editor, **fields) -> FollowUp:
    """Add or change a follow-up; it is stamped complete when it becomes done."""
    status = fields.get("status", follow_up.status)
    if status == FollowUpStatus.DONE and follow_up.completed_at is None:
        fields["completed_at"] = timezone.now()
    elif status != FollowUpStatus.DONE:
        fields["completed_at"] = None
    follow_up = _save(follow_up, user=editor, **fields)
    # Open and overdue follow-ups are report figures.
    engagement = follow_up.engagement
    engagement_services.report_refresh_on_commit(
        city_id=engagement.city_id, days=[engagement.start_date]
    )
    return follow_up


def follow_up_delete(*, follow_up: FollowUp, editor) -> None:
    engagement_services.follow_up_remove(follow_up=follow_up, editor=editor)


@transaction.atomic
def calendar_feed_issue(*, user, city) -> CalendarFeed:
    """A new secret calendar URL of ``city`` for ``user``; the one they had stops working."""
    CalendarFeed.objects.active().filter(user=user, city=city).update(revoked_at=timezone.now())
    return CalendarFeed.objects.create(user=user, city=city)


@transaction.atomic
def calendar_feed_revoke(*, feed: CalendarFeed) -> None:
    """End a calendar URL at once: it answers 404 from now on."""
    CalendarFeed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def api_token_issue(*, user) -> Token:
    """A new API token for ``user``; the one they had stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def api_token_revoke(*, user) -> None:
    Token.objects.filter(user=user).delete()
