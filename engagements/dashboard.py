"""The mayor's-office dashboard: a city's stored report for a period, and its exports.

Pages read stored reports only (``engagements.reporting``); the two short
lists (upcoming delegations, overdue follow-ups) are bounded queries. Site
admins get the cross-city report and may open any city's dashboard.
"""

from __future__ import annotations

import csv
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_GET, require_POST
from django_countries import countries

from cities.choices import PartnerKind
from cities.models import ParticipatingCity, SdgGoal
from cities.scoping import get_for_user_or_404, is_site_admin, staff_city
from engagements.choices import VISIT_KINDS, EngagementKind, EngagementStatus, TopicCode
from engagements.models import Engagement, FollowUp, ReportJob
from engagements.periods import DashboardPeriod, dashboard_period, dashboard_periods
from engagements.reporting.read import cross_city_report, dashboard_report
from engagements.services import report_job_create

LIST_LIMIT = 10
TOP_COUNTRIES = 10

# (figure, label, better when it goes down)
KPIS = [
    ("engagements", "Engagements", False),
    ("inbound_delegations", "Delegations hosted", False),
    ("outbound_delegations", "Missions abroad", False),
    ("partner_countries", "Partner countries", False),
    ("agreements_signed", "Agreements signed", False),
    ("investment_usd", "Investment announced (USD)", False),
    ("jobs_announced", "Jobs announced", False),
    ("follow_ups_overdue", "Overdue follow-ups", True),
]
# Colours for the engagement kinds in the monthly chart: distinct, colour-blind aware.
KIND_COLOURS = {
    EngagementKind.INBOUND_DELEGATION: "#14456b",
    EngagementKind.OUTBOUND_MISSION: "#2f7fc1",
    EngagementKind.MEETING: "#7fb2de",
    EngagementKind.CONFERENCE: "#0b6e4f",
    EngagementKind.AGREEMENT: "#e69f00",
    EngagementKind.HOSTED_EVENT: "#8c6bb1",
    EngagementKind.CONSULAR_TRAINING: "#cc79a7",
    EngagementKind.VIRTUAL_MEETING: "#9aa5b1",
    EngagementKind.TRADE_MISSION: "#d55e00",
}
# The figures of the CSV export, in order, with their labels.
CSV_FIGURES = [
    *[(name, label) for name, label, _ in KPIS[:7]],
    ("cancelled", "Cancelled engagements"),
    ("partners", "Distinct partners"),
    ("follow_ups_open", "Open follow-ups"),
    ("follow_ups_overdue", "Overdue follow-ups"),
    ("ties_active", "Sister-city ties active"),
    ("ties_dormant", "Sister-city ties dormant"),
    ("commitments_on_track", "Commitments on track"),
    ("commitments_off_track", "Commitments off track"),
]

CROSS_CITY_FIGURES = [
    *[(name, label) for name, label, _ in KPIS],
    ("ties_active", "Ties active"),
    ("ties_dormant", "Ties dormant"),
    ("commitments_on_track", "Commitments on track"),
    ("commitments_off_track", "Commitments off track"),
]


# --- Building the page's data ------------------------------------------------


def _number(figures, name):
    value = figures.get(name, 0)
    return Decimal(value) if name == "investment_usd" else value


def _change(current, previous):
    """Percentage change against last year, or None when last year was zero."""
    if not previous:
        return None
    return round(float((current - previous) * 100 / previous))


