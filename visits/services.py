"""Writes of a visit's life: a public request comes in, is accepted (creating
its engagement and delegation through ``engagements.services``), declined or
sent back for more; staff write the briefing's talking points; users choose
their reminders. Each is atomic, ends in ``record_save``, and emails the
requester after commit.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import Partner
from cities.records import record_save
from cities.services import partner_create
from engagements.choices import EngagementKind, EngagementStatus, MemberRole
from engagements.models import Delegation, Engagement
from engagements.services import delegation_member_create, delegation_update, engagement_log
from visits.choices import REQUESTER_PARTNER_KIND, VisitRequestStatus
from visits.emails import email_send
from visits.models import Briefing, ReminderPreference, VisitRequest
from visits.selectors import visit_request_duplicates


def visit_request_email(*, visit_request_id: int, template: str) -> None:
    """Email the requester about their request, in their language, with its reference."""
    visit_request = VisitRequest.objects.select_related("city__city").get(pk=visit_request_id)
    email_send(
        to=[visit_request.contact_email],
        template=template,
        context={"visit_request": visit_request, "city": visit_request.city},
        language=visit_request.language,
    )


def _email_requester(visit_request: VisitRequest, template: str) -> None:
    from visits.tasks import send_visit_request_email

    pk = visit_request.pk
    transaction.on_commit(
        lambda: send_visit_request_email.delay(visit_request_id=pk, template=template)
    )


@transaction.atomic
def visit_request_submit(*, city, topics=None, **fields) -> VisitRequest:
    """Put a public visit request in ``city``'s triage queue, flagged if it is a
    duplicate request; the requester is emailed its reference number."""
    if not city.accepts_visit_requests:
        raise ValidationError(_("This city does not take visit requests online."))
    visit_request = record_save(VisitRequest(city=city), m2m={"topics": topics}, **fields)
    flagged = list(visit_request_duplicates(visit_request, topics=topics or []))
    visit_request.flagged_engagements.set(flagged)
    _email_requester(visit_request, "request_received")
    return visit_request


def _require_open(visit_request: VisitRequest) -> None:
    if not visit_request.is_open:
        raise ValidationError(
            _("This request was already %(status)s.")
            % {"status": visit_request.get_status_display().lower()}
        )


def visit_request_partner(visit_request: VisitRequest, *, editor) -> Partner:
    """The city's partner for the requesting organisation: matched by name and
    country, else recorded now."""
    partner = Partner.objects.filter(
        city=visit_request.city,
        name__iexact=visit_request.organisation.strip(),
        country=visit_request.country,
    ).first()
    if partner is not None:
        return partner
    return partner_create(
        city=visit_request.city,
        editor=editor,
        name=visit_request.organisation.strip(),
        country=visit_request.country,
        kind=REQUESTER_PARTNER_KIND[visit_request.requester_kind],
    )


@transaction.atomic
def visit_request_accept(
    *, visit_request: VisitRequest, editor, duplicate_reason: str = ""
) -> Engagement:
    """Accept a request: the engagement is created with its delegation, the
    partner matched or created, and the members filled in from the request.

    A request flagged as a duplicate needs ``duplicate_reason``, which is kept.
    """
    _require_open(visit_request)
    duplicate_reason = duplicate_reason.strip()
    if visit_request_duplicates(visit_request).exists() and not duplicate_reason:
        raise ValidationError(
            {"duplicate_reason": _("This is a duplicate request: say why it is accepted anyway.")}
        )
    partner = visit_request_partner(visit_request, editor=editor)
    engagement = engagement_log(
        city=visit_request.city,
        author=editor,
        partners=[partner],
        topics=list(visit_request.topics.all()),
        kind=EngagementKind.INBOUND_DELEGATION,
        status=EngagementStatus.PLANNED,
        title=_("Visit of %(organisation)s") % {"organisation": visit_request.organisation},
        start_date=visit_request.preferred_start,
        end_date=visit_request.preferred_end,
        summary=visit_request.purpose,
    )
    delegation = Delegation.objects.get(engagement=engagement)
    delegation_update(
        delegation=delegation,
        editor=editor,
        interpreters_needed=visit_request.interpretation_needed,
        interpreter_notes=visit_request.interpretation_language[:300],
        press_needed=visit_request.press_expected,
        notes=_("Requested through the public form (%(reference)s); level asked for: %(level)s.")
        % {
            "reference": visit_request.reference,
            "level": visit_request.get_host_level_display(),
        },
    )
    for index, (name, title) in enumerate(visit_request.visitor_lines()):
        delegation_member_create(
            delegation=delegation,
            editor=editor,
            name=name,
            title=title,
            organisation=visit_request.organisation[:200],
            role=MemberRole.HEAD if index == 0 else MemberRole.MEMBER,
        )
    record_save(
        visit_request,
        editor=editor,
        status=VisitRequestStatus.ACCEPTED,
        engagement=engagement,
        duplicate_reason=duplicate_reason,
        decided_by=editor,
        decided_at=timezone.now(),
    )
    _email_requester(visit_request, "request_accepted")
    return engagement


@transaction.atomic
def visit_request_decline(*, visit_request: VisitRequest, editor, reason: str) -> VisitRequest:
    """Decline a request with the reason the requester is sent."""
    _require_open(visit_request)
    if not reason.strip():
        raise ValidationError({"staff_message": _("Give the reason the requester will read.")})
    record_save(
        visit_request,
        editor=editor,
        status=VisitRequestStatus.DECLINED,
        staff_message=reason.strip(),
        decided_by=editor,
        decided_at=timezone.now(),
    )
    _email_requester(visit_request, "request_declined")
    return visit_request


@transaction.atomic
def visit_request_ask_more(*, visit_request: VisitRequest, editor, message: str) -> VisitRequest:
    """Ask the requester for more information; the request stays in the queue."""
    _require_open(visit_request)
    if not message.strip():
        raise ValidationError({"staff_message": _("Say what more you need to know.")})
    record_save(
        visit_request,
        editor=editor,
        status=VisitRequestStatus.MORE_INFO,
        staff_message=message.strip(),
    )
    _email_requester(visit_request, "request_more_info")
    return visit_request


@transaction.atomic
def briefing_update(*, engagement: Engagement, editor, talking_points: str) -> Briefing:
    """Write the talking points of an engagement's briefing pack."""
    briefing = Briefing.objects.filter(engagement=engagement).first() or Briefing(
        engagement=engagement
    )
    return record_save(briefing, editor=editor, talking_points=talking_points)


@transaction.atomic
def reminder_preference_update(*, user, **choices) -> ReminderPreference:
    """Turn each kind of reminder email on or off for ``user``."""
    preference = ReminderPreference.objects.filter(user=user).first() or ReminderPreference(
        user=user
    )
    return record_save(preference, **choices)
