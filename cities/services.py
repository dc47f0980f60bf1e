"""Writes to cities' records: one create, one update and one delete per model.

Every door (pages, API, imports, admin, demo data) calls these, so each
write is validated by the model's rules, kept in history with its editor's
name, and atomic. Engagement-side writes live in ``engagements.services``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from cities.choices import StaffRole, paper_size_for
from cities.locales import supported_language
from cities.models import (
    CalendarFeed,
    City,
    Commitment,
    NetworkMembership,
    ParticipatingCity,
    Partner,
    Person,
    ProgressEntry,
    SavedView,
    SisterCityTie,
    StaffMember,
    TrashEntry,
    UserPreference,
)
from cities.records import record_delete, record_draft, record_save
from cities.scoping import may_own_follow_ups, works_for
from cities.signals import standing_figures_change
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


def require_may_own(user, city_id: int, *, field: str = "owner") -> None:
    """The one home of "this person may own the city's follow-ups": an active
    editor of the city (or a site admin). A viewer reads, so owns nothing."""
    require_works_for(user, city_id, field=field)
    if user is not None and not may_own_follow_ups(user, city_id):
        raise ValidationError(
            {field: _("%(user)s is a viewer, and only editors own follow-ups.") % {"user": user}},
            code="viewer_owner",
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
    """Bring a city into the installation, with its international office.

    Unless told otherwise it prints on its country's paper (US Letter in the
    United States) and keeps its city's time zone.
    """
    city = fields.get("city")
    if city is not None:
        fields.setdefault("paper_size", paper_size_for(city.country))
        if city.time_zone:
            fields.setdefault("time_zone", city.time_zone)
    return record_save(ParticipatingCity(), editor=editor, **fields)


@transaction.atomic
def participating_city_open(
    *, name: str, country: str, region: str = "", editor=None, **fields
) -> ParticipatingCity:
    """Bring a city into the installation by its name and country.

    Its place is the world city of that name (from the GeoNames list) when
    there is one not yet taking part, else a new place.
    """
    place = (
        City.objects.filter(name__iexact=name.strip(), country=country, participatingcity=None)
        .order_by("-population", "pk")
        .first()
    )
    if place is None:
        place = record_save(City(), editor=editor, name=name.strip(), country=country)
    if region and not place.region:
        record_save(place, editor=editor, region=region)
    return participating_city_create(city=place, editor=editor, **fields)


@transaction.atomic
def participating_city_update(
    *,
    participating_city: ParticipatingCity,
    editor=None,
    name: str | None = None,
    region: str | None = None,
    **fields,
) -> ParticipatingCity:
    """Change a city's office, mayor, contact details or settings; ``name`` and
    ``region`` correct its place's."""
    place = participating_city.city
    changes = {
        key: value
        for key, value in (("name", name), ("region", region))
        if value is not None and value != getattr(place, key)
    }
    if changes:
        record_save(place, editor=editor, **changes)
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
def staff_member_invite(
    *,
    email: str,
    city: ParticipatingCity,
    role: str = StaffRole.VIEWER,
    first_name: str = "",
    last_name: str = "",
    base_url: str,
    editor=None,
) -> StaffMember:
    """Invite someone to ``city``'s office by email.

    Makes their account with no usable password, gives them their role, and,
    once the transaction commits, emails them a link (Django's password-reset
    token) to choose a password. ``base_url`` is the site's address
    ("https://desk.example.org"), for the link.
    """
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Someone with this email address already has an account.")},
            code="taken",
        )
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError({"email": _("This email address is already a username.")})
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    staff_member = record_save(StaffMember(user=user, city=city, role=role), editor=editor)
    transaction.on_commit(lambda: _send_invitation(user, base_url=base_url))
    return staff_member


def _send_invitation(user, *, base_url: str) -> None:
    protocol, _sep, domain = base_url.rstrip("/").partition("://")
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": "Diplomacy Desk",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    PasswordResetForm().send_mail(
        "registration/staff_invitation_subject.txt",
        "registration/staff_invitation_email.txt",
        context,
        None,
        user.email,
    )


@transaction.atomic
def staff_member_deactivate(*, staff_member: StaffMember, editor=None) -> StaffMember:
    """Close a staff member's account: they can no longer log in, use the API
    or read their calendar feed. Their place stays, so history keeps their name."""
    user = staff_member.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    Token.objects.filter(user=user).delete()
    CalendarFeed.objects.active().filter(user=user).update(revoked_at=timezone.now())
    return record_save(staff_member, editor=editor)


@transaction.atomic
def staff_member_reactivate(*, staff_member: StaffMember, editor=None) -> StaffMember:
    """Open a closed account again (they log in with the password they had)."""
    user = staff_member.user
    user.is_active = True
    user.save(update_fields=["is_active"])
    return record_save(staff_member, editor=editor)


@transaction.atomic
def staff_member_delete(*, staff_member: StaffMember, editor=None) -> None:
    """Take a user out of a city's office: they see no city's records any more."""
    record_delete(staff_member, editor=editor)


