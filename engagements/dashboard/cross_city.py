"""The site admins' cross-city view: every participating city's stored figures for
a period side by side, with a network total."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from engagements.dashboard.figures import KPIS, figure_value
from engagements.periods import DashboardPeriod
from engagements.reporting.read import cross_city_report

CROSS_CITY_FIGURES = [
    *[(name, label) for name, label, _lower_is_better in KPIS],
    ("ties_active", _("Ties active")),
    ("ties_dormant", _("Ties dormant")),
    ("commitments_on_track", _("Commitments on track")),
    ("commitments_off_track", _("Commitments off track")),
]


def cross_city_context(period: DashboardPeriod) -> dict:
    """Each city's figures in a row, and a network total (partner countries counted once)."""
    rows = cross_city_report(period=period)
    columns = CROSS_CITY_FIGURES
    totals = [
        sum(figure_value(figures, name) for _city, figures, _found in rows)
        for name, _label in columns
    ]
    countries_anywhere = set().union(
        *(figures.get("by_country", {}) for _city, figures, _found in rows)
    )
    totals[[name for name, _label in columns].index("partner_countries")] = len(countries_anywhere)
    return {
        "columns": columns,
        "rows": [
            {
                "city": each,
                "found": found,
                "cells": [
                    {"value": figure_value(figures, name), "money": name == "investment_usd"}
                    for name, _label in columns
                ],
            }
            for each, figures, found in rows
        ],
        "totals": [
            {"value": value, "money": name == "investment_usd"}
            for (name, _label), value in zip(columns, totals, strict=True)
        ],
    }
