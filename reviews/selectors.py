"""The draft of a Voluntary Local Review, read from a city's records.

Every figure comes from the records when the draft is drawn, with a fixed
number of queries whatever the number of goals, commitments or engagements:
counts are SQL aggregates grouped by goal; only progress statuses are judged
in Python, by the same function the commitment pages use.

What counts:

- an engagement contributed to a goal when it was completed, started in the
  reporting year and is linked to one of the goal's targets;
- a commitment is under a goal when one of its SDG targets, or its indicator's
  target, belongs to the goal; its latest value is its last progress entry
  dated up to the end of the reporting year;
- a city-network membership relates to a goal when the network itself (a
  partner of the "city network" kind with the network's name) took part in a
  completed engagement of the city linked to the goal, in any year: what a
  network works on does not change with the reporting year.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from django_countries import countries

from cities.choices import MembershipStatus, PartnerKind, ProgressStatus, TieStatus
from cities.models import (
    Commitment,
    NetworkMembership,
    ParticipatingCity,
    ProgressEntry,
    SdgGoal,
    SisterCityTie,
    progress_status,
)
from cities.scoping import is_site_admin, staff_city
from engagements.choices import EngagementKind, EngagementStatus
from engagements.models import Engagement
from reviews.choices import ReviewScope
from reviews.models import LocalReview

MAIN_PARTNERS = 5  # partners named per goal; the rest are counted


def reviewed_city_or_404(user, slug: str) -> ParticipatingCity:
    """The city whose review ``user`` may read: their own, or any for a site admin.

    Another city's review is a 404, as every other record of another city.
    """
    city = ParticipatingCity.objects.select_related("city").filter(slug=slug).first()
    if city is None or not (
        is_site_admin(user) or getattr(staff_city(user), "pk", None) == city.pk
    ):
        raise Http404(_("No review of that city for you."))
    return city


def local_review(city, year: int) -> LocalReview | None:
    return (
        LocalReview.objects.for_city(city)
        .filter(year=year)
        .prefetch_related("priority_goals", "narratives")
        .first()
    )


@dataclass
class CommitmentProgress:
    """One commitment as the review shows it: baseline, latest, target, status, entries."""

    commitment: Commitment
    entries: list[ProgressEntry]
    latest_value: Decimal | None
    latest_date: datetime.date | None
    status: ProgressStatus
    goals: list[int]
    chart: str = ""  # drawn by reviews.documents.draw_charts for the page and the PDF

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label

    @property
    def indicator_label(self) -> str:
        c = self.commitment
        if c.indicator is not None:
            return f"{c.indicator.code} {c.indicator.title}"
        return c.indicator_description

    @property
    def target_codes(self) -> str:
        return ", ".join(t.code for t in self.commitment.sdg_targets.all())


@dataclass
class PartnerCount:
    name: str
    engagements: int


@dataclass
class CountryPartners:
    """A country's partners in a goal's engagements: how many, and the main ones."""

    country: str
    name: str
    partner_count: int
    partners: list[PartnerCount]


@dataclass
class GoalSection:
    """One reviewed goal: its narrative, commitments, engagements, partners, memberships."""

    goal: SdgGoal
    narrative: str = ""
    commitments: list[CommitmentProgress] = field(default_factory=list)
    engagements: int = 0
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    partners: int = 0
    by_country: list[CountryPartners] = field(default_factory=list)
    memberships: list[NetworkMembership] = field(default_factory=list)


@dataclass
class Overview:
    """The city's figures for the reporting year."""

    engagements: int
    engagements_with_goals: int
    partners: int
    countries: int
    commitments: int
    indicators: int
    status_counts: list[tuple[str, str, int]]  # (status, label, commitments)
    ties_active: int
    memberships_active: int
    goals_reviewed: int


@dataclass
class VlrDraft:
    city: ParticipatingCity
    year: int
    review: LocalReview | None
    scope: str
    overview: Overview
    goals: list[GoalSection]
    annex: list[CommitmentProgress]

    @property
    def scope_label(self) -> str:
        return ReviewScope(self.scope).label


def reviewed_goal_numbers(review: LocalReview | None) -> list[int]:
    """All 17 goals, or the HLPF priority goals the city set (all 17 while it set none)."""
    if review is not None and review.scope == ReviewScope.HLPF_PRIORITIES:
        chosen = sorted(goal.number for goal in review.priority_goals.all())
        if chosen:
            return chosen
    return list(range(1, 18))


def year_engagements(city, year: int):
    """The engagements a review counts: completed, started in the reporting year."""
    return Engagement.objects.for_city(city).filter(
        status=EngagementStatus.COMPLETED,
        start_date__gte=datetime.date(year, 1, 1),
        start_date__lte=datetime.date(year, 12, 31),
    )


