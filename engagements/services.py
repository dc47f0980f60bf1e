"""Writes to engagements, delegations and follow-ups: one create, one update and
one delete per model, each validated, atomic, kept in history and followed by
the report refresh its figures need once the transaction commits.

Every door calls these: the staff pages, the API, imports, the admin and the
demo data. Rules that span records live here once: an engagement's partners
and owner belong to its city (``engagement_check``), a delegation's head too,
and a follow-up carries its completion time exactly when it is done.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import Commitment, Partner, ProgressEntry, SisterCityTie, TrashEntry
from cities.records import record_delete, record_draft, record_save, records_bulk_create
from cities.services import (
    partner_create,
    require_may_own,
    require_same_city,
    require_works_for,
)
from cities.trash import record_trash
from engagements.choices import ExportJobState, FollowUpStatus, visit_direction
from engagements.models import (
    Delegation,
    DelegationMember,
    Engagement,
    ExportJob,
    FollowUp,
    Gift,
    ItineraryItem,
    ReportJob,
)
from engagements.periods import DashboardPeriod, periods_containing
from engagements.reporting.read import dashboard_stored_periods
from engagements.reporting.refresh import report_refresh_record, report_refresh_standing_periods

# --- Report refresh -----------------------------------------------------------

_batch = threading.local()


def report_refresh_on_commit(*, city_id: int, days: Iterable[datetime.date | None]) -> None:
    """Refresh every report period touching ``days``: recorded now, queued after commit.

    The pending refreshes are written in the caller's transaction (the
    outbox), so they commit with the edit or not at all; the jobs are queued
    after commit so the worker never reads a row that is not there yet, and a
    period whose rebuild is already waiting gets no second job. Inside
    ``report_refresh_batch`` the periods are gathered and recorded once at its end.
    """
    periods = {period for day in days if day for period in periods_containing(day)}
    _periods_refresh_on_commit(city_id=city_id, periods=periods)


def report_refresh_standing(*, city_id: int) -> None:
    """Refresh the standing figures (ties, commitments) of every report of a city.

    Called through ``cities.signals.standing_figures_changed`` when a tie, a
    commitment or a progress entry changes (see docs/decisions/0008).
    """
    _periods_refresh_on_commit(
        city_id=city_id, periods=set(report_refresh_standing_periods(city_id=city_id))
    )


def _periods_refresh_on_commit(*, city_id: int, periods: set[tuple[str, datetime.date]]) -> None:
    from engagements.tasks import report_refresh_enqueue

    gathered = getattr(_batch, "periods", None)
    if gathered is not None:
        gathered.setdefault(city_id, set()).update(periods)
        return
    if not periods:
        return
    report_refresh_record(city_id=city_id, periods=periods)
    transaction.on_commit(lambda: report_refresh_enqueue(city_id=city_id, periods=periods))


@contextlib.contextmanager
def report_refresh_batch() -> Iterator[dict[int, set]]:
    """Gather the refreshes of many writes (an import, the demo data) into one per period.

    Yields {city id: periods}; on leaving, each city's periods are recorded
    once (in the transaction the batch runs in) and queued after commit.
    Nested batches join the outer one.
    """
    if getattr(_batch, "periods", None) is not None:
        yield _batch.periods
        return
    _batch.periods = gathered = {}
    try:
        yield gathered
    finally:
        _batch.periods = None
    # The gathered periods themselves: a year's first day, taken as a day, would
    # also refresh its January and first quarter, which nothing touched.
    for city_id, periods in gathered.items():
        _periods_refresh_on_commit(city_id=city_id, periods=periods)


@transaction.atomic
def report_job_create(*, city, user, period: DashboardPeriod) -> ReportJob:
    """Ask for the reports behind a dashboard page to be rebuilt now; queued after commit."""
    from engagements.tasks import run_report_job, task_publish

    periods = [[kind, start.isoformat()] for kind, start in dashboard_stored_periods(period)]
    job = ReportJob.objects.create(
        city=city, requested_by=user, periods=periods, total=len(periods)
    )
    # Best-effort: with the broker down the job stays queued, and the sweeper
    # queues it again once a minute until a worker starts it.
    transaction.on_commit(lambda: task_publish(run_report_job, (job.pk,)))
    return job


@transaction.atomic
def export_job_create(*, user, city, list_name: str, file_format: str, query: str) -> ExportJob:
    """Ask for a list export too large to stream to be written to a file; queued after commit.

    Asking again for the same export while one is still being written answers
    that job, so reloading the link does not start the work twice.
    """
    from engagements.tasks import run_export_job, task_publish

    same = ExportJob.objects.filter(
        user=user,
        list_name=list_name,
        file_format=file_format,
        query=query,
        state__in=[ExportJobState.QUEUED, ExportJobState.RUNNING],
    )
    job = same.first()
    if job is not None:
        return job
    job = ExportJob.objects.create(
        user=user, city=city, list_name=list_name, file_format=file_format, query=query
    )
    # Best-effort: with the broker down the job stays queued, and the sweeper
    # (export_jobs_sweep) queues it again once a minute until a worker starts it.
    transaction.on_commit(lambda: task_publish(run_export_job, (job.pk,)))
    return job


# --- Engagements ----------------------------------------------------------------


def engagement_check(*, city_id: int, owner=None, partners: Iterable[Partner] | None = None):
    """The rules an engagement's links must keep, for every door (forms call it to
    show the error beside the field): its partners are its city's, its owner
    works for its city."""
    require_same_city(partners or [], city_id, field="partners")
    require_works_for(owner, city_id, field="owner")


def _stored(engagement: Engagement) -> tuple[datetime.date | None, int | None]:
    # The date and city the reports counted it under: a form may already have
    # changed the instance in memory (the admin's does), so ask the database.
    stored = Engagement.objects.filter(pk=engagement.pk).values_list("start_date", "city_id")
    return stored.first() or (None, None)


def _stored_start(engagement: Engagement) -> datetime.date | None:
    return _stored(engagement)[0]


def _engagement_new(
    *, city, author, partners, fields: dict, engagement: Engagement | None = None
) -> Engagement:
    """A new engagement of ``city`` by ``author`` (its owner unless one is given),
    its links checked; its fields are set by the caller's save or validation.

    ``engagement``: an unsaved one a door already built (an import row), used
    as it is rather than copied into another.
    """
    fields.setdefault("owner", author)
    engagement_check(city_id=city.pk, owner=fields["owner"], partners=partners)
    fields.setdefault("updated_by", author)
    if engagement is None:
        return Engagement(city=city, created_by=author)
    engagement.city, engagement.created_by = city, author
    return engagement


@transaction.atomic
def engagement_create(
    *, city, author, partners=None, topics=None, sdg_targets=None, **fields
) -> Engagement:
    """Log an engagement of ``city``, by ``author``, who becomes its owner unless one is given."""
    engagement = record_save(
        _engagement_new(city=city, author=author, partners=partners, fields=fields),
        editor=author,
        m2m={"partners": partners, "topics": topics, "sdg_targets": sdg_targets},
        **fields,
    )
    report_refresh_on_commit(city_id=city.pk, days=[engagement.start_date])
    return engagement


@dataclass
class EngagementDraft:
    """A new engagement checked by ``engagement_draft``, waiting for ``engagements_bulk_create``."""

    engagement: Engagement
    partners: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    sdg_targets: list = field(default_factory=list)


def engagement_draft(
    *,
    city,
    author,
    partners=None,
    topics=None,
    sdg_targets=None,
    engagement: Engagement | None = None,
    **fields,
) -> EngagementDraft:
    """An engagement checked against every rule ``engagement_create`` enforces, not saved yet.

    Raises the ValidationError ``engagement_create`` would, without a query
    (an engagement has nothing unique of its own to look up), so a bulk
    writer can tell each row what is wrong before it writes anything.
    ``engagement``: an unsaved engagement carrying ``fields`` already (an
    import row's), checked and kept as the draft's instead of a new one.
    """
    engagement = record_draft(
        _engagement_new(
            city=city, author=author, partners=partners, fields=fields, engagement=engagement
        ),
        unique=False,
        **fields,
    )
    return EngagementDraft(
        engagement, list(partners or []), list(topics or []), list(sdg_targets or [])
    )


@transaction.atomic
def engagements_bulk_create(*, city, author, drafts: list[EngagementDraft]) -> list[Engagement]:
    """Save many new engagements of ``city`` at once: the bulk ``engagement_create``.

    Every draft comes from ``engagement_draft``, so the rules are the same;
    the writes are a few queries per thousand engagements instead of dozens
    each. New partners among the drafts' (``partner_draft``) are saved first.
    Each engagement and partner gets its "created" history entry, attributed
    to ``author``; the reports of every touched period are refreshed once.
    """
    new_partners = list(
        {
            id(partner): partner
            for draft in drafts
            for partner in draft.partners
            if partner.pk is None
        }.values()
    )
    require_same_city(new_partners, city.pk, field="partners")
    records_bulk_create(new_partners, editor=author)
    engagements = [draft.engagement for draft in drafts]
    records_bulk_create(
        engagements,
        editor=author,
        m2m={
            name: [getattr(draft, name) for draft in drafts]
            for name in ("partners", "topics", "sdg_targets")
        },
    )
    report_refresh_on_commit(
        city_id=city.pk, days={engagement.start_date for engagement in engagements}
    )
    return engagements


@transaction.atomic
def engagement_update(
    *, engagement: Engagement, editor, partners=None, topics=None, sdg_targets=None, **fields
) -> Engagement:
    """Change an engagement; both the old and the new period's reports are refreshed."""
    old_start, old_city_id = _stored(engagement)
    owner = fields.get("owner", engagement.owner)
    engagement_check(city_id=engagement.city_id, owner=owner, partners=partners)
    record_save(
        engagement,
        editor=editor,
        m2m={"partners": partners, "topics": topics, "sdg_targets": sdg_targets},
        updated_by=editor,
        **fields,
    )
    if old_city_id is not None and old_city_id != engagement.city_id:
        # Moved to another city (a site admin's correction): its follow-ups' own
        # copy of the city moves with it.
        engagement.follow_ups.update(city_id=engagement.city_id)
    report_refresh_on_commit(city_id=engagement.city_id, days=[old_start, engagement.start_date])
    return engagement


@transaction.atomic
def engagement_bulk_update(*, engagements: Iterable[Engagement], editor, **fields) -> int:
    """Change the same fields (status, owner) of several engagements: all of them or none.

    Each goes through ``engagement_update`` (its rules, its history); the
    reports of every touched period are refreshed once for the lot.
    """
    changed = 0
    with report_refresh_batch():
        for engagement in engagements:
            engagement_update(engagement=engagement, editor=editor, **fields)
            changed += 1
    return changed


@transaction.atomic
def engagement_delete(*, engagement: Engagement, editor) -> TrashEntry:
    """Move an engagement to its city's trash with everything that belongs to it.

    Its partner, topic and SDG links, its delegation (members, itinerary,
    gifts), its follow-ups and its import key go with it, and come back with it
    (``cities.services.trash_entry_restore``); its periods' reports are refreshed.
    """
    city_id, start = engagement.city_id, _stored_start(engagement)
    entry = record_trash(engagement, city=engagement.city, title=engagement.title, editor=editor)
    report_refresh_on_commit(city_id=city_id, days=[start])
    return entry


def _new_partner(city, fields, editor):
    try:
        return partner_create(city=city, editor=editor, **fields)
    except ValidationError as error:
        raise ValidationError({"new_partner": error.messages}) from error


def _open_visit_file(engagement: Engagement, editor) -> None:
    if engagement.is_delegation and not Delegation.objects.filter(engagement=engagement).exists():
        delegation_create(
            engagement=engagement, editor=editor, direction=visit_direction(engagement.kind)
        )


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
        partners.append(_new_partner(city, new_partner, author))
    engagement = engagement_create(city=city, author=author, partners=partners, **fields)
    _open_visit_file(engagement, author)
    return engagement


@transaction.atomic
def engagement_revise(
    *, engagement: Engagement, editor, new_partner: dict | None = None, partners=None, **fields
) -> Engagement:
    """Change an engagement from the staff form; like ``engagement_log`` for a new partner."""
    if new_partner:
        partners = [*(partners or []), _new_partner(engagement.city, new_partner, editor)]
    engagement = engagement_update(
        engagement=engagement, editor=editor, partners=partners, **fields
    )
    _open_visit_file(engagement, editor)
    return engagement


# --- Delegations and their parts --------------------------------------------------


def _refresh_visit_figures(engagement: Engagement) -> None:
    # A delegation's direction decides whether its visit counts as hosted or travelled.
    report_refresh_on_commit(city_id=engagement.city_id, days=[engagement.start_date])


def require_city_contact(person, city_id: int, *, field: str) -> None:
    """A person named on a visit (its head, a member) is a contact at one of its
    city's partners; no person is fine."""
    if person is not None and person.partner.city_id != city_id:
        raise ValidationError({field: _("That person works for another city's partner.")})


def delegation_check(*, city_id: int, head=None) -> None:
    """A delegation's head is a contact at one of its city's partners."""
    require_city_contact(head, city_id, field="head")


@transaction.atomic
def delegation_create(*, engagement: Engagement, editor=None, **fields) -> Delegation:
    """Open the visit file of an engagement: direction, protocol level, checklist."""
    fields.setdefault("direction", visit_direction(engagement.kind))
    delegation_check(city_id=engagement.city_id, head=fields.get("head"))
    delegation = record_save(Delegation(engagement=engagement), editor=editor, **fields)
    _refresh_visit_figures(engagement)
    return delegation


@transaction.atomic
def delegation_update(*, delegation: Delegation, editor=None, **fields) -> Delegation:
    """Change the protocol checklist of a visit (interpreters, press, security…)."""
    delegation_check(
        city_id=delegation.engagement.city_id, head=fields.get("head", delegation.head)
    )
    record_save(delegation, editor=editor, **fields)
    _refresh_visit_figures(delegation.engagement)
    return delegation


@transaction.atomic
def delegation_delete(*, delegation: Delegation, editor=None) -> None:
    """Remove a visit file with its members, itinerary and gifts (history keeps them)."""
    engagement = delegation.engagement
    record_delete(delegation, editor=editor)
    _refresh_visit_figures(engagement)


def _part_check(delegation: Delegation, fields) -> None:
    require_city_contact(fields.get("person"), delegation.engagement.city_id, field="person")


@transaction.atomic
def delegation_member_create(*, delegation: Delegation, editor=None, **fields) -> DelegationMember:
    """Put a person on a delegation's list, with their role."""
    _part_check(delegation, fields)
    return record_save(DelegationMember(delegation=delegation), editor=editor, **fields)


@transaction.atomic
def itinerary_item_create(*, delegation: Delegation, editor=None, **fields) -> ItineraryItem:
    """Add a slot to a visit's programme."""
    return record_save(ItineraryItem(delegation=delegation), editor=editor, **fields)


@transaction.atomic
def gift_create(*, delegation: Delegation, editor=None, **fields) -> Gift:
    """Enter a gift given or received in the ethics register."""
    return record_save(Gift(delegation=delegation), editor=editor, **fields)


@transaction.atomic
def delegation_part_update(*, part, editor=None, **fields):
    """Change a member, itinerary item or gift of a delegation (the update of all three)."""
    _part_check(part.delegation, fields)
    return record_save(part, editor=editor, **fields)


@transaction.atomic
def delegation_part_delete(*, part, editor=None) -> None:
    """Remove a member, itinerary item or gift (the delete of all three); history keeps it."""
    record_delete(part, editor=editor)


# --- Follow-ups -------------------------------------------------------------------


def _refresh_follow_up_figures(engagement: Engagement) -> None:
    # Open and overdue follow-ups are report figures of their engagement's period.
    report_refresh_on_commit(city_id=engagement.city_id, days=[engagement.start_date])


def _completion(follow_up: FollowUp, fields: dict) -> dict:
    """The completion stamp goes with the status: set when it becomes done, else none.

    A done follow-up keeps the completion time it is given (one recorded
    after the fact), else the one it had, else now.
    """
    status = fields.get("status", follow_up.status)
    if status == FollowUpStatus.DONE:
        given = fields.get("completed_at")
        return {"completed_at": given or follow_up.completed_at or timezone.now()}
    return {"completed_at": None}


@transaction.atomic
def follow_up_create(*, engagement: Engagement, editor=None, **fields) -> FollowUp:
    """Record an action item that came out of an engagement; its owner is one
    of the city's editors (or nobody yet)."""
    require_may_own(fields.get("owner"), engagement.city_id, field="owner")
    follow_up = FollowUp(engagement=engagement, city_id=engagement.city_id)
    fields = {**fields, **_completion(follow_up, fields)}
    record_save(follow_up, editor=editor, **fields)
    _refresh_follow_up_figures(engagement)
    return follow_up


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, editor=None, **fields) -> FollowUp:
    """Change a follow-up: its description, owner, due date or status."""
    engagement = follow_up.engagement
    # Its own copy of the city follows the engagement it is (now) under.
    fields["city_id"] = fields.get("engagement", engagement).city_id
    if "owner" in fields and fields["owner"] != follow_up.owner:
        # A new owner is one of the city's editors; one kept (say, since made a
        # viewer) only has to work for the city, so the follow-up can still be closed.
        require_may_own(fields["owner"], engagement.city_id, field="owner")
    else:
        require_works_for(follow_up.owner, engagement.city_id, field="owner")
    fields = {**fields, **_completion(follow_up, fields)}
    record_save(follow_up, editor=editor, **fields)
    _refresh_follow_up_figures(engagement)
    return follow_up


