"""A small chart of a commitment's progress entries against its baseline and target.

Drawn on the server so the page, the PDF (WeasyPrint runs no JavaScript) and
the Word document show the same chart: inline SVG for the first two, a PNG
drawn with Pillow (already installed for WeasyPrint) for the Word document.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

BRAND, TARGET, GRID, INK = "#14456b", "#0b6e4f", "#9aa5b1", "#1b2330"


@dataclass
class Geometry:
    """Where a chart's marks go, in pixels."""

    line: list[tuple[float, float]]
    baseline: tuple[float, float] | None
    target: tuple[float, float] | None
    low: str
    high: str
    first_year: int
    last_year: int


def _year_fraction(day: datetime.date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 366


def geometry(row, *, width: int, height: int, pad: int = 14) -> Geometry | None:
    """Scale a commitment's baseline, entries and target into a ``width``×``height`` box."""
    commitment = row.commitment
    points = [(_year_fraction(e.date), float(e.value)) for e in row.entries]
    baseline = (
        (commitment.baseline_year + 0.5, float(commitment.baseline_value))
        if commitment.baseline_value is not None and commitment.baseline_year
        else None
    )
    target = (
        (commitment.target_year + 0.5, float(commitment.target_value))
        if commitment.target_value is not None and commitment.target_year
        else None
    )
    every = points + [p for p in (baseline, target) if p]
    if not points:
        return None
    xs, ys = [p[0] for p in every], [p[1] for p in every]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    x1 = x1 if x1 > x0 else x0 + 1
    y1 = y1 if y1 > y0 else y0 + 1

    def place(point):
        x, y = point
        return (
            round(pad + (x - x0) / (x1 - x0) * (width - 2 * pad), 1),
            round(height - pad - (y - y0) / (y1 - y0) * (height - 2 * pad), 1),
        )

    return Geometry(
        line=[place(p) for p in points],
        baseline=place(baseline) if baseline else None,
        target=place(target) if target else None,
        low=f"{y0:g}",
        high=f"{y1:g}",
        first_year=int(x0),
        last_year=int(x1),
    )


def progress_svg(row, *, width: int = 240, height: int = 90):
    """The chart as inline SVG, with a text alternative naming what it shows."""
    shape = geometry(row, width=width, height=height)
    if shape is None:
        return format_html('<p class="empty">{}</p>', _("No progress entries yet."))
    label = _(
        "Progress entries of %(title)s from %(first)s to %(last)s, between %(low)s and %(high)s"
    ) % {
        "title": row.commitment.title,
        "first": shape.first_year,
        "last": shape.last_year,
        "low": shape.low,
        "high": shape.high,
    }
    marks = [
        format_html(
            '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="0.8"/>',
            height - 0.5,
            width,
            height - 0.5,
            GRID,
        ),
        format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
            " ".join(f"{x},{y}" for x, y in shape.line),
            BRAND,
        ),
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="2.5" fill="{}"/>',
            ((x, y, BRAND) for x, y in shape.line),
        ),
    ]
    if shape.baseline:
        marks.append(
            format_html(
                '<circle cx="{}" cy="{}" r="3" fill="#fff" stroke="{}" stroke-width="1.5"/>',
                *shape.baseline,
                INK,
            )
        )
    if shape.target:
        x, y = shape.target
        marks.append(
            format_html(
                '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-dasharray="4 3"/>'
                '<rect x="{}" y="{}" width="6" height="6" fill="{}"/>',
                y,
                width,
                y,
                TARGET,
                x - 3,
                y - 3,
                TARGET,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" '
        'class="progress-chart" role="img" aria-label="{}"><title>{}</title>{}</svg>',
        width,
        height,
        width,
        height,
        label,
        label,
        format_html_join("", "{}", ((mark,) for mark in marks)),
    )


def progress_png(row, *, width: int = 480, height: int = 180) -> bytes | None:
    """The same chart as a PNG, for the Word document; None without entries."""
    from PIL import Image, ImageDraw

    shape = geometry(row, width=width, height=height, pad=20)
    if shape is None:
        return None
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(0, height - 1), (width, height - 1)], fill=GRID, width=1)
    if shape.target:
        x, y = shape.target
        for start in range(0, width, 10):
            draw.line([(start, y), (start + 6, y)], fill=TARGET, width=1)
        draw.rectangle([x - 5, y - 5, x + 5, y + 5], fill=TARGET)
    if len(shape.line) > 1:
        draw.line(shape.line, fill=BRAND, width=3)
    for x, y in shape.line:
        draw.ellipse([x - 4, y - 4, x + 4, y + 4], fill=BRAND)
    if shape.baseline:
        x, y = shape.baseline
        draw.ellipse([x - 5, y - 5, x + 5, y + 5], fill="white", outline=INK, width=2)
    draw.text((4, 2), shape.high, fill=INK)
    draw.text((4, height - 14), shape.low, fill=INK)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