def _commitments(city, year: int) -> list[CommitmentProgress]:
    year_end = datetime.date(year, 12, 31)
    entries = ProgressEntry.objects.filter(date__lte=year_end).order_by("date", "pk")
    rows = []
    for commitment in (
        Commitment.objects.for_city(city)
        .select_related("indicator__target")
        .prefetch_related("sdg_targets", Prefetch("progress_entries", queryset=entries))
        .order_by("title", "pk")
    ):
        listed = list(commitment.progress_entries.all())
        latest = listed[-1] if listed else None
        latest_value, latest_date = (latest.value, latest.date) if latest else (None, None)
        goals = {target.goal_id for target in commitment.sdg_targets.all()}
        if commitment.indicator is not None:
            goals.add(commitment.indicator.target.goal_id)
        rows.append(
            CommitmentProgress(
                commitment=commitment,
                entries=listed,
                latest_value=latest_value,
                latest_date=latest_date,
                status=progress_status(
                    baseline=commitment.baseline_value,
                    baseline_year=commitment.baseline_year,
                    target=commitment.target_value,
                    target_year=commitment.target_year,
                    latest=latest_value,
                    latest_date=latest_date,
                ),
                goals=sorted(goals),
            )
        )
    return rows


def vlr_draft(*, city: ParticipatingCity, year: int) -> VlrDraft:
    """Everything the review shows, for the page, the PDF and the Word document."""
    review = local_review(city, year)
    numbers = reviewed_goal_numbers(review)
    goals = list(SdgGoal.objects.filter(number__in=numbers).order_by("number"))
    narratives = {n.goal_id: n.text for n in review.narratives.all()} if review else {}
    sections = {
        goal.number: GoalSection(goal=goal, narrative=narratives.get(goal.number, ""))
        for goal in goals
    }

    commitments = _commitments(city, year)
    for row in commitments:
        for number in row.goals:
            if number in sections:
                sections[number].commitments.append(row)

    engagements = year_engagements(city, year)
    target_links = Engagement.sdg_targets.through.objects.filter(engagement__in=engagements)
    kinds = dict(EngagementKind.choices)
    for row in (
        target_links.filter(sdgtarget__goal__in=numbers)
        .values("sdgtarget__goal", "engagement__kind")
        .annotate(n=Count("engagement", distinct=True))
        .order_by("sdgtarget__goal", "-n", "engagement__kind")
    ):
        section = sections[row["sdgtarget__goal"]]
        section.engagements += row["n"]  # an engagement has one kind: kinds add up
        section.by_kind.append(
            (kinds.get(row["engagement__kind"], row["engagement__kind"]), row["n"])
        )

    partner_links = Engagement.partners.through.objects.filter(engagement__in=engagements)
    per_goal_partners: dict[int, list[dict]] = defaultdict(list)
    for row in (
        partner_links.filter(engagement__sdg_targets__goal__in=numbers)
        .values(
            "engagement__sdg_targets__goal",
            "partner",
            "partner__name",
            "partner__country",
            "partner__kind",
        )
        .annotate(n=Count("engagement", distinct=True))
        .order_by("engagement__sdg_targets__goal", "-n", "partner__name", "partner")
    ):
        per_goal_partners[row["engagement__sdg_targets__goal"]].append(row)

    memberships = list(
        NetworkMembership.objects.for_city(city).select_related("network").order_by("network__name")
    )
    for number, rows in per_goal_partners.items():
        section = sections[number]
        section.partners = len(rows)
        section.by_country = _by_country(rows)

    networks_by_goal = defaultdict(set)
    for goal_number, name in (
        Engagement.partners.through.objects.filter(
            engagement__city=city,
            engagement__status=EngagementStatus.COMPLETED,
            partner__kind=PartnerKind.CITY_NETWORK,
            engagement__sdg_targets__goal__in=numbers,
        )
        .values_list("engagement__sdg_targets__goal", "partner__name")
        .distinct()
    ):
        networks_by_goal[goal_number].add(name)
    for number, section in sections.items():
        names = networks_by_goal.get(number, set())
        section.memberships = [m for m in memberships if m.network.name in names]

    totals = partner_links.aggregate(
        partners=Count("partner", distinct=True), countries=Count("partner__country", distinct=True)
    )
    status_counts = Counter(row.status for row in commitments)
    overview = Overview(
        engagements=engagements.count(),
        engagements_with_goals=target_links.values("engagement").distinct().count(),
        partners=totals["partners"],
        countries=totals["countries"],
        commitments=len(commitments),
        indicators=len({row.indicator_label for row in commitments if row.indicator_label}),
        status_counts=[
            (status.value, status.label, status_counts[status]) for status in ProgressStatus
        ],
        ties_active=SisterCityTie.objects.for_city(city).exclude(status=TieStatus.ENDED).count(),
        memberships_active=sum(1 for m in memberships if m.status == MembershipStatus.ACTIVE),
        goals_reviewed=len(goals),
    )
    return VlrDraft(
        city=city,
        year=year,
        review=review,
        scope=review.scope if review else ReviewScope.ALL_GOALS,
        overview=overview,
        goals=[sections[goal.number] for goal in goals],
        annex=commitments,
    )


def _by_country(rows: list[dict]) -> list[CountryPartners]:
    """Partners grouped by country, the countries with most engagements first."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["partner__country"]].append(row)
    result = [
        CountryPartners(
            country=code,
            name=str(countries.name(code) or code),
            partner_count=len(items),
            partners=[PartnerCount(r["partner__name"], r["n"]) for r in items[:MAIN_PARTNERS]],
        )
        for code, items in grouped.items()
    ]
    result.sort(key=lambda c: (-c.partner_count, c.name))
    return result
