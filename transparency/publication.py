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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cities.choices import TieStatus
from cities.models import Commitment, SisterCityTie
from engagements.choices import EngagementStatus
from engagements.models import Engagement, Gift
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
    """The engagements a city shows: completed and marked public (the partial index's rows).

    Only the published fields are read; their partners, topics, targets and gifts
    come per batch from ``engagement_records``.
    """
    return (
        Engagement.objects.for_city(city)
        .filter(is_public=True, status=EngagementStatus.COMPLETED)
        .only(*ENGAGEMENT_FIELDS)
    )


def engagement_records(engagements, profile: PublicProfile) -> list[dict]:
    """Public records of a batch of engagements, in four queries whatever its size.

    Links are read as plain values from the link tables (no related managers per
    row): at 500 rows a page this is several times faster than prefetching.
    """
    engagements = list(engagements)
    ids = [e.pk for e in engagements]
    partners, topics, targets, gifts = (defaultdict(list) for _ in range(4))
    for link in (
        Engagement.partners.through.objects.filter(engagement_id__in=ids)
        .order_by("partner__name", "partner_id")
        .values_list("engagement_id", "partner__name", "partner__country", "partner__kind")
    ):
        partners[link[0]].append({"name": link[1], "country": link[2], "kind": link[3]})
    for engagement_id, code in (
        Engagement.topics.through.objects.filter(engagement_id__in=ids)
        .order_by("topic__code")
        .values_list("engagement_id", "topic__code")
    ):
        topics[engagement_id].append(code)
    for engagement_id, code in (
        Engagement.sdg_targets.through.objects.filter(engagement_id__in=ids)
        .order_by("sdgtarget__position")
        .values_list("engagement_id", "sdgtarget__code")
    ):
        targets[engagement_id].append(code)
    for engagement_id, direction, description, value in (
        Gift.objects.filter(delegation__engagement_id__in=ids)
        .order_by("pk")
        .values_list("delegation__engagement_id", "direction", "description", "value_usd")
    ):
        gifts[engagement_id].append(
            {
                "direction": direction,
                "description": description,
                "value_usd": value if profile.publishes_gift_values else None,
            }
        )
    return [
        {
            "id": e.pk,
            "title": e.title,
            "kind": e.kind,
            "start_date": _plain(e.start_date),
            "end_date": _plain(e.end_date),
            "location": e.location,
            "partners": partners[e.pk],
            "topics": topics[e.pk],
            "sdg_targets": targets[e.pk],
            "summary": e.summary,
            "outcomes": e.outcomes,
            "investment_usd": e.investment_usd,
            "jobs_announced": e.jobs_announced,
            "gifts": gifts[e.pk],
        }
        for e in engagements
    ]


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


def _plain(value):
    """Dates as ISO text; decimals stay exact (JSON writes them as strings, CSV as numbers)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable  # (record, profile) -> value


# The published fields of an engagement, read by ``public_engagements``.
ENGAGEMENT_FIELDS = (
    "id",
    "city",
    "title",
    "kind",
    "start_date",
    "end_date",
    "location",
    "summary",
    "outcomes",
    "investment_usd",
    "jobs_announced",
)

# Columns of engagements.csv/.json, as ``engagement_records`` builds them.
ENGAGEMENT_COLUMNS = tuple(
    Column(name, lambda record, _profile, name=name: record[name])
    for name in (
        "id",
        "title",
        "kind",
        "start_date",
        "end_date",
        "location",
        "partners",
        "topics",
        "sdg_targets",
        "summary",
        "outcomes",
        "investment_usd",
        "jobs_announced",
        "gifts",
    )
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
    """One open-data file: its rows, how a batch of rows becomes records, its columns."""

    name: str
    label: str
    queryset: Callable  # (city) -> queryset
    columns: tuple[Column, ...]
    batch: Callable | None = None  # (rows, profile) -> records, for a set read in batches
    paginated: bool = False

    def records(self, rows, profile) -> list[dict]:
        if self.batch is not None:
            return self.batch(rows, profile)
        return [
            {column.name: column.value(row, profile) for column in self.columns} for row in rows
        ]


DATASETS = {
    "engagements": Dataset(
        "engagements",
        _("Engagements"),
        public_engagements,
        ENGAGEMENT_COLUMNS,
        batch=engagement_records,
        paginated=True,
    ),
    "ties": Dataset("ties", _("Sister-city ties"), public_ties, TIE_COLUMNS),
    "commitments": Dataset("commitments", _("Commitments"), public_commitments, COMMITMENT_COLUMNS),
}


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
