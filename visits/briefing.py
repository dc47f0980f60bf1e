"""The mayor's briefing pack of a visit as a PDF (WeasyPrint), in the city's
language, laid out to read as well on US Letter as on A4."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation

from cities.locales import PDF_PAGE_SIZES, city_locale
from visits.selectors import briefing_context

PAPER_SIZES = PDF_PAGE_SIZES


def briefing_paper(city, chosen: str | None) -> str:
    """The city's paper (Letter for a U.S. city), unless the reader chose."""
    if chosen in PAPER_SIZES:
        return chosen
    return city.paper_size if city.paper_size in PAPER_SIZES else "a4"


def briefing_html(engagement, *, today: datetime.date, paper: str | None = None) -> str:
    context = briefing_context(engagement, today=today)
    context["paper"] = PAPER_SIZES[briefing_paper(engagement.city, paper)]
    context["generated_at"] = timezone.now()
    # The city's language written its country's way: month-first dates in Los Angeles.
    city = engagement.city
    with translation.override(city_locale(city)), timezone.override(city.time_zone):
        return render_to_string("visits/briefing_pdf.html", context)


def briefing_pdf(request, engagement, *, today: datetime.date, paper: str | None = None) -> bytes:
    # Imported when a PDF is asked for: WeasyPrint loads its native libraries on import.
    from weasyprint import HTML

    html = briefing_html(engagement, today=today, paper=paper)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
