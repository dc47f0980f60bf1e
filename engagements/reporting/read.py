"""Reading stored reports for the dashboards: never a recount of engagements."""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from cities.models import ParticipatingCity
from engagements.models import CityReport
from engagements.periods import DashboardPeriod, add_months, month_starts
from engagements.reporting.compute import BREAKDOWNS, STANDING_FIGURES, SUMMED_FIGURES


def dashboard_stored_periods(period: DashboardPeriod) -> list[tuple[str, datetime.date]]:
    """The reports a dashboard page reads for ``period``: its own, last year's, 24 months."""
    months = month_starts(add_months(period.end, -23), 24)
    wanted = [*period.stored_periods, *period.previous.stored_periods]
    wanted += [("month", month) for month in months]
    return sorted(set(wanted), key=lambda p: (p[1], p[0]))


def combine_figures(figures: list[dict]) -> dict:
    """One period's figures from consecutive shorter ones (oldest first), without recounting.

    Distinct partners and countries are unions, not sums; standing figures
    (ties, commitments) are those of the latest report.
    """
    combined: dict = dict.fromkeys(SUMMED_FIGURES, 0)
    combined.update({name: Counter() for name in BREAKDOWNS})
    investment = Decimal("0")
    partner_ids: set[int] = set()
    for item in figures:
        for name in SUMMED_FIGURES:
            combined[name] += item.get(name, 0)
        for name in BREAKDOWNS:
            combined[name].update(item.get(name, {}))
        investment += Decimal(item.get("investment_usd", "0"))
        partner_ids.update(item.get("partner_ids", []))
    for name in BREAKDOWNS:
        combined[name] = dict(combined[name])
    combined["investment_usd"] = str(investment)
    combined["partner_ids"] = sorted(partner_ids)
    combined["partners"] = len(partner_ids)
    combined["partner_countries"] = len(combined["by_country"])
    latest = figures[-1] if figures else {}
    for name in STANDING_FIGURES:
        combined[name] = latest.get(name, [] if name == "sister_cities" else 0)
    return combined


@dataclass
class PeriodFigures:
    """A dashboard period's figures as read from stored reports."""

    period: DashboardPeriod
    figures: dict = field(default_factory=dict)
    computed_at: datetime.datetime | None = None
    found: bool = False


def _read(period: DashboardPeriod, reports: dict) -> PeriodFigures:
    stored = [reports.get(key) for key in period.stored_periods]
    present = [report for report in stored if report is not None]
    if not present:
        return PeriodFigures(period=period, figures=combine_figures([]))
    figures = present[0].figures if period.kind else combine_figures([r.figures for r in present])
    return PeriodFigures(
        period=period,
        figures=figures,
        computed_at=min(report.computed_at for report in present),
        found=True,
    )


@dataclass
class DashboardReport:
    current: PeriodFigures
    previous: PeriodFigures
    months: list[tuple[datetime.date, dict]]


@dataclass(frozen=True)
class StoredReports:
    """Which stored reports a dashboard page for ``period`` reads, and when each was
    computed, without their figures.

    Enough to say how fresh the page's figures are and to name them: a rebuilt
    report has a new ``computed_at``, so ``fingerprint`` changes with any figure.
    """

    period: DashboardPeriod
    # {(period kind, first day): (report id, computed at)}
    stamps: dict[tuple[str, datetime.date], tuple[int, datetime.datetime]]

    @property
    def found(self) -> bool:
        """Whether any report of the period itself has been computed."""
        return any(key in self.stamps for key in self.period.stored_periods)

    @property
    def computed_at(self) -> datetime.datetime | None:
        """When the period's oldest report was computed: its figures are at least that fresh."""
        times = [self.stamps[key][1] for key in self.period.stored_periods if key in self.stamps]
        return min(times) if times else None

    @property
    def fingerprint(self) -> str:
        """The identity of every report read and of its computation, as a short digest."""
        stamps = sorted(
            (kind, start.isoformat(), pk, computed_at.isoformat())
            for (kind, start), (pk, computed_at) in self.stamps.items()
        )
        return hashlib.sha256(repr(stamps).encode()).hexdigest()[:32]


def _wanted(city: ParticipatingCity, wanted: list[tuple[str, datetime.date]]):
    # A date range and the kinds, narrowed to the wanted pairs in Python: the
    # same index scan as an OR of two dozen (kind, start) pairs, which costs
    # Django more to compile (~7 ms) than PostgreSQL to run.
    starts = [start for _kind, start in wanted]
    return (
        CityReport.objects.for_city(city)
        .filter(
            period_start__range=(min(starts), max(starts)),
            period_kind__in={kind for kind, _start in wanted},
        )
        .order_by()
    )


def dashboard_stored_reports(*, city: ParticipatingCity, period: DashboardPeriod) -> StoredReports:
    """The reports behind a dashboard page and when each was computed: one query,
    four narrow columns, none of the figures."""
    wanted = set(dashboard_stored_periods(period))
    rows = _wanted(city, list(wanted)).values_list(
        "pk", "period_kind", "period_start", "computed_at"
    )
    return StoredReports(
        period=period,
        stamps={
            (kind, start): (pk, computed_at)
            for pk, kind, start, computed_at in rows
            if (kind, start) in wanted
        },
    )


def dashboard_report(
    *, city: ParticipatingCity, period: DashboardPeriod, stored: StoredReports | None = None
) -> DashboardReport:
    """A period's figures, last year's, and 24 months by kind: one query of stored reports.

    Given ``stored``, reads exactly those reports (by id; none at all when there
    are none), so the figures are the ones ``stored`` names.
    """
    wanted = dashboard_stored_periods(period)
    wanted_keys = set(wanted)
    if stored is None:
        queryset = _wanted(city, wanted)
    elif stored.stamps:
        queryset = CityReport.objects.filter(pk__in=[pk for pk, _at in stored.stamps.values()])
    else:
        queryset = CityReport.objects.none()
    reports = {
        key: report
        for report in queryset
        if (key := (report.period_kind, report.period_start)) in wanted_keys
    }
    months = [start for kind, start in wanted if kind == "month"][-24:]
    return DashboardReport(
        current=_read(period, reports),
        previous=_read(period.previous, reports),
        months=[(month, getattr(reports.get(("month", month)), "figures", {})) for month in months],
    )


def cross_city_report(*, period: DashboardPeriod) -> list[tuple[ParticipatingCity, dict, bool]]:
    """Every participating city's figures for ``period`` side by side, from stored reports.

    For site admins; [(city, figures, found)], one query for the cities and
    one for their reports.
    """
    cities = list(ParticipatingCity.objects.select_related("city"))
    condition = Q()
    for kind, start in period.stored_periods:
        condition |= Q(period_kind=kind, period_start=start)
    by_city: dict[int, dict] = {city.pk: {} for city in cities}
    for report in CityReport.objects.filter(condition).order_by("period_start"):
        by_city.setdefault(report.city_id, {})[(report.period_kind, report.period_start)] = report
    return [
        (city, (read := _read(period, by_city[city.pk])).figures, read.found) for city in cities
    ]
