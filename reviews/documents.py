"""The review as a PDF (WeasyPrint, like the dashboard's report) and as an editable
Word document (python-docx). Both are drawn from one ``VlrDraft``, with the same
figure rows (``overview_rows``) the page shows."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cities.locales import city_locale, pdf_page_size
from reviews.charts import progress_png, progress_svg
from reviews.selectors import CommitmentProgress, VlrDraft


def goal_heading(goal) -> str:
    return _("Goal %(number)s: %(short)s") % {"number": goal.number, "short": goal.short}


def overview_rows(draft: VlrDraft) -> list[tuple[str, int]]:
    """The overview's figures, labelled, in the order every format shows them."""
    o = draft.overview
    rows = [
        (_("Goals reviewed"), o.goals_reviewed),
        (_("Engagements completed in %(year)s") % {"year": draft.year}, o.engagements),
        (_("Of which linked to SDG targets"), o.engagements_with_goals),
        (_("Partners engaged"), o.partners),
        (_("Partner countries"), o.countries),
        (_("Commitments"), o.commitments),
        (_("Indicators followed"), o.indicators),
    ]
    rows += [(label, count) for _status, label, count in o.status_counts]
    rows += [
        (_("Sister-city ties in force"), o.ties_active),
        (_("Active city-network memberships"), o.memberships_active),
    ]
    return rows


def contribution_sentence(section, year: int) -> str:
    return ngettext(
        "%(engagements)s engagement with %(partners)s partners contributed in %(year)s.",
        "%(engagements)s engagements with %(partners)s partners contributed in %(year)s.",
        section.engagements,
    ) % {"engagements": section.engagements, "partners": section.partners, "year": year}


def number(value) -> str:
    return "—" if value is None else f"{value:,.4f}".rstrip("0").rstrip(".")


def filename(draft: VlrDraft, extension: str) -> str:
    return f"vlr-{draft.city.slug}-{draft.year}.{extension}"


def draw_charts(draft: VlrDraft) -> VlrDraft:
    """Draw each commitment's chart once as inline SVG (a goal shares the annex's rows)."""
    for row in draft.annex:
        row.chart = progress_svg(row)
    return draft


def vlr_pdf(draft: VlrDraft, *, base_url: str, request=None) -> bytes:
    """The review as a PDF; ``base_url`` resolves the few links it holds."""
    # Imported when a PDF is asked for: WeasyPrint loads its native libraries on import.
    from weasyprint import HTML

    # On the city's paper and in its locale, as its other PDFs.
    city = draft.city
    with translation.override(city_locale(city)), timezone.override(city.time_zone):
        html = render_to_string(
            "reviews/vlr_pdf.html",
            {
                "draft": draw_charts(draft),
                "overview": overview_rows(draft),
                "generated_at": timezone.now(),
                "paper": pdf_page_size(city),
            },
            request=request,
        )
    return HTML(string=html, base_url=base_url).write_pdf()


def _table(document, header: list[str], rows: list[list]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    return table


def _commitment_row(row: CommitmentProgress) -> list[str]:
    c = row.commitment
    return [
        c.title,
        row.indicator_label or "—",
        f"{number(c.baseline_value)} ({c.baseline_year or '—'})",
        f"{number(row.latest_value)} ({row.latest_date.isoformat() if row.latest_date else '—'})",
        f"{number(c.target_value)} ({c.target_year or '—'})",
        row.status_label,
    ]


def vlr_docx(draft: VlrDraft) -> bytes:
    """The review as a Word document staff go on editing: one Heading 1 per goal."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading(
        _("%(city)s Voluntary Local Review %(year)s — draft")
        % {"city": draft.city.name, "year": draft.year},
        level=0,
    )
    document.add_paragraph(
        _(
            "Drafted by Diplomacy Desk from %(city)s's records on %(date)s. "
            "Goals reviewed: %(scope)s."
        )
        % {
            "city": draft.city.name,
            "date": timezone.localdate().isoformat(),
            "scope": draft.scope_label,
        }
    )
    document.add_heading(_("Overview"), level=1)
    _table(
        document,
        [_("Figure"), _("Value")],
        [[label, value] for label, value in overview_rows(draft)],
    )

    commitment_header = [
        _("Commitment"),
        _("Indicator"),
        _("Baseline"),
        _("Latest value"),
        _("Target"),
        _("Progress"),
    ]
    for section in draft.goals:
        document.add_heading(goal_heading(section.goal), level=1)
        document.add_paragraph().add_run(section.goal.title).italic = True
        if section.narrative:
            for paragraph in section.narrative.split("\n\n"):
                document.add_paragraph(paragraph.strip())
        else:
            document.add_paragraph(_("[Narrative to be written.]"))

        document.add_heading(_("Commitments"), level=2)
        if section.commitments:
            _table(document, commitment_header, [_commitment_row(r) for r in section.commitments])
            for row in section.commitments:
                png = progress_png(row)
                if png is None:
                    continue
                document.add_paragraph(_("Progress of %(title)s") % {"title": row.commitment.title})
                document.add_picture(io.BytesIO(png), width=Cm(10))
                _table(
                    document,
                    [_("Date"), _("Value")],
                    [[e.date.isoformat(), number(e.value)] for e in row.entries],
                )
        else:
            document.add_paragraph(_("No commitment under this goal."))

        document.add_heading(_("Engagements and partners"), level=2)
        document.add_paragraph(contribution_sentence(section, draft.year))
        if section.by_kind:
            _table(document, [_("Kind"), _("Engagements")], [list(k) for k in section.by_kind])
        for country in section.by_country:
            names = ", ".join(f"{p.name} ({p.engagements})" for p in country.partners)
            document.add_paragraph(f"{country.name}: {names}", style="List Bullet")

        document.add_heading(_("City networks"), level=2)
        if section.memberships:
            for membership in section.memberships:
                document.add_paragraph(
                    f"{membership.network.name} ({membership.get_role_display()})",
                    style="List Bullet",
                )
        else:
            document.add_paragraph(_("No city-network membership took part."))

    document.add_heading(_("Annex: every commitment and indicator"), level=1)
    _table(
        document,
        [*commitment_header, _("SDG targets")],
        [[*_commitment_row(r), r.target_codes or "—"] for r in draft.annex],
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
