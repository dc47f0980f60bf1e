"""Reading stored reports for the dashboards: never a recount of engagements."""

from __future__ import annotations

import datetime
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


def dashboard_report(*, city: ParticipatingCity, period: DashboardPeriod) -> DashboardReport:
    """A period's figures, last year's, and 24 months by kind: one query of stored reports."""
    wanted = dashboard_stored_periods(period)
    condition = Q()
    for kind, start in wanted:
        condition |= Q(period_kind=kind, period_start=start)
    reports = {
        (report.period_kind, report.period_start): report
        for report in CityReport.objects.for_city(city).filter(condition)
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