def kpi_cards(current: dict, previous: dict) -> list[dict]:
    cards = []
    for name, label, lower_is_better in KPIS:
        now, before = _number(current, name), _number(previous, name)
        change = _change(now, before)
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
        "labels": [month.strftime("%b %Y") for month, _ in report.months],
        "series": [
            {
                "key": kind,
                "label": EngagementKind(kind).label,
                "color": KIND_COLOURS[kind],
                "values": [month.get("by_kind", {}).get(kind, 0) for _, month in report.months],
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
        "map": {row["numeric"]: row["count"] for row in country_rows if row["numeric"]},
        "map_names": {row["numeric"]: row["label"] for row in country_rows if row["numeric"]},
        "topics": _labelled(figures.get("by_topic", {}), dict(TopicCode.choices)),
        "partner_kinds": _labelled(figures.get("by_partner_kind", {}), dict(PartnerKind.choices)),
        "sdg": [
            {
                "key": str(goal.number),
                "label": f"{goal.number}. {goal.short}",
                "color": goal.color,
                "count": by_goal.get(str(goal.number), 0),
            }
            for goal in goals
        ],
        "sister_cities": figures.get("sister_cities", []),
        "atlas_url": static("vendor/world-atlas/countries-110m.json"),
    }


def _dashboard_city(request) -> ParticipatingCity | None:
    """The city whose dashboard to show: the user's own, or for a site admin the one picked."""
    if is_site_admin(request.user):
        slug = request.GET.get("city") or request.POST.get("city")
        if not slug:
            return None
        city = ParticipatingCity.objects.select_related("city").filter(slug=slug).first()
        if city is None:
            raise Http404("No participating city has that slug.")
        return city
    city = staff_city(request.user)
    if city is None:
        raise Http404("Your account is not attached to a participating city.")
    return city


def _period(request) -> DashboardPeriod:
    return dashboard_period(
        request.GET.get("period") or request.POST.get("period"), timezone.localdate()
    )


def _city_context(request, city: ParticipatingCity, period: DashboardPeriod) -> dict:
    today = timezone.localdate()
    report = dashboard_report(city=city, period=period)
    goals = list(SdgGoal.objects.order_by("number"))
    upcoming = (
        Engagement.objects.for_user(request.user)
        .for_city(city)
        .upcoming(today)
        .filter(kind__in=VISIT_KINDS)
        .order_by("start_date", "pk")[:LIST_LIMIT]
    )
    overdue = (
        FollowUp.objects.for_user(request.user)
        .for_city(city)
        .overdue(today)
        .select_related("engagement", "owner")
        .order_by("due_date", "pk")[:LIST_LIMIT]
    )
    latest = (
        Engagement.objects.for_user(request.user)
        .for_city(city)
        .select_related("city__city")
        .prefetch_related("partners")
        .order_by("-start_date", "-pk")[:LIST_LIMIT]
    )
    return {
        "city": city,
        "period": period,
        "report": report,
        "latest": latest,
        "figures": report.current.figures,
        "kpis": kpi_cards(report.current.figures, report.previous.figures),
        "charts": chart_data(report, goals),
        "upcoming": upcoming,
        "overdue": overdue,
        "today": today,
    }


# --- Charts for the PDF (WeasyPrint runs no JavaScript) -------------------------


def bar_chart_svg(rows: list[dict], *, colored: bool = False, width: int = 340):
    """A horizontal bar chart of [{label, count, color?}] as inline SVG."""
    if not rows:
        return format_html('<p class="empty">{}</p>', "Nothing recorded in this period.")
    row_height, label_width, value_width = 20, round(width * 0.4), 30
    label_chars = label_width // 6
    bar_space = width - label_width - value_width
    largest = max(row["count"] for row in rows) or 1
    bars = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" class="label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" class="value">{}</text>',
        (
            (
                label_width - 6,
                index * row_height + 14,
                row["label"][:label_chars],
                label_width,
                index * row_height + 3,
                max(round(bar_space * row["count"] / largest), 1),
                row_height - 6,
                row.get("color") if colored else "#14456b",
                label_width + round(bar_space * row["count"] / largest) + 5,
                index * row_height + 14,
                row["count"],
            )
            for index, row in enumerate(rows)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" '
        'font-family="Liberation Sans, DejaVu Sans, sans-serif" font-size="10" fill="#1b2330" '
        'viewBox="0 0 {} {}" class="bar-chart" role="img">{}</svg>',
        width,
        len(rows) * row_height + 4,
        width,
        len(rows) * row_height + 4,
        bars,
    )


def stacked_month_svg(monthly: dict, *, width: int = 700, height: int = 200):
    """Engagements per month, stacked by kind, as inline SVG with its legend."""
    left, bottom, top = 30, 22, 8
    plot_height = height - bottom - top
    count = len(monthly["labels"]) or 1
    step = (width - left) / count
    largest = max(monthly["totals"] or [0]) or 1
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>'
            '<text x="{}" y="{}" text-anchor="end" class="label">{}</text>'
            '<text x="{}" y="{}" text-anchor="end" class="label">0</text>',
            left,
            top + plot_height,
            width,
            top + plot_height,
            left - 4,
            top + 8,
            largest,
            left - 4,
            top + plot_height,
        )
    ]
    for index, label in enumerate(monthly["labels"]):
        x = left + index * step + 2
        base = top + plot_height
        for series in monthly["series"]:
            value = series["values"][index]
            if not value:
                continue
            bar = plot_height * value / largest
            base -= bar
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    round(x, 1),
                    round(base, 1),
                    round(step - 4, 1),
                    round(bar, 1),
                    series["color"],
                )
            )
        if index % 3 == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" class="label">{}</text>',
                    round(x, 1),
                    height - 6,
                    label,
                )
            )
    legend = format_html_join(
        "",
        '<span class="legend-item"><span class="swatch" style="background:{}"></span>{}</span>',
        ((s["color"], s["label"]) for s in monthly["series"] if any(s["values"])),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" '
        'font-family="Liberation Sans, DejaVu Sans, sans-serif" font-size="10" fill="#1b2330" '
        'viewBox="0 0 {} {}" '
        'class="month-chart" role="img">{}</svg><div class="legend">{}</div>',
        width,
        height,
        width,
        height,
        format_html_join("", "{}", ((part,) for part in parts)),
        legend,
    )


