"""Reads for the staff pages: what each list row and detail page shows, in a
fixed number of queries.

Every function takes a queryset the caller scoped with ``for_user`` (or a
record fetched through ``get_for_user_or_404``); none decides who sees what.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce

from cities.models import Partner, SdgTarget
from engagements.choices import EngagementKind, EngagementStatus
from engagements.models import (
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
)

UPCOMING_DAYS = 90
DELEGATION_KINDS = (
    EngagementKind.INBOUND_DELEGATION,
    EngagementKind.OUTBOUND_MISSION,
    EngagementKind.TRADE_MISSION,
)

# The list's sort choices (the filter's ``ordering`` values) and the keys the
# paginator seeks on; each is backed by an index that starts with the city.
ENGAGEMENT_ORDERINGS = {
    "date": ["start_date", "pk"],
    "-date": ["-start_date", "-pk"],
    "title": ["title", "pk"],
    "-title": ["-title", "-pk"],
    "kind": ["kind", "-start_date", "-pk"],
    "-kind": ["-kind", "-start_date", "-pk"],
    "status": ["status", "-start_date", "-pk"],
    "-status": ["-status", "-start_date", "-pk"],
}
DEFAULT_ENGAGEMENT_ORDERING = "-date"


def engagement_ordering(filterset) -> tuple[str, list[str]]:
    """The chosen sort (first of the filter's ``ordering`` values) and its keys."""
    chosen = DEFAULT_ENGAGEMENT_ORDERING
    if filterset.is_bound and filterset.form.is_valid():
        values = filterset.form.cleaned_data.get("ordering") or []
        if values and values[0] in ENGAGEMENT_ORDERINGS:
            chosen = values[0]
    return chosen, ENGAGEMENT_ORDERINGS[chosen]


def engagement_rows(queryset):
    """What a list row shows: partners (with their sensitivity), topics, owner."""
    return queryset.select_related("owner").prefetch_related(
        Prefetch("partners", queryset=Partner.objects.order_by("name")),
        "topics",
    )


def engagement_detail(queryset):
    """An engagement with everything its page shows, delegation parts included."""
    return queryset.select_related(
        "city__city", "owner", "created_by", "delegation", "delegation__head"
    ).prefetch_related(
        Prefetch("partners", queryset=Partner.objects.order_by("name")),
        "topics",
        Prefetch("sdg_targets", queryset=SdgTarget.objects.select_related("goal")),
        Prefetch(
            "follow_ups", queryset=FollowUp.objects.select_related("owner").order_by("due_date")
        ),
    )


def delegation_parts(delegation):
    """Members, itinerary and gifts of a delegation: three queries."""
    if delegation is None:
        return {"members": [], "itinerary": [], "gifts": []}
    return {
        "members": list(DelegationMember.objects.filter(delegation=delegation)),
        "itinerary": list(ItineraryItem.objects.filter(delegation=delegation)),
        "gifts": list(Gift.objects.filter(delegation=delegation)),
    }


def engagement_as_initial(engagement: Engagement) -> dict:
    """A form's starting values for "log a similar one": same who and what, new date."""
    return {
        "kind": engagement.kind,
        "title": engagement.title,
        "location": engagement.location,
        "status": EngagementStatus.PLANNED,
        "partners": [p.pk for p in engagement.partners.all()],
        "topics": [t.pk for t in engagement.topics.all()],
        "sdg_targets": [t.pk for t in engagement.sdg_targets.all()],
        "summary": engagement.summary,
        "owner": engagement.owner_id,
    }


def follow_up_rows(queryset, *, today: datetime.date):
    """Follow-ups with their engagement and owner; ``is_overdue`` for the badge."""
    return queryset.select_related("engagement", "owner").annotate(
        is_overdue=Q(status="open", due_date__lt=today)
    )


def gift_rows(queryset):
    return queryset.select_related("delegation__engagement")


def upcoming_engagements(queryset, *, today: datetime.date):
    """Planned and confirmed engagements of the next 90 days, with overlap flags.

    ``overlaps_delegation`` is true for a visit or mission whose days overlap
    another live one's of the same city: computed by the database with EXISTS.
    """
    until = today + datetime.timedelta(days=UPCOMING_DAYS)
    live = (EngagementStatus.PLANNED, EngagementStatus.CONFIRMED)
    others = Engagement.objects.filter(
        city=OuterRef("city"),
        kind__in=DELEGATION_KINDS,
        status__in=live,
        start_date__lte=OuterRef("last_day_on"),
    ).exclude(pk=OuterRef("pk"))
    others = others.annotate(other_last=Coalesce("end_date", "start_date")).filter(
        other_last__gte=OuterRef("start_date")
    )
    return (
        queryset.filter(status__in=live, start_date__gte=today, start_date__lte=until)
        .annotate(last_day_on=Coalesce("end_date", "start_date"))
        .annotate(
            overlaps_delegation=Q(kind__in=DELEGATION_KINDS) & Exists(others),
        )
        .select_related("city__city")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("name")))
        .order_by(F("start_date").asc(), "pk")
    )
