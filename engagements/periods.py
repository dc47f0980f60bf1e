"""Reporting periods: months, quarters and years, as inclusive date ranges."""

import datetime

from engagements.models import PeriodKind


def period_start(kind: str, day: datetime.date) -> datetime.date:
    if kind == PeriodKind.MONTH:
        return day.replace(day=1)
    if kind == PeriodKind.QUARTER:
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if kind == PeriodKind.YEAR:
        return datetime.date(day.year, 1, 1)
    raise ValueError(f"Unknown period kind: {kind!r}")


def period_end(kind: str, start: datetime.date) -> datetime.date:
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[kind]
    month_index = start.month - 1 + months
    following = datetime.date(start.year + month_index // 12, month_index % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def periods_containing(day: datetime.date):
    """[(kind, start)] of every reporting period that contains ``day``."""
    return [(kind, period_start(kind, day)) for kind in PeriodKind.values]
