"""Shaping a stored report's figures for the dashboard: KPI cards against last
year, the series the charts and the map draw, and the colours they use.

Nothing here queries reports; it shapes what ``engagements.reporting.read``
returned, so the page, the PDF and the exports agree on every figure.
"""

from __future__ import annotations

from decimal import Decimal

from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cities.choices import PartnerKind
from cities.colours import WHITE, contrast_ratio
from cities.models import SdgGoal
from engagements.choices import EngagementKind, TopicCode

TOP_COUNTRIES = 10

# (figure, label, better when it goes down)
KPIS = [
    ("engagements", _("Engagements"), False),
    ("inbound_delegations", _("Delegations hosted"), False),
    ("outbound_delegations", _("Missions abroad"), False),
    ("partner_countries", _("Partner countries"), False),
    ("agreements_signed", _("Agreements signed"), False),
    ("investment_usd", _("Investment announced (USD)"), False),
    ("jobs_announced", _("Jobs announced"), False),
    ("follow_ups_overdue", _("Overdue follow-ups"), True),
]
# Figures that stand as of today rather than for the period: the page shows them live.
TODAY_KPIS = {"follow_ups_overdue"}
# Colours for the engagement kinds in the monthly chart: distinct, colour-blind
# aware, each at least 3:1 against white; stacked segments get white separators.
KIND_COLOURS = {
    EngagementKind.INBOUND_DELEGATION: "#14456b",
    EngagementKind.OUTBOUND_MISSION: "#2f7fc1",
    EngagementKind.MEETING: "#7a5aa6",
    EngagementKind.CONFERENCE: "#0b6e4f",
    EngagementKind.AGREEMENT: "#b87a00",
    EngagementKind.HOSTED_EVENT: "#b4477f",
    EngagementKind.CONSULAR_TRAINING: "#a35d00",
    EngagementKind.VIRTUAL_MEETING: "#687788",
    EngagementKind.TRADE_MISSION: "#d55e00",
}
# Graphics need 3:1 against white (WCAG 1.4.11): an official SDG colour that is
# lighter than that keeps its hue and gets a dark outline.
GRAPHIC_CONTRAST = 3


def figure_value(figures: dict, name: str):
    """A stored figure, zero when absent; money is stored as a string, read as a Decimal."""
    value = figures.get(name, 0)
    return Decimal(value) if name == "investment_usd" else value


def change_percent(current, previous) -> int | None:
    """Percentage change against last year, or None when last year was zero."""
    if not previous:
        return None
    return round(float((current - previous) * 100 / previous))


def kpi_cards(current: dict, previous: dict, *, today_figures: dict | None = None) -> list[dict]:
    """The headline figures for the period, each with its change against last year.

    ``today_figures`` are figures that stand as of today rather than for the
    period (overdue follow-ups): shown as they are, with no comparison.
    """
    today_figures = today_figures or {}
    cards = []
    for name, label, lower_is_better in KPIS:
        now, before = figure_value(current, name), figure_value(previous, name)
        change = change_percent(now, before)
        if name in today_figures:
            now, before, change = today_figures[name], None, None
        if change is None or change == 0:
            trend = "flat"
        else:
            trend = "good" if (change < 0) == lower_is_better else "bad"
        cards.append(
            {
                "name": name,
                "label": label,
                "value": now,
                "previous": before,
                "change": change,
                "change_abs": None if change is None else abs(change),
                "trend": trend,
                "money": name == "investment_usd",
                "today": name in today_figures,
            }
        )
    return cards


def _labelled(counts: dict, labels: dict) -> list[dict]:
    rows = [
        {"key": key, "label": labels.get(key, key), "count": count} for key, count in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row["count"], row["label"]))


def chart_data(report, goals: list[SdgGoal]) -> dict:
    """What the charts and the map draw, for ``json_script`` and the PDF's SVG charts."""
    figures = report.current.figures
    kinds = [kind for kind in EngagementKind.values if kind in KIND_COLOURS]
    monthly = {
        "labels": [month.strftime("%b %Y") for month, _month in report.months],
        "series": [
            {
                "key": kind,
                "label": EngagementKind(kind).label,
                "color": KIND_COLOURS[kind],
                "values": [
                    month.get("by_kind", {}).get(kind, 0) for _start, month in report.months
                ],
            }
            for kind in kinds
        ],
    }
    monthly["totals"] = [
        sum(values) for values in zip(*(s["values"] for s in monthly["series"]), strict=True)
    ]
    by_country = figures.get("by_country", {})
    country_rows = [
        {
            "key": code,
            "label": countries.name(code) or code,
            "numeric": countries.numeric(code, padded=True),
            "count": count,
        }
        for code, count in by_country.items()
    ]
    country_rows.sort(key=lambda row: (-row["count"], row["label"]))
    by_goal = figures.get("by_sdg_goal", {})
    return {
        "monthly": monthly,
        "countries": country_rows[:TOP_COUNTRIES],
        "countries_all": country_rows,
        "map": {row["numeric"]: row["count"] for row in country_rows if row["numeric"]},
        "map_names": {row["numeric"]: row["label"] for row in country_rows if row["numeric"]},
        "topics": _labelled(figures.get("by_topic", {}), dict(TopicCode.choices)),
        "partner_kinds": _labelled(figures.get("by_partner_kind", {}), dict(PartnerKind.choices)),
        "sdg": [
            {
                "key": str(goal.number),
                "label": f"{goal.number}. {goal.short}",
                "color": goal.color,
                "outline": contrast_ratio(goal.color, WHITE) < GRAPHIC_CONTRAST,
                "count": by_goal.get(str(goal.number), 0),
            }
            for goal in goals
        ],
        "sister_cities": figures.get("sister_cities", []),
        "atlas_url": static("vendor/world-atlas/countries-110m.json"),
    }


def monthly_table(monthly: dict) -> tuple[list[dict], list[dict]]:
    """The monthly chart as a table: the kinds it draws, and a row per month with
    each kind's count and the month's total (the same numbers as the bars)."""
    series = [s for s in monthly["series"] if any(s["values"])]
    rows = [
        {
            "label": label,
            "values": [s["values"][index] for s in series],
            "total": monthly["totals"][index],
        }
        for index, label in enumerate(monthly["labels"])
    ]
    return series, rows
