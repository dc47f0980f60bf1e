"""Writes to cities' records: one create, one update and one delete per model.

Every door (pages, API, imports, admin, demo data) calls these, so each
write is validated by the model's rules, kept in history with its editor's
name, and atomic. Engagement-side writes live in ``engagements.services``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from cities.models import (
    CalendarFeed,
    Commitment,
    NetworkMembership,
    ParticipatingCity,
    Partner,
    Person,
    ProgressEntry,
    SisterCityTie,
    StaffMember,
    TrashEntry,
)
from cities.records import record_delete, record_save
from cities.scoping import works_for
from cities.trash import record_trash, trash_purge, trash_restore

# --- Rules more than one writer applies ------------------------------------


def require_works_for(user, city_id: int, *, field: str = "owner") -> None:
    """The one home of "the owner works for this city" (site admins work for all).

    Raises a ValidationError on ``field`` for anyone else; no user is fine.
    """
    if user is not None and not works_for(user, city_id):
        raise ValidationError(
            {field: _("%(user)s does not work for this city.") % {"user": user}},
            code="foreign_staff",
        )


def require_same_city(records, city_id: int, *, field: str) -> None:
    """Every record linked to one of ``city_id``'s must be that city's own.

    A form's or serializer's scoped choices already refuse another city's
    record for most users; this guards every door, the admin's included.
    """
    for record in records:
        if record is not None and record.city_id != city_id:
            raise ValidationError(
                {field: _("%(name)s is another city's record.") % {"name": record}},
                code="foreign",
            )


# --- Participating cities and their staff -----------------------------------


@transaction.atomic
def participating_city_create(*, editor=None, **fields) -> ParticipatingCity:
    """Bring a city into the installation, with its international office."""
    return record_save(ParticipatingCity(), editor=editor, **fields)


@transaction.atomic
def participating_city_update(
    *, participating_city: ParticipatingCity, editor=None, **fields
) -> ParticipatingCity:
    """Change a city's office, mayor or contact details."""
    return record_save(participating_city, editor=editor, **fields)


@transaction.atomic
def participating_city_delete(*, participating_city: ParticipatingCity, editor=None) -> None:
    """Take a city out of the installation, with every record it kept."""
    record_delete(participating_city, editor=editor)


@transaction.atomic
def staff_member_create(*, user, city, role, editor=None) -> StaffMember:
    """Give ``user`` a place in ``city``'s office: an editor or a viewer."""
    return record_save(StaffMember(user=user, city=city, role=role), editor=editor)


@transaction.atomic
def staff_member_update(*, staff_member: StaffMember, editor=None, **fields) -> StaffMember:
    """Move a staff member to another role (or city)."""
    return record_save(staff_member, editor=editor, **fields)


@transaction.atomic
def staff_member_delete(*, staff_member: StaffMember, editor=None) -> None:
    """Take a user out of a city's office: they see no city's records any more."""
    record_delete(staff_member, editor=editor)


# --- Partners and their people ----------------------------------------------


@transaction.atomic
def partner_create(*, city, editor=None, **fields) -> Partner:
    """Record a foreign counterpart of ``city``."""
    return record_save(Partner(city=city), editor=editor, **fields)


@transaction.atomic
def partner_update(*, partner: Partner, editor=None, **fields) -> Partner:
    """Change a partner's details or its sensitivity note."""
    return record_save(partner, editor=editor, **fields)


@transaction.atomic
def partner_delete(*, partner: Partner, editor=None) -> TrashEntry:
    """Move a partner to its city's trash with its people and its place in engagements.

    A partner still linked to engagements goes too: the engagements stay and
    lose the link until the partner is restored, which links them again.
    """
    return record_trash(partner, city=partner.city, title=partner.name, editor=editor)


@transaction.atomic
def person_create(*, partner: Partner, editor=None, **fields) -> Person:
    """Record a contact at a partner organisation."""
    return record_save(Person(partner=partner), editor=editor, **fields)


@transaction.atomic
def person_update(*, person: Person, editor=None, **fields) -> Person:
    """Change a contact's name, title or details."""
    return record_save(person, editor=editor, **fields)


@transaction.atomic
def person_delete(*, person: Person, editor=None) -> None:
    """Remove a contact; delegations that listed them keep the name they had."""
    record_delete(person, editor=editor)


