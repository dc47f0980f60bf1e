"""The reminder emails: each user's follow-ups due soon and overdue, each city's
editors' visits of the coming week whose checklist is incomplete, and the
viewers' weekly digest. One email per user and kind, each claimed in
``ReminderDelivery`` first, so a second run of the same day sends nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q

from cities.choices import StaffRole
from cities.models import Partner
from engagements.choices import VISIT_KINDS, EngagementKind, EngagementStatus, FollowUpStatus
from engagements.models import DelegationMember, Engagement, FollowUp, ItineraryItem
from visits.choices import ReminderKind
from visits.emails import email_send
from visits.models import ReminderDelivery

FOLLOW_UP_DAYS_AHEAD = 3
CHECKLIST_DAYS_AHEAD = 7
DIGEST_DAYS = 7


def _opted_in(users, kind: str):
    """``users`` with an email who have not turned ``kind`` off."""
    return users.exclude(email="").exclude(**{f"reminder_preference__{kind}": False})


def _claim(user, kind: str, day: datetime.date) -> ReminderDelivery | None:
    try:
        with transaction.atomic():
            return ReminderDelivery.objects.create(user=user, kind=kind, day=day)
    except IntegrityError:
        return None  # already sent today


def _deliver(user, kind: str, day: datetime.date, *, template: str, context: dict) -> bool:
    """Send one email to ``user`` unless today's was sent; a failed send is retried next run."""
    claim = _claim(user, kind, day)
    if claim is None:
        return False
    try:
        email_send(to=[user.email], template=template, context={"user": user, **context})
    except Exception:
        claim.delete()
        raise
    return True


def follow_up_reminders_send(*, today: datetime.date) -> int:
    """Email each user their open follow-ups due within three days or overdue: one email each."""
    due = (
        FollowUp.objects.filter(
            status=FollowUpStatus.OPEN,
            due_date__lte=today + datetime.timedelta(days=FOLLOW_UP_DAYS_AHEAD),
            owner__in=_opted_in(get_user_model().objects.all(), "follow_ups"),
        )
        .select_related("engagement", "owner")
        .order_by("due_date", "pk")
    )
    by_owner = defaultdict(list)
    for follow_up in due:
        by_owner[follow_up.owner].append(follow_up)
    sent = 0
    for user, follow_ups in by_owner.items():
        overdue = [f for f in follow_ups if f.due_date < today]
        coming = [f for f in follow_ups if f.due_date >= today]
        sent += _deliver(
            user,
            ReminderKind.FOLLOW_UPS,
            today,
            template="follow_ups",
            context={
                "overdue": overdue,
                "coming": coming,
                "count": len(follow_ups),
                "today": today,
            },
        )
    return sent


def checklist_gaps(engagement: Engagement) -> list[str]:
    """What a visit's protocol checklist still lacks (empty when it is complete).

    Reads the prefetched delegation, members and itinerary.
    """
    from django.utils.translation import gettext as _

    delegation = getattr(engagement, "delegation", None)
    if delegation is None:
        return [_("no visit file")]
    gaps = []
    if not delegation.protocol_level:
        gaps.append(_("protocol level"))
    members = list(delegation.members.all())
    if delegation.head_id is None and not any(m.role == "head" for m in members):
        gaps.append(_("head of delegation"))
    if not members:
        gaps.append(_("members"))
    if not list(delegation.itinerary.all()):
        gaps.append(_("itinerary"))
    if delegation.interpreters_needed and not delegation.interpreter_notes:
        gaps.append(_("interpreters"))
    if delegation.press_needed and not delegation.press_notes:
        gaps.append(_("press"))
    if delegation.security_needed and not delegation.security_notes:
        gaps.append(_("security"))
    return gaps


def upcoming_visits_with_gaps(*, today: datetime.date) -> dict[int, list[tuple]]:
    """{city id: [(engagement, gaps)]}: visits of the next seven days with checklist gaps."""
    visits = (
        Engagement.objects.filter(
            kind__in=VISIT_KINDS,
            status__in=[EngagementStatus.PLANNED, EngagementStatus.CONFIRMED],
            start_date__gte=today,
            start_date__lte=today + datetime.timedelta(days=CHECKLIST_DAYS_AHEAD),
        )
        .select_related("delegation")
        .prefetch_related(
            Prefetch("delegation__members", queryset=DelegationMember.objects.all()),
            Prefetch("delegation__itinerary", queryset=ItineraryItem.objects.all()),
        )
        .order_by("start_date", "pk")
    )
    by_city = defaultdict(list)
    for engagement in visits:
        if not _has_delegation(engagement):
            engagement.delegation = None
        if gaps := checklist_gaps(engagement):
            by_city[engagement.city_id].append((engagement, gaps))
    return by_city


def _has_delegation(engagement) -> bool:
    try:
        return engagement.delegation is not None
    except Engagement.delegation.RelatedObjectDoesNotExist:
        return False


def checklist_reminders_send(*, today: datetime.date) -> int:
    """Email each city's editors its visits of the next seven days whose checklist is incomplete."""
    by_city = upcoming_visits_with_gaps(today=today)
    if not by_city:
        return 0
    editors = _opted_in(
        get_user_model().objects.filter(
            staff__city_id__in=by_city, staff__role=StaffRole.EDITOR, is_active=True
        ),
        "visit_checklists",
    ).select_related("staff")
    sent = 0
    for user in editors:
        sent += _deliver(
            user,
            ReminderKind.VISIT_CHECKLISTS,
            today,
            template="visit_checklists",
            context={"visits": by_city[user.staff.city_id], "today": today},
        )
    return sent


def weekly_digest_send(*, today: datetime.date) -> int:
    """Email each city's viewers (the mayor's office) the past week's engagements and figures."""
    start = today - datetime.timedelta(days=DIGEST_DAYS)
    viewers = _opted_in(
        get_user_model().objects.filter(staff__role=StaffRole.VIEWER, is_active=True),
        "weekly_digest",
    ).select_related("staff__city__city")
    by_city = defaultdict(list)
    for user in viewers:
        by_city[user.staff.city].append(user)
    sent = 0
    for city, users in by_city.items():
        week = Engagement.objects.live().filter(
            city=city, start_date__gte=start, start_date__lt=today
        )
        counted = week.aggregate(
            engagement_count=Count("pk", distinct=True),
            partner_count=Count("partners", distinct=True),
            country_count=Count("partners__country", distinct=True),
            agreement_count=Count("pk", distinct=True, filter=Q(kind=EngagementKind.AGREEMENT)),
        )
        figures = {
            "engagements": counted["engagement_count"],
            "partners": counted["partner_count"],
            "countries": counted["country_count"],
            "agreements": counted["agreement_count"],
        }
        overdue = FollowUp.objects.for_city(city).overdue(today).count()
        engagements = list(
            week.prefetch_related(
                Prefetch("partners", queryset=Partner.objects.order_by("name"))
            ).order_by("start_date", "pk")
        )
        context = {
            "city": city,
            "start": start,
            "end": today - datetime.timedelta(days=1),
            "figures": {**figures, "overdue": overdue},
            "engagements": engagements,
        }
        for user in users:
            sent += _deliver(
                user, ReminderKind.WEEKLY_DIGEST, today, template="weekly_digest", context=context
            )
    return sent