# --- Partners and their people ----------------------------------------------


@transaction.atomic
def partner_create(*, city, editor=None, **fields) -> Partner:
    """Record a foreign counterpart of ``city``."""
    return record_save(Partner(city=city), editor=editor, **fields)


def partner_draft(*, city, **fields) -> Partner:
    """A new partner of ``city`` checked against every rule ``partner_create`` enforces
    but uniqueness, not saved yet.

    For bulk writers (``engagements.services.engagements_bulk_create`` saves
    it with its batch): they match names within their batch and against the
    city's partners at once, and the database's unique constraint backs them.
    """
    return record_draft(Partner(city=city), unique=False, **fields)


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
    tie = record_save(SisterCityTie(city=city, partner_city=partner_city), editor=editor, **fields)
    standing_figures_change(city_id=tie.city_id)
    return tie


@transaction.atomic
def sister_city_tie_update(*, tie: SisterCityTie, editor=None, **fields) -> SisterCityTie:
    """Change a tie; ending one needs its end date (a database rule)."""
    tie = record_save(tie, editor=editor, **fields)
    standing_figures_change(city_id=tie.city_id)
    return tie


@transaction.atomic
def sister_city_tie_delete(*, tie: SisterCityTie, editor=None) -> TrashEntry:
    """Move a tie recorded by mistake to the trash (an ended tie is ended, not deleted)."""
    # The trash tells the reports (engagements' trash listener refreshes them).
    return record_trash(
        tie, city=tie.city, title=f"{tie.partner_city} ({tie.get_kind_display()})", editor=editor
    )


# --- Commitments and their progress -------------------------------------------


@transaction.atomic
def commitment_create(*, city, editor=None, sdg_targets=None, **fields) -> Commitment:
    """Record a city's pledge under a framework (SDGs, Paris, migration compact…)."""
    commitment = record_save(
        Commitment(city=city), editor=editor, m2m={"sdg_targets": sdg_targets}, **fields
    )
    standing_figures_change(city_id=commitment.city_id)
    return commitment


@transaction.atomic
def commitment_update(
    *, commitment: Commitment, editor=None, sdg_targets=None, **fields
) -> Commitment:
    """Change a pledge; ``sdg_targets`` replaces its targets when given."""
    commitment = record_save(commitment, editor=editor, m2m={"sdg_targets": sdg_targets}, **fields)
    standing_figures_change(city_id=commitment.city_id)
    return commitment


@transaction.atomic
def commitment_delete(*, commitment: Commitment, editor=None) -> TrashEntry:
    """Move a pledge to the trash with its progress entries and SDG targets."""
    return record_trash(commitment, city=commitment.city, title=str(commitment), editor=editor)


@transaction.atomic
def progress_entry_create(*, commitment: Commitment, editor=None, **fields) -> ProgressEntry:
    """Record a measured value of a commitment's indicator."""
    entry = record_save(ProgressEntry(commitment=commitment), editor=editor, **fields)
    standing_figures_change(city_id=commitment.city_id)
    return entry


@transaction.atomic
def progress_entry_update(*, entry: ProgressEntry, editor=None, **fields) -> ProgressEntry:
    """Correct a measured value, its date or its note."""
    entry = record_save(entry, editor=editor, **fields)
    standing_figures_change(city_id=entry.commitment.city_id)
    return entry


@transaction.atomic
def progress_entry_delete(*, entry: ProgressEntry, editor=None) -> None:
    """Remove a measurement entered by mistake."""
    city_id = entry.commitment.city_id
    record_delete(entry, editor=editor)
    standing_figures_change(city_id=city_id)


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


# --- A user's saved views of a list ----------------------------------------

# Where a list is, not what it shows: these never belong in a saved view.
UNSAVED_PARAMS = ("after", "before", "page", "csrfmiddlewaretoken")


def saved_view_save(*, user, list_name: str, name: str, query: str) -> SavedView:
    """Save the filters of a list under a name; saving a name again replaces its filters."""
    params = QueryDict(query, mutable=True)
    for param in UNSAVED_PARAMS:
        params.pop(param, None)
    view = SavedView.objects.filter(user=user, list_name=list_name, name=name.strip()).first()
    view = view or SavedView(user=user, list_name=list_name, name=name.strip())
    return record_save(view, editor=user, query=params.urlencode())


def saved_view_delete(*, view: SavedView) -> None:
    record_delete(view, editor=view.user)


# --- A user's own settings ---------------------------------------------------


@transaction.atomic
def user_language_set(*, user, language: str) -> UserPreference:
    """Remember the language ``user`` chose in the header, for every device they
    sign in on; an unknown language is refused rather than stored."""
    chosen = supported_language(language)
    if chosen is None:
        raise ValidationError(
            _("%(language)s is not a language of the desk."), params={"language": language}
        )
    preference, _created = UserPreference.objects.update_or_create(
        user=user, defaults={"language": chosen}
    )
    return preference