# --- Sister-city ties ---------------------------------------------------------


@transaction.atomic
def sister_city_tie_create(*, city, partner_city, editor=None, **fields) -> SisterCityTie:
    """Tie ``city`` to a foreign city; refuses self-ties and a second live tie of a kind."""
    return record_save(SisterCityTie(city=city, partner_city=partner_city), editor=editor, **fields)


@transaction.atomic
def sister_city_tie_update(*, tie: SisterCityTie, editor=None, **fields) -> SisterCityTie:
    """Change a tie; ending one needs its end date (a database rule)."""
    return record_save(tie, editor=editor, **fields)


@transaction.atomic
def sister_city_tie_delete(*, tie: SisterCityTie, editor=None) -> TrashEntry:
    """Move a tie recorded by mistake to the trash (an ended tie is ended, not deleted)."""
    return record_trash(
        tie, city=tie.city, title=f"{tie.partner_city} ({tie.get_kind_display()})", editor=editor
    )


# --- Commitments and their progress -------------------------------------------


@transaction.atomic
def commitment_create(*, city, editor=None, sdg_targets=None, **fields) -> Commitment:
    """Record a city's pledge under a framework (SDGs, Paris, migration compact…)."""
    return record_save(
        Commitment(city=city), editor=editor, m2m={"sdg_targets": sdg_targets}, **fields
    )


@transaction.atomic
def commitment_update(
    *, commitment: Commitment, editor=None, sdg_targets=None, **fields
) -> Commitment:
    """Change a pledge; ``sdg_targets`` replaces its targets when given."""
    return record_save(commitment, editor=editor, m2m={"sdg_targets": sdg_targets}, **fields)


@transaction.atomic
def commitment_delete(*, commitment: Commitment, editor=None) -> TrashEntry:
    """Move a pledge to the trash with its progress entries and SDG targets."""
    return record_trash(commitment, city=commitment.city, title=str(commitment), editor=editor)


@transaction.atomic
def progress_entry_create(*, commitment: Commitment, editor=None, **fields) -> ProgressEntry:
    """Record a measured value of a commitment's indicator."""
    return record_save(ProgressEntry(commitment=commitment), editor=editor, **fields)


@transaction.atomic
def progress_entry_update(*, entry: ProgressEntry, editor=None, **fields) -> ProgressEntry:
    """Correct a measured value, its date or its note."""
    return record_save(entry, editor=editor, **fields)


@transaction.atomic
def progress_entry_delete(*, entry: ProgressEntry, editor=None) -> None:
    """Remove a measurement entered by mistake."""
    record_delete(entry, editor=editor)


# --- City networks ----------------------------------------------------------------


@transaction.atomic
def network_membership_create(*, city, editor=None, **fields) -> NetworkMembership:
    """Record that a city belongs to a city network (C40, ICLEI…)."""
    return record_save(NetworkMembership(city=city), editor=editor, **fields)


@transaction.atomic
def network_membership_update(
    *, membership: NetworkMembership, editor=None, **fields
) -> NetworkMembership:
    """Change a membership's role or status; leaving needs its end date."""
    return record_save(membership, editor=editor, **fields)


@transaction.atomic
def network_membership_delete(*, membership: NetworkMembership, editor=None) -> None:
    """Delete a membership recorded by mistake."""
    record_delete(membership, editor=editor)


# --- The trash ---------------------------------------------------------------------


@transaction.atomic
def trash_entry_restore(*, entry: TrashEntry, editor) -> list:
    """Bring a trashed record back whole: its parts, its links, its place in the reports.

    Refused with a ValidationError when a record saved since took its place.
    """
    return trash_restore(entry, editor=editor)


@transaction.atomic
def trash_entry_purge(*, entry: TrashEntry, editor=None) -> None:
    """Remove a trashed record for good (a site admin's act, or the daily purge)."""
    trash_purge(entry, editor=editor)


def trash_purge_expired(*, now=None) -> int:
    """Purge every record kept in a trash for the whole retention period; returns how many."""
    purged = 0
    for entry in TrashEntry.objects.expired(now or timezone.now()).defer("records", "links"):
        trash_entry_purge(entry=entry)
        purged += 1
    return purged


# --- Personal access: calendar feeds and API tokens ---------------------------------


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
    """End ``user``'s API token at once."""
    Token.objects.filter(user=user).delete()
