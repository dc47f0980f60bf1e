"""Reporting periods: months, quarters and years, as inclusive date ranges.

Also the periods a dashboard offers (this year, last year, a quarter, the
last 12 months) and which stored reports each one reads.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

from engagements.choices import PeriodKind

MONTHS_PER_KIND = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}


def period_start(kind: str, day: datetime.date) -> datetime.date:
    if kind == PeriodKind.MONTH:
        return day.replace(day=1)
    if kind == PeriodKind.QUARTER:
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if kind == PeriodKind.YEAR:
        return datetime.date(day.year, 1, 1)
    raise ValueError(f"Unknown period kind: {kind!r}")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_end(kind: str, start: datetime.date) -> datetime.date:
    if start.year == datetime.MAXYEAR and start.month + MONTHS_PER_KIND[kind] > 12:
        return datetime.date.max
    return add_months(start, MONTHS_PER_KIND[kind]) - datetime.timedelta(days=1)


def periods_containing(day: datetime.date):
    """[(kind, start)] of every reporting period that contains ``day``."""
    return [(kind, period_start(kind, day)) for kind in PeriodKind.values]


def periods_between(first: datetime.date, last: datetime.date) -> list[tuple[str, datetime.date]]:
    """Every month, quarter and year that overlaps [first, last], in date order per kind."""
    periods = []
    for kind in PeriodKind.values:
        start = period_start(kind, first)
        while start <= last:
            periods.append((kind, start))
            start = add_months(start, MONTHS_PER_KIND[kind])
    return periods


def month_starts(first: datetime.date, count: int) -> list[datetime.date]:
    """The first days of ``count`` consecutive months from ``first``'s month."""
    return [add_months(first, offset) for offset in range(count)]


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` years earlier (28 February for a 29 February)."""
    if day.year - years < datetime.MINYEAR:
        return datetime.date.min
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class DashboardPeriod:
    """A period the dashboard shows, and the stored reports it is read from.

    A calendar year or quarter is one stored report; the last 12 months are
    twelve monthly reports combined. ``previous`` is the same period a year
    earlier, for the change shown on each KPI card.
    """

    key: str
    label: str
    start: datetime.date
    end: datetime.date
    kind: str | None  # PeriodKind of the one stored report, None for 12 months

    @property
    def months(self) -> list[datetime.date]:
        return month_starts(self.start, 12) if self.kind is None else []

    @property
    def previous(self) -> DashboardPeriod:
        start = years_before(self.start, 1)
        end = add_months(self.end, -11) - datetime.timedelta(days=1)
        return DashboardPeriod(
            key=f"{self.key}-previous",
            label=_label(self.kind, start, end),
            start=start,
            end=end,
            kind=self.kind,
        )

    @property
    def stored_periods(self) -> list[tuple[str, datetime.date]]:
        """(kind, start) of the stored reports this period is read from."""
        if self.kind is None:
            return [(PeriodKind.MONTH, month) for month in self.months]
        return [(self.kind, self.start)]


def _label(kind, start, end):
    if kind == PeriodKind.YEAR:
        return str(start.year)
    if kind == PeriodKind.QUARTER:
        return gettext("Q%(quarter)s %(year)s") % {
            "quarter": (start.month - 1) // 3 + 1,
            "year": start.year,
        }
    # Month names in the active language ("M": the abbreviated month).
    return f"{date_format(start, 'M Y')} – {date_format(end, 'M Y')}"


def _year(key, year):
    start = datetime.date(year, 1, 1)
    return DashboardPeriod(key, str(year), start, period_end(PeriodKind.YEAR, start), "year")


def dashboard_periods(today: datetime.date) -> list[DashboardPeriod]:
    """What the period selector offers: this year, last year, the last 12 months, 8 quarters."""
    last_12_start = add_months(today, -11)
    last_12_end = add_months(today, 1) - datetime.timedelta(days=1)
    periods = [
        _year("this-year", today.year),
        _year("last-year", today.year - 1),
        DashboardPeriod(
            "last-12-months",
            gettext("Last 12 months"),
            last_12_start,
            last_12_end,
            None,
        ),
    ]
    quarter = period_start(PeriodKind.QUARTER, today)
    for _ in range(8):
        end = period_end(PeriodKind.QUARTER, quarter)
        key = f"{quarter.year}-q{(quarter.month - 1) // 3 + 1}"
        periods.append(
            DashboardPeriod(key, _label(PeriodKind.QUARTER, quarter, end), quarter, end, "quarter")
        )
        quarter = add_months(quarter, -3)
    return periods


def dashboard_period(key: str | None, today: datetime.date) -> DashboardPeriod:
    """The selector's period for ``key``; this year for a missing or unknown key."""
    periods = dashboard_periods(today)
    return next((period for period in periods if period.key == key), periods[0])
