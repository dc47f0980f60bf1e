"""Reads for the staff pages: what each list row and detail page shows, in a
fixed number of queries.

Every function takes a queryset the caller scoped with ``for_user`` (or a
record fetched through ``get_for_user_or_404``); none decides who sees what.
"""

from __future__ import annotations

import bisect
import datetime

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from cities.choices import TieStatus
from cities.models import Partner, SdgTarget
from cities.pagination import chosen_ordering
from engagements.choices import VISIT_KINDS, EngagementStatus
from engagements.models import (
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
    Topic,
)
from engagements.models.follow_ups import overdue_condition
from engagements.periods import years_before

UPCOMING_DAYS = 90

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
    return chosen_ordering(filterset, ENGAGEMENT_ORDERINGS, DEFAULT_ENGAGEMENT_ORDERING)


# The columns a list row shows (engagement_table.html), and no more: the long
# texts (summary, outcomes, notes) stay in the database.
ENGAGEMENT_ROW_FIELDS = (
    "city_id",
    "kind",
    "title",
    "start_date",
    "end_date",
    "location",
    "status",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
)


def engagement_rows(queryset):
    """What a list row shows: partners (with their sensitivity), topics, owner.

    The partners and topics come as plain lists (``partner_rows``,
    ``topic_rows``): reading a prefetched relation through its manager builds a
    manager and a queryset per row, a tenth of a long list's rendering.
    """
    return (
        queryset.select_related("owner")
        .only(*ENGAGEMENT_ROW_FIELDS)
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=Partner.objects.order_by("name").only("name", "sensitivity_note"),
                to_attr="partner_rows",
            ),
            Prefetch("topics", queryset=Topic.objects.all(), to_attr="topic_rows"),
        )
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
    # Through the delegation, so its leader (a member, maybe) reads them for free.
    prefetch_related_objects([delegation], "members")
    return {
        "members": list(delegation.members.all()),
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
        is_overdue=overdue_condition(today)
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
        kind__in=VISIT_KINDS,
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
            overlaps_delegation=Q(kind__in=VISIT_KINDS) & Exists(others),
        )
        .select_related("city__city")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("name")))
        .order_by(F("start_date").asc(), "pk")
    )


# --- Sister-city ties -------------------------------------------------------

# A live tie with no engagement with a partner based in the tied city within
# this many years (counting an engagement exactly that long ago) is dormant.
DORMANT_AFTER_YEARS = 2


def tie_has_recent_engagement(as_of: datetime.date) -> Exists:
    """The one definition of an active tie, as an expression over a tie queryset.

    True when the tie's city held a live (not cancelled) engagement with a
    partner based in the tied city on or after the same day
    ``DORMANT_AFTER_YEARS`` years before ``as_of``, and not after ``as_of``.
    The ties pages, the partner profile and the reports all use it.
    """
    return Exists(
        Engagement.objects.live().filter(
            city=OuterRef("city"),
            partners__partner_city=OuterRef("partner_city"),
            start_date__gte=years_before(as_of, DORMANT_AFTER_YEARS),
            start_date__lte=as_of,
        )
    )


def tie_active_on(engagement_days: list[datetime.date], as_of: datetime.date) -> bool:
    """``tie_has_recent_engagement`` over days already fetched, for many ``as_of`` at once.

    ``engagement_days`` are the sorted start days of the live engagements of
    the tie's city with a partner based in the tied city: the same rule, so
    the stored reports can judge every period's ties from one query.
    """
    first = years_before(as_of, DORMANT_AFTER_YEARS)
    index = bisect.bisect_left(engagement_days, first)
    return index < len(engagement_days) and engagement_days[index] <= as_of


def ties_with_activity(queryset, *, today: datetime.date):
    """Annotate ``last_engagement_on`` and ``is_dormant`` (a live tie, not active) in SQL."""
    last = (
        Engagement.objects.live()
        .filter(
            city=OuterRef("city"),
            partners__partner_city=OuterRef("partner_city"),
            start_date__lte=today,
        )
        .order_by("-start_date")
        .values("start_date")[:1]
    )
    return queryset.select_related("partner_city", "city__city").annotate(
        last_engagement_on=Subquery(last),
        is_dormant=ExpressionWrapper(
            ~Q(status=TieStatus.ENDED) & ~tie_has_recent_engagement(today),
            output_field=BooleanField(),
        ),
    )


def tie_engagements(engagements, tie):
    """The engagements of the tie's city with partners based in the tied city."""
    link = Engagement.partners.through.objects.filter(
        engagement_id=OuterRef("pk"), partner__partner_city_id=tie.partner_city_id
    )
    return engagements.filter(city_id=tie.city_id).filter(Exists(link))


# --- The duplicate-request rule ----------------------------------------------

# Partner kinds that speak for their country's government: for the duplicate
# rule, an embassy, a consulate and a ministry of one country are one requester.
GOVERNMENT_PARTNER_KINDS = ("national_government", "diplomatic_mission")


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def duplicate_request_engagements(
    *,
    city,
    on: datetime.date,
    topics,
    partners=(),
    organisation: str = "",
    government_of: str = "",
    exclude_pk: int | None = None,
):
    """The earlier engagements that make a visit on ``on`` a duplicate request.

    The rule: no second visit from the same body on an overlapping topic
    within the city's window (``duplicate_window_years``, default 2) of
    another. The same body is one of ``partners``, a partner of the city
    with the same name as one of them or as ``organisation``, or, for a
    government requester, any government body of the same country
    (``government_of``, or the country of a government partner given).
    Cancelled engagements do not count. Used by the public intake and the
    triage queue (``visits``) and by the engagement form.
    """
    topic_ids = [getattr(topic, "pk", topic) for topic in topics or []]
    partners = [p for p in partners or [] if p is not None]
    if not topic_ids or not (partners or organisation or government_of):
        return Engagement.objects.none()
    same_body = Q(pk__in=[p.pk for p in partners])
    names = {p.name for p in partners} | ({organisation.strip()} - {""})
    for name in names:
        same_body |= Q(name__iexact=name)
    countries = {p.country.code for p in partners if p.kind in GOVERNMENT_PARTNER_KINDS}
    countries |= {government_of} - {""}
    if countries:
        same_body |= Q(country__in=countries, kind__in=GOVERNMENT_PARTNER_KINDS)
    body = Partner.objects.filter(same_body, city=city).values("pk")
    window = city.duplicate_window_years
    link = Engagement.partners.through.objects.filter(
        engagement_id=OuterRef("pk"), partner_id__in=body
    )
    on_topic = Engagement.topics.through.objects.filter(
        engagement_id=OuterRef("pk"), topic_id__in=topic_ids
    )
    earlier = (
        Engagement.objects.live()
        .filter(
            city=city,
            start_date__gte=years_before(on, window),
            start_date__lte=_years_after(on, window),
        )
        .filter(Exists(link), Exists(on_topic))
    )
    if exclude_pk is not None:
        earlier = earlier.exclude(pk=exclude_pk)
    return earlier.prefetch_related(
        Prefetch("partners", queryset=Partner.objects.order_by("name")), "topics"
    ).order_by("-start_date", "-pk")
