"""What a city publishes, as plain records: the one place that decides what is public.

The public page, the CSV files and the JSON files all read these records, so
nothing reaches the public by another road. Fields are listed one by one
(never "every field of the model"): a partner's sensitivity note, a person's
name or contact details, the engagement's owner and internal notes are simply
not among them, and a gift's value only is when the city publishes values.
The columns are documented in docs/open-data.md (a test checks that every
column is).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cities.choices import TieStatus
from cities.models import Commitment, Partner, SisterCityTie
from engagements.choices import EngagementStatus
from engagements.models import Delegation, Engagement, Gift
from transparency.models import PublicProfile

ENGAGEMENT_ORDERING = ["-start_date", "-pk"]


def published_profile_or_404(slug: str) -> PublicProfile:
    """The profile of a city that publishes; any other slug, opted in or not, is a 404."""
    profile = (
        PublicProfile.objects.published()
        .select_related("city__city")
        .filter(city__slug=slug)
        .first()
    )
    if profile is None:
        raise Http404(gettext("This city does not publish a public page."))
    return profile


def public_engagements(city):
    """The engagements a city shows: completed and marked public (the partial index's rows)."""
    return (
        Engagement.objects.for_city(city)
        .filter(is_public=True, status=EngagementStatus.COMPLETED)
        .prefetch_related(
            Prefetch("partners", queryset=Partner.objects.only("pk", "name", "country", "kind")),
            "topics",
            "sdg_targets",
            Prefetch(
                "delegation",
                queryset=Delegation.objects.only("pk", "engagement_id").prefetch_related(
                    Prefetch("gifts", queryset=Gift.objects.order_by("pk"))
                ),
            ),
        )
    )


def public_ties(city):
    return (
        SisterCityTie.objects.for_city(city)
        .select_related("partner_city")
        .order_by("partner_city__name", "pk")
    )


def public_commitments(city):
    return (
        Commitment.objects.for_city(city)
        .with_latest_progress()
        .select_related("indicator")
        .prefetch_related("sdg_targets")
        .order_by("title", "pk")
    )


def _gifts(engagement: Engagement) -> list[Gift]:
    try:
        delegation = engagement.delegation
    except Delegation.DoesNotExist:
        return []
    return list(delegation.gifts.all()) if delegation is not None else []


def _plain(value):
    """Dates as ISO text; decimals stay exact (JSON writes them as strings, CSV as numbers)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable  # (record, profile) -> value


def _partners(e, _p):
    return [
        {"name": p.name, "country": p.country.code, "kind": p.kind}
        for p in sorted(e.partners.all(), key=lambda p: (p.name, p.pk))
    ]


def _gift_records(e, profile):
    return [
        {
            "direction": g.direction,
            "description": g.description,
            "value_usd": _plain(g.value_usd) if profile.publishes_gift_values else None,
        }
        for g in _gifts(e)
    ]


ENGAGEMENT_COLUMNS = (
    Column("id", lambda e, p: e.pk),
    Column("title", lambda e, p: e.title),
    Column("kind", lambda e, p: e.kind),
    Column("start_date", lambda e, p: _plain(e.start_date)),
    Column("end_date", lambda e, p: _plain(e.end_date)),
    Column("location", lambda e, p: e.location),
    Column("partners", _partners),
    Column("topics", lambda e, p: sorted(t.code for t in e.topics.all())),
    Column("sdg_targets", lambda e, p: [t.code for t in e.sdg_targets.all()]),
    Column("summary", lambda e, p: e.summary),
    Column("outcomes", lambda e, p: e.outcomes),
    Column("investment_usd", lambda e, p: _plain(e.investment_usd)),
    Column("jobs_announced", lambda e, p: e.jobs_announced),
    Column("gifts", _gift_records),
)

TIE_COLUMNS = (
    Column("id", lambda t, p: t.pk),
    Column("partner_city", lambda t, p: t.partner_city.name),
    Column("country", lambda t, p: t.partner_city.country.code),
    Column("latitude", lambda t, p: _plain(t.partner_city.latitude)),
    Column("longitude", lambda t, p: _plain(t.partner_city.longitude)),
    Column("kind", lambda t, p: t.kind),
    Column("status", lambda t, p: t.status),
    Column("established_on", lambda t, p: _plain(t.established_on)),
    Column("ended_on", lambda t, p: _plain(t.ended_on)),
    Column("focus_areas", lambda t, p: t.focus_areas),
)

COMMITMENT_COLUMNS = (
    Column("id", lambda c, p: c.pk),
    Column("title", lambda c, p: c.title),
    Column("framework", lambda c, p: c.framework),
    Column("sdg_targets", lambda c, p: [t.code for t in c.sdg_targets.all()]),
    Column("indicator", lambda c, p: c.indicator.code if c.indicator else ""),
    Column("indicator_description", lambda c, p: c.indicator_description),
    Column("unit", lambda c, p: c.unit),
    Column("baseline_value", lambda c, p: _plain(c.baseline_value)),
    Column("baseline_year", lambda c, p: c.baseline_year),
    Column("target_value", lambda c, p: _plain(c.target_value)),
    Column("target_year", lambda c, p: c.target_year),
    Column("latest_value", lambda c, p: _plain(c.latest_value)),
    Column("latest_date", lambda c, p: _plain(c.latest_date)),
    Column("progress_status", lambda c, p: str(c.progress_status.value)),
    Column("progress_fraction", lambda c, p: c.progress_fraction),
)


@dataclass(frozen=True)
class Dataset:
    """One open-data file: its records and columns."""

    name: str
    label: str
    queryset: Callable  # (city) -> queryset
    columns: tuple[Column, ...]
    paginated: bool = False


DATASETS = {
    "engagements": Dataset(
        "engagements",
        _("Engagements"),
        public_engagements,
        ENGAGEMENT_COLUMNS,
        paginated=True,
    ),
    "ties": Dataset("ties", _("Sister-city ties"), public_ties, TIE_COLUMNS),
    "commitments": Dataset("commitments", _("Commitments"), public_commitments, COMMITMENT_COLUMNS),
}


def record(dataset: Dataset, row, profile: PublicProfile) -> dict:
    return {column.name: column.value(row, profile) for column in dataset.columns}


def flat(value) -> str | int | float | None:
    """A JSON value as one CSV cell: lists joined with "; ", a partner as "name (country)"."""
    if isinstance(value, list):
        return "; ".join(str(flat_item(item)) for item in value)
    return value


def flat_item(item):
    if isinstance(item, dict) and "country" in item:
        return f"{item['name']} ({item['country']})"
    if isinstance(item, dict) and "description" in item:
        value = item.get("value_usd")
        worth = f", USD {value}" if value is not None else ""
        return f"{item['description']} ({item['direction']}{worth})"
    return item


def active_ties(ties: list[dict]) -> list[dict]:
    return [t for t in ties if t["status"] != TieStatus.ENDED]