def _cross_city_context(period: DashboardPeriod) -> dict:
    """Each city's figures in a row, and a network total (partner countries counted once)."""
    rows = cross_city_report(period=period)
    columns = CROSS_CITY_FIGURES
    totals = [sum(_number(figures, name) for _, figures, _ in rows) for name, _ in columns]
    countries_anywhere = set().union(*(figures.get("by_country", {}) for _, figures, _ in rows))
    totals[[name for name, _ in columns].index("partner_countries")] = len(countries_anywhere)
    return {
        "columns": columns,
        "rows": [
            {
                "city": each,
                "found": found,
                "cells": [
                    {"value": _number(figures, name), "money": name == "investment_usd"}
                    for name, _ in columns
                ],
            }
            for each, figures, found in rows
        ],
        "totals": [
            {"value": value, "money": name == "investment_usd"}
            for (name, _), value in zip(columns, totals, strict=True)
        ],
    }


# --- Pages -------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request):
    """A city's figures for a period against the same period last year, charts and a map."""
    if not is_site_admin(request.user) and staff_city(request.user) is None:
        return render(request, "dashboard/no_city.html")
    city = _dashboard_city(request)
    period = _period(request)
    context = {
        "periods": dashboard_periods(timezone.localdate()),
        "period": period,
        "is_site_admin": is_site_admin(request.user),
    }
    if is_site_admin(request.user):
        context["cities"] = list(ParticipatingCity.objects.select_related("city"))
    if city is None:
        context.update(_cross_city_context(period))
        return render(request, "dashboard/cross_city.html", context)
    context.update(_city_context(request, city, period))
    job_id = request.GET.get("job")
    if job_id and job_id.isdigit():
        context["job"] = ReportJob.objects.for_user(request.user).filter(pk=job_id).first()
    return render(request, "dashboard/dashboard.html", context)


@login_required
@require_POST
def dashboard_refresh(request):
    """Rebuild the reports behind the page now; answers the job to poll (JSON) or redirects."""
    city = _dashboard_city(request)
    if city is None:
        raise Http404("Pick a city to refresh.")
    period = _period(request)
    job = report_job_create(city=city, user=request.user, period=period)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(_job_json(job), status=202)
    query = f"?period={period.key}&job={job.pk}"
    if is_site_admin(request.user):
        query += f"&city={city.slug}"
    return redirect(reverse("dashboard") + query)


