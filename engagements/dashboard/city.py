"""One city's dashboard: its stored report for a period against last year, shaped
for the page and the PDF, with the short lists staff act on.

The figures come from the stored report only; the three lists (upcoming visits,
overdue follow-ups, latest engagements) are bounded queries through the one
door to a city's data.
"""

from __future__ import annotations

from django.utils import timezone

from cities.models import ParticipatingCity, SdgGoal
from engagements.choices import VISIT_KINDS
from engagements.dashboard.figures import chart_data, kpi_cards, monthly_table
from engagements.models import Engagement, FollowUp
from engagements.periods import DashboardPeriod
from engagements.reporting.read import dashboard_report

LIST_LIMIT = 10


def city_context(user, city: ParticipatingCity, period: DashboardPeriod) -> dict:
    """What the city's dashboard page and its PDF show, as seen by ``user``."""
    today = timezone.localdate()
    report = dashboard_report(city=city, period=period)
    goals = list(SdgGoal.objects.order_by("number"))
    upcoming = (
        Engagement.objects.for_user(user)
        .for_city(city)
        .upcoming(today)
        .filter(kind__in=VISIT_KINDS)
        .order_by("start_date", "pk")[:LIST_LIMIT]
    )
    follow_ups = FollowUp.objects.for_user(user).for_city(city)
    # Follow-ups stand as of today, counted with the list's own definition, so
    # the figure and the list it links to agree whatever the period shown.
    standing = follow_ups.standing(today)
    overdue = (
        follow_ups.overdue(today)
        .select_related("engagement", "owner")
        .order_by("due_date", "pk")[:LIST_LIMIT]
    )
    latest = (
        Engagement.objects.for_user(user)
        .for_city(city)
        .select_related("city__city")
        .prefetch_related("partners")
        .order_by("-start_date", "-pk")[:LIST_LIMIT]
    )
    charts = chart_data(report, goals)
    monthly_series, monthly_rows = monthly_table(charts["monthly"])
    return {
        "city": city,
        "period": period,
        "report": report,
        "latest": latest,
        "figures": {
            **report.current.figures,
            "follow_ups_open": standing["open"],
            "follow_ups_overdue": standing["overdue"],
        },
        "kpis": kpi_cards(
            report.current.figures,
            report.previous.figures,
            today_figures={"follow_ups_overdue": standing["overdue"]},
        ),
        "charts": charts,
        "monthly_series": monthly_series,
        "monthly_rows": monthly_rows,
        "upcoming": upcoming,
        "overdue": overdue,
        "today": today,
    }
