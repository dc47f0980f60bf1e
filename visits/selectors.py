"""Reads of the visit pages: the triage queue, a request with its duplicate
flag, and everything a briefing pack shows, each in a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q

from cities.models import Commitment, Partner, SdgTarget, SisterCityTie
from engagements.choices import EngagementKind, FollowUpStatus
from engagements.models import Engagement, FollowUp
from engagements.periods import years_before
from engagements.selectors import delegation_parts, duplicate_request_engagements
from visits.choices import GOVERNMENT_REQUESTERS
from visits.models import VisitRequest

# Tie anniversaries worth a line in a briefing: every fifth year.
ANNIVERSARY_EVERY = 5


def visit_request_rows(queryset):
    """The queue's rows: topics and the engagements flagged at intake, no query per row."""
    return queryset.select_related("city__city").prefetch_related(
        "topics",
        Prefetch("flagged_engagements", queryset=Engagement.objects.order_by("-start_date")),
    )


def visit_request_duplicates(visit_request: VisitRequest, *, topics=None):
    """The city's engagements that make this request a duplicate, as of now."""
    return duplicate_request_engagements(
        city=visit_request.city,
        on=visit_request.preferred_start,
        topics=topics if topics is not None else visit_request.topics.all(),
        partners=list(
            Partner.objects.filter(
                city=visit_request.city,
                name__iexact=visit_request.organisation.strip(),
                country=visit_request.country,
            )
        ),
        organisation=visit_request.organisation,
        government_of=(
            visit_request.country.code
            if visit_request.requester_kind in GOVERNMENT_REQUESTERS
            else ""
        ),
    )


def _next_anniversaries(established: datetime.date | None, today: datetime.date) -> list[dict]:
    """The tie's next round anniversary (every fifth year) from today."""
    if established is None:
        return []
    age = max(today.year - established.year, 1)
    age += -age % ANNIVERSARY_EVERY
    day = years_before(established, -age)
    if day < today:
        age += ANNIVERSARY_EVERY
        day = years_before(established, -age)
    return [{"age": age, "day": day}]


def briefing_context(engagement: Engagement, *, today: datetime.date) -> dict:
    """Everything the mayor's briefing pack of ``engagement`` shows.

    The visit at a glance (delegation, members, itinerary, gifts planned), each
    partner's profile and sensitivity note, earlier engagements with the
    partners and with their countries, the sister-city tie with a partner's
    city (and anniversaries coming up), open follow-ups with the partners, and
    the city's commitments whose SDG targets overlap the visit's.
    """
    city = engagement.city
    partners = list(engagement.partners.select_related("partner_city").order_by("name"))
    delegation = getattr(engagement, "delegation", None) if _has_delegation(engagement) else None
    parts = delegation_parts(delegation)
    partner_ids = [p.pk for p in partners]
    countries = sorted({p.country.code for p in partners})
    earlier = (
        Engagement.objects.live()
        .filter(city=city, start_date__lt=engagement.start_date)
        .filter(Q(partners__in=partner_ids) | Q(partners__country__in=countries))
        .exclude(pk=engagement.pk)
        .distinct()
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("name")))
        .order_by("-start_date")
    )
    earlier = list(earlier[:40])
    with_partner = [e for e in earlier if any(p.pk in partner_ids for p in e.partners.all())]
    with_country = [e for e in earlier if e not in with_partner]
    seats = [p.partner_city_id for p in partners if p.partner_city_id]
    ties = list(
        SisterCityTie.objects.filter(city=city, partner_city_id__in=seats).select_related(
            "partner_city"
        )
    )
    tie_rows = [
        {"tie": tie, "anniversaries": _next_anniversaries(tie.established_on, today)}
        for tie in ties
    ]
    follow_ups = list(
        FollowUp.objects.filter(
            engagement__city=city,
            engagement__partners__in=partner_ids,
            status=FollowUpStatus.OPEN,
        )
        .select_related("engagement", "owner")
        .distinct()
        .order_by("due_date", "pk")
    )
    target_ids = [t.pk for t in engagement.sdg_targets.all()]
    commitments = list(
        Commitment.objects.filter(city=city, sdg_targets__in=target_ids)
        .distinct()
        .prefetch_related(
            Prefetch(
                "sdg_targets",
                queryset=SdgTarget.objects.filter(pk__in=target_ids).select_related("goal"),
                to_attr="shared_targets",
            )
        )
        .with_latest_progress()
        .order_by("title")
    )
    briefing = getattr(engagement, "briefing", None) if _has_briefing(engagement) else None
    return {
        "engagement": engagement,
        "city": city,
        "delegation": delegation,
        "members": parts["members"],
        "itinerary": parts["itinerary"],
        "gifts_planned": [g for g in parts["gifts"] if g.direction == "given"],
        "partners": partners,
        "earlier_with_partner": with_partner,
        "earlier_with_country": with_country,
        "agreement_kind": EngagementKind.AGREEMENT,
        "ties": tie_rows,
        "follow_ups": follow_ups,
        "commitments": commitments,
        "talking_points": briefing.talking_points if briefing else "",
        "today": today,
    }


def _has_delegation(engagement) -> bool:
    try:
        return engagement.delegation is not None
    except Engagement.delegation.RelatedObjectDoesNotExist:
        return False


def _has_briefing(engagement) -> bool:
    try:
        return engagement.briefing is not None
    except Engagement.briefing.RelatedObjectDoesNotExist:
        return False