def _job_json(job: ReportJob) -> dict:
    return {
        "id": job.pk,
        "state": job.state,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "finished": job.finished,
        "error": job.error,
        "url": reverse("dashboard_job", args=[job.pk]),
    }


@login_required
@require_GET
def dashboard_job(request, pk: int):
    """The progress of a "Refresh now" job, polled by the page every second."""
    job = get_for_user_or_404(ReportJob, request.user, pk=pk)
    return JsonResponse(_job_json(job))


# --- Exports -----------------------------------------------------------------


def _export_name(city, period, extension):
    slug = city.slug if city else "all-cities"
    return f"diplomacy-desk-{slug}-{period.key}.{extension}"


@login_required
@require_GET
def dashboard_csv(request):
    """The report as CSV: each figure for the period and a year earlier, then the breakdowns."""
    city = _dashboard_city(request)
    period = _period(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(city, period, "csv")}"'
    writer = csv.writer(response)
    if city is None:
        writer.writerow(["City", *(label for _, label in CSV_FIGURES)])
        for each, figures, _ in cross_city_report(period=period):
            writer.writerow([each.name, *(figures.get(name, 0) for name, _ in CSV_FIGURES)])
        return response
    report = dashboard_report(city=city, period=period)
    current, previous = report.current.figures, report.previous.figures
    writer.writerow(["City", city.name])
    writer.writerow(["Period", period.label, f"{period.start:%Y-%m-%d} to {period.end:%Y-%m-%d}"])
    computed = report.current.computed_at
    writer.writerow(["Computed at", computed.isoformat() if computed else "not yet computed"])
    writer.writerow([])
    writer.writerow(["Figure", period.label, period.previous.label, "Change (%)"])
    for name, label in CSV_FIGURES:
        now, before = _number(current, name), _number(previous, name)
        change = _change(now, before)
        writer.writerow([label, now, before, "" if change is None else change])
    breakdowns = [
        ("Engagements by kind", "by_kind", dict(EngagementKind.choices)),
        ("Engagements by status", "by_status", dict(EngagementStatus.choices)),
        ("Engagements by partner country", "by_country", dict(countries)),
        ("Engagements by partner kind", "by_partner_kind", dict(PartnerKind.choices)),
        ("Engagements by topic", "by_topic", dict(TopicCode.choices)),
        ("Engagements by SDG goal", "by_sdg_goal", {}),
    ]
    for title, name, labels in breakdowns:
        writer.writerow([])
        writer.writerow([title, period.label, period.previous.label])
        keys = sorted(
            set(current.get(name, {})) | set(previous.get(name, {})),
            key=lambda key: -current.get(name, {}).get(key, 0),
        )
        for key in keys:
            label = labels.get(key, f"Goal {key}" if name == "by_sdg_goal" else key)
            writer.writerow(
                [label, current.get(name, {}).get(key, 0), previous.get(name, {}).get(key, 0)]
            )
    return response


@login_required
@require_GET
def dashboard_pdf(request):
    """The report as a printable PDF (WeasyPrint), with its charts drawn as inline SVG."""
    from weasyprint import HTML

    city = _dashboard_city(request)
    if city is None:
        raise Http404("Pick a city to export its report.")
    period = _period(request)
    context = _city_context(request, city, period)
    charts = context["charts"]
    context["svg"] = {
        "monthly": stacked_month_svg(charts["monthly"]),
        "countries": bar_chart_svg(charts["countries"]),
        "topics": bar_chart_svg(charts["topics"]),
        "sdg": bar_chart_svg(
            [row for row in charts["sdg"] if row["count"]], colored=True, width=640
        ),
    }
    context["generated_at"] = timezone.now()
    html = render_to_string("dashboard/report_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_export_name(city, period, "pdf")}"'
    return response