@transaction.atomic
def follow_up_complete(*, follow_up: FollowUp, editor) -> FollowUp:
    """Mark a follow-up done (a second call changes nothing)."""
    if follow_up.status != FollowUpStatus.DONE:
        follow_up_update(follow_up=follow_up, editor=editor, status=FollowUpStatus.DONE)
    return follow_up


@transaction.atomic
def follow_up_bulk_update(*, follow_ups: Iterable[FollowUp], editor, **fields) -> int:
    """Change several follow-ups the same way (done, another owner): all of them or none.

    Each goes through ``follow_up_update``; reports are refreshed once for the lot.
    """
    changed = 0
    with report_refresh_batch():
        for follow_up in follow_ups:
            if fields.get("status") == FollowUpStatus.DONE == follow_up.status:
                continue  # done already: keep when it was done
            follow_up_update(follow_up=follow_up, editor=editor, **fields)
            changed += 1
    return changed


@transaction.atomic
def follow_up_delete(*, follow_up: FollowUp, editor=None) -> None:
    """Delete a follow-up logged by mistake."""
    engagement = follow_up.engagement
    record_delete(follow_up, editor=editor)
    _refresh_follow_up_figures(engagement)


# --- The trash --------------------------------------------------------------------


def report_refresh_for_trash(*, city_id: int, records: list) -> None:
    """Refresh the reports that count records leaving for the trash or coming back.

    An engagement counts in its periods; a partner's link in its engagement's
    (partner figures); a tie, a commitment or its progress in every
    stored periods' standing figures. Called by ``cities.trash`` (see ``apps.py``).
    """
    days = [record.start_date for record in records if isinstance(record, Engagement)]
    linked = {
        record.engagement_id
        for record in records
        if isinstance(record, Engagement.partners.through)
    }
    if linked:
        days += Engagement.objects.filter(pk__in=linked).values_list("start_date", flat=True)
    if days:
        report_refresh_on_commit(city_id=city_id, days=days)
    if any(isinstance(record, SisterCityTie | Commitment | ProgressEntry) for record in records):
        # Ties and commitments are standing figures of every stored period.
        report_refresh_standing(city_id=city_id)
