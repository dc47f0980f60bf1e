"""The dashboard's report as a printable PDF. WeasyPrint runs no JavaScript, so the
charts the page draws in the browser are drawn here as inline SVG."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from cities.locales import city_locale, pdf_page_size
from engagements.dashboard.city import city_context

if TYPE_CHECKING:
    from cities.models import ParticipatingCity
    from engagements.periods import DashboardPeriod


def report_pdf(request, *, city: ParticipatingCity, period: DashboardPeriod) -> bytes:
    """The city's report (``city_context``) as seen by the requesting user, rendered to
    PDF on the city's paper (Letter for a U.S. city) and in its locale (its language,
    dates written its country's way), as its briefing packs are; charts as inline SVG."""
    # Imported when a PDF is asked for: WeasyPrint loads its native libraries on import.
    from weasyprint import HTML

    with translation.override(city_locale(city)), timezone.override(city.time_zone):
        context = city_context(request.user, city, period)
        charts = context["charts"]
        context = {
            **context,
            "svg": {
                "monthly": stacked_month_svg(charts["monthly"]),
                "countries": bar_chart_svg(charts["countries"]),
                "topics": bar_chart_svg(charts["topics"]),
                "sdg": bar_chart_svg(
                    [row for row in charts["sdg"] if row["count"]], colored=True, width=640
                ),
            },
            "generated_at": timezone.now(),
            "paper": pdf_page_size(city),
        }
        html = render_to_string("dashboard/report_pdf.html", context, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()


def bar_chart_svg(rows: list[dict], *, colored: bool = False, width: int = 340):
    """A horizontal bar chart of [{label, count, color?}] as inline SVG."""
    if not rows:
        return format_html('<p class="empty">{}</p>', _("Nothing recorded in this period."))
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
