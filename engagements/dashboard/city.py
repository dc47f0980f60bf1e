"""One city's dashboard: its stored report for a period against last year, shaped
for the page and the PDF, with the short lists staff act on.

The figures come from the stored report only; the three lists (upcoming visits,
overdue follow-ups, latest engagements) are bounded queries through the one
door to a city's data. The page takes the report's part from the cache
(``engagements.dashboard.fragments``); the lists and follow-up counts are live.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from cities.caching import cached_or_built
from cities.models import ParticipatingCity, SdgGoal
from engagements.choices import VISIT_KINDS
from engagements.dashboard import fragments
from engagements.dashboard.figures import TODAY_KPIS, chart_data, kpi_cards, monthly_table
from engagements.models import Engagement, FollowUp
from engagements.periods import DashboardPeriod
from engagements.reporting.read import DashboardReport, dashboard_report, dashboard_stored_reports

LIST_LIMIT = 10
# What a list row shows: the search vector and the long texts stay in the database.
ROW_FIELDS = ("city_id", "kind", "title", "start_date", "location", "status")
# The report's standing figures the page lists beside the live follow-up counts.
STANDING_FIGURES = (
    "partners",
    "ties_active",
    "ties_dormant",
    "commitments_on_track",
    "commitments_off_track",
)


def live_context(user, city: ParticipatingCity, today: datetime.date) -> dict:
    """What stands as of today, as ``user`` sees it: the three lists and the
    follow-up counts. Never cached: a follow-up done a minute ago leaves them."""
    upcoming = list(
        Engagement.objects.for_user(user)
        .for_city(city)
        .upcoming(today)
        .filter(kind__in=VISIT_KINDS)
        .only(*ROW_FIELDS)
        .order_by("start_date", "pk")[:LIST_LIMIT]
    )
    follow_ups = FollowUp.objects.for_user(user).for_city(city)
    # Follow-ups stand as of today, counted with the list's own definition, so
    # the figure and the list it links to agree whatever the period shown.
    standing = follow_ups.standing(today)
    overdue = list(
        follow_ups.overdue(today)
        .select_related("engagement", "owner")
        .only(
            "engagement_id",
            "owner_id",
            "description",
            "due_date",
            "engagement__title",
            "owner__username",
            "owner__first_name",
            "owner__last_name",
        )
        .order_by("due_date", "pk")[:LIST_LIMIT]
    )
    latest = list(
        Engagement.objects.for_user(user)
        .for_city(city)
        .only(*ROW_FIELDS)
        .prefetch_related(Prefetch("partners", to_attr="partner_rows"))
        .order_by("-start_date", "-pk")[:LIST_LIMIT]
    )
    return {
        "upcoming": upcoming,
        "overdue": overdue,
        "latest": latest,
        "follow_ups": {
            "follow_ups_open": standing["open"],
            "follow_ups_overdue": standing["overdue"],
        },
    }


def report_context(report: DashboardReport, *, today_figures: dict | None = None) -> dict:
    """The report's part of the page: KPI cards, what the charts and map draw, and
    the monthly table. ``today_figures`` as for ``kpi_cards``."""
    charts = chart_data(report, list(SdgGoal.objects.order_by("number")))
    monthly_series, monthly_rows = monthly_table(charts["monthly"])
    return {
        "report": report,
        "kpis": kpi_cards(
            report.current.figures, report.previous.figures, today_figures=today_figures
        ),
        "charts": charts,
        "monthly_series": monthly_series,
        "monthly_rows": monthly_rows,
    }


def city_context(user, city: ParticipatingCity, period: DashboardPeriod) -> dict:
    """Everything the city's report shows, as seen by ``user``, read afresh (the PDF)."""
    today = timezone.localdate()
    report = dashboard_report(city=city, period=period)
    live = live_context(user, city, today)
    return {
        "city": city,
        "period": period,
        **live,
        **report_context(
            report,
            today_figures={"follow_ups_overdue": live["follow_ups"]["follow_ups_overdue"]},
        ),
        "figures": {**report.current.figures, **live["follow_ups"]},
        "today": today,
    }


def city_page_context(user, city: ParticipatingCity, period: DashboardPeriod) -> dict:
    """The dashboard page: the live lists and counts, and the report's part as HTML
    rendered once per stored-report version (``report_fragments``)."""
    today = timezone.localdate()
    stored = dashboard_stored_reports(city=city, period=period)
    report_part = cached_or_built(
        fragments.fragment_key(city=city, period=period, stored=stored),
        lambda: _report_fragments(city=city, period=period, stored=stored),
        settings.DASHBOARD_CACHE_SECONDS,
    )
    live = live_context(user, city, today)
    return {
        "city": city,
        "period": period,
        "stored": stored,
        # HTML our own templates rendered, escaped there.
        "report_kpis": mark_safe(report_part["kpis"]),
        "report_charts": mark_safe(report_part["charts"]),
        **live,
        "figures": {**report_part["standing"], **live["follow_ups"]},
        "today": today,
    }


def _report_fragments(*, city, period: DashboardPeriod, stored) -> dict:
    """The report's part of the page as HTML, and the standing figures it lists."""
    report = dashboard_report(city=city, period=period, stored=stored)
    context = {"period": period, **report_context(report)}
    # The cards that stand as of today are the live part's.
    context["kpis"] = [card for card in context["kpis"] if card["name"] not in TODAY_KPIS]
    return {
        **{
            name: render_to_string(template, context)
            for name, template in fragments.TEMPLATES.items()
        },
        "standing": {name: report.current.figures.get(name, 0) for name in STANDING_FIGURES},
    }
