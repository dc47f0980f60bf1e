"""Reads of planned missions: a city's own, the ones other cities share, and
where they overlap.

Another city's plan never leaves this module as a model instance: it becomes a
``SharedPlan`` holding only what its city's sharing level shows (country,
month, direction; partner and topics at the full level), so no page can show
a title, a note or a partner that was not shared.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from cities.scoping import staff_city
from missions.choices import SHARING_LEVELS_WITH_PARTNER, PlanDirection, SharingLevel
from missions.models import MissionSharing, PlannedMission

OVERLAP_DAYS = 30
SAME_COUNTRY = _("same country within 30 days")
SAME_PARTNER = _("same partner")


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def previous_month(month: datetime.date) -> datetime.date:
    return month_start(month_start(month) - datetime.timedelta(days=1))


def months_within(a: datetime.date, b: datetime.date, days: int = OVERLAP_DAYS) -> bool:
    """Whether some day of month ``a`` lies within ``days`` days of some day of month ``b``.

    Plans are kept to a month, so two plans may be within 30 days of each
    other when their months are the same, adjacent, or (around February)
    separated by a short month.
    """
    first, second = sorted((month_start(a), month_start(b)))
    return (second - month_end(first)).days <= days


def partner_key(name: str, country) -> tuple[str, str]:
    """How the same partner is recognised across cities (each keeps its own record)."""
    return (" ".join(name.casefold().split()), str(country))


def sharing_level(city) -> str:
    """A city's sharing level; a city that never chose shares nothing."""
    if city is None:
        return SharingLevel.OFF
    level = MissionSharing.objects.filter(city=city).values_list("level", flat=True).first()
    return level or SharingLevel.OFF


@dataclass(frozen=True)
class SharedPlan:
    """Another city's plan, as much of it as that city chose to share."""

    city_id: int
    city_name: str
    direction: str
    country: Country
    month: datetime.date
    partner_name: str = ""
    partner_country: str = ""
    topics: tuple[str, ...] = ()

    @property
    def direction_label(self) -> str:
        return PlanDirection(self.direction).label

    @property
    def shows_partner(self) -> bool:
        return bool(self.partner_name)

    @classmethod
    def of(cls, plan: PlannedMission) -> SharedPlan:
        level = plan.city.mission_sharing.level
        values = {
            "city_id": plan.city_id,
            "city_name": plan.city.city.name,
            "direction": plan.direction,
            "country": plan.country,
            "month": plan.month,
        }
        if level in SHARING_LEVELS_WITH_PARTNER:
            if plan.partner is not None:
                values["partner_name"] = plan.partner.name
                values["partner_country"] = str(plan.partner.country)
            values["topics"] = tuple(topic.name for topic in plan.topics.all())
        return cls(**values)


def shared_plans(user, *, since: datetime.date) -> list[SharedPlan]:
    """The plans other cities share with ``user``'s city, from ``since``'s month on.

    A city that does not share still sees what others share; its own plans
    are never in this list.
    """
    plans = (
        PlannedMission.objects.shared()
        .from_month(since)
        .select_related("city__city", "city__mission_sharing", "partner")
        .prefetch_related("topics")
        .order_by("month", "country", "city__slug", "pk")
    )
    own = staff_city(user)
    if own is not None:
        plans = plans.exclude(city=own)
    return [SharedPlan.of(plan) for plan in plans]


@dataclass
class Overlap:
    """One of a city's plans and another city's shared plan it may collide with."""

    plan: PlannedMission
    other: SharedPlan
    reasons: list = field(default_factory=list)


def overlaps(plans: Iterable[PlannedMission], others: Iterable[SharedPlan]) -> list[Overlap]:
    """Pairs of an own plan and a shared plan that overlap: the same country within
    30 days, or the same partner (known only when the other city shares it)."""
    others = list(others)
    found = []
    for plan in plans:
        own_partner = partner_key(plan.partner.name, plan.partner.country) if plan.partner else None
        for other in others:
            if other.city_id == plan.city_id:  # a site admin sees every city's plans
                continue
            reasons = []
            if other.country == plan.country and months_within(plan.month, other.month):
                reasons.append(SAME_COUNTRY)
            if (
                own_partner is not None
                and other.shows_partner
                and partner_key(other.partner_name, other.partner_country) == own_partner
            ):
                reasons.append(SAME_PARTNER)
            if reasons:
                found.append(Overlap(plan=plan, other=other, reasons=reasons))
    return found


def city_plans_with_overlaps(user, *, today: datetime.date):
    """``user``'s city's plans from this month on, each with ``overlaps`` set,
    and the plans other cities share from last month on (one list for both pages)."""
    this_month = month_start(today)
    plans = list(
        PlannedMission.objects.for_user(user)
        .from_month(this_month)
        .select_related("city__city")
        .for_list()
    )
    others = shared_plans(user, since=previous_month(this_month))
    found = overlaps(plans, others)
    for plan in plans:
        plan.overlaps = [item for item in found if item.plan is plan]
    return plans, others, found


def plan_overlaps(user, plan: PlannedMission, *, today: datetime.date) -> list[Overlap]:
    """The shared plans (from last month on) one of ``user``'s city's plans overlaps."""
    others = shared_plans(user, since=previous_month(min(plan.month, month_start(today))))
    return overlaps([plan], others)
