"""Every filtered list to CSV or XLSX, streamed so memory stays flat at any size.

A list is filtered by the same filter class as its page and its API endpoint,
over ``for_user``, so an export holds exactly the rows the user sees. Rows are
read with ``.iterator(chunk_size=…)`` (prefetches run per chunk), so only one
chunk of model instances is alive at a time.

CSV is written row by row into a ``StreamingHttpResponse``. XLSX cannot be
sent before its zip directory is complete, so openpyxl's write-only workbook
writes each row straight to a temporary file (inline strings, no shared-string
table, no cells kept in memory) and the finished file is sent with a
``FileResponse``: memory stays flat, disk use grows with the file.

Any text cell that a spreadsheet would run as a formula (starting with
``= + - @``, a tab or a carriage return) is prefixed with a single quote.

A response cut short must never pass for a whole file (behind gunicorn's 30 s
timeout a stream is cut mid-way and the client still has its 200). So a
stream never outlives the timeout by construction: the page
(``engagements.views.exports.export_list``) counts the filtered rows first and
streams only up to ``EXPORT_STREAM_MAX_ROWS`` (fewer for a workbook), which
stream in a few seconds.
A larger export is an ``ExportJob``: a worker writes the file with the same
writer (``export_write``), counting rows as it goes, and the requester
downloads it whole from the job's page, where the row count is shown. There is
no trailer row, which a spreadsheet would read as data.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from types import SimpleNamespace

from django.conf import settings
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from cities.filters import (
    CommitmentFilter,
    NetworkMembershipFilter,
    PartnerFilter,
    SisterCityTieFilter,
)
from cities.models import Commitment, NetworkMembership, Partner, SisterCityTie
from engagements.filters import EngagementFilter, FollowUpFilter, GiftFilter, UpcomingFilter
from engagements.models import Engagement, FollowUp, Gift
from engagements.models.exports import CONTENT_TYPES, export_filename

CHUNK_SIZE = 500
VALUES_CHUNK_SIZE = 2000
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value safe to open in a spreadsheet: text never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, str):
        return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def _names(manager) -> str:
    return "; ".join(str(item) for item in manager.all())


@dataclass(frozen=True)
class ExportSpec:
    """One exportable list: its filter class, base queryset and columns.

    ``rows_as_values``, where given, reads the same columns as plain values instead of
    model instances, so a whole large export streams within the server's timeout
    (a test holds it to the column functions' rows).
    """

    name: str
    filterset_class: type
    queryset: Callable
    columns: tuple[tuple[str, Callable], ...]
    rows_as_values: Callable | None = None


def _joined(relation: str, ids: list[int], text, ordering: str) -> dict[int, str]:
    """The ``relation`` links of engagements ``ids`` as one "a; b" text each (``text``,
    an expression over the link), in the model's order."""
    through = getattr(Engagement, relation).through
    joined: dict[int, list[str]] = {}
    links = (
        through.objects.filter(engagement_id__in=ids)
        .annotate(text=text)
        .order_by("engagement_id", ordering)
        .values_list("engagement_id", "text")
    )
    for engagement_id, value in links:
        joined.setdefault(engagement_id, []).append(value)
    return {key: "; ".join(values) for key, values in joined.items()}


def engagement_rows_as_values(queryset) -> Iterator[tuple]:
    """The engagements export's columns as tuples: rows and links read as values, a
    chunk at a time, with no model instance built (several times the model reader)."""
    rows = (
        queryset.prefetch_related(None)
        .select_related(None)
        .annotate(owner_name=F("owner__username"))
        .values_list(
            "pk",
            "title",
            "kind",
            "status",
            "start_date",
            "end_date",
            "location",
            "summary",
            "outcomes",
            "investment_usd",
            "jobs_announced",
            "owner_name",
        )
        .iterator(chunk_size=VALUES_CHUNK_SIZE)
    )
    partner_label = Concat(
        "partner__name", Value(" ("), "partner__country", Value(")"), output_field=TextField()
    )
    while chunk := list(islice(rows, VALUES_CHUNK_SIZE)):
        ids = [row[0] for row in chunk]
        partners = _joined("partners", ids, partner_label, "partner__name")
        topics = _joined("topics", ids, F("topic__code"), "topic__name")
        targets = _joined("sdg_targets", ids, F("sdgtarget__code"), "sdgtarget__position")
        for pk, *head, summary, outcomes, investment, jobs, owner in chunk:
            yield (
                pk,
                *head,
                partners.get(pk, ""),
                topics.get(pk, ""),
                targets.get(pk, ""),
                summary,
                outcomes,
                investment,
                jobs,
                owner or "",
            )


EXPORTS = {
    spec.name: spec
    for spec in (
        ExportSpec(
            "engagements",
            EngagementFilter,
            lambda: Engagement.objects.select_related("owner").prefetch_related(
                "partners", "topics", "sdg_targets"
            ),
            (
                ("id", lambda e: e.pk),
                ("title", lambda e: e.title),
                ("kind", lambda e: e.kind),
                ("status", lambda e: e.status),
                ("start_date", lambda e: e.start_date),
                ("end_date", lambda e: e.end_date),
                ("location", lambda e: e.location),
                ("partners", lambda e: _names(e.partners)),
                ("topics", lambda e: "; ".join(t.code for t in e.topics.all())),
                ("sdg_targets", lambda e: "; ".join(t.code for t in e.sdg_targets.all())),
                ("summary", lambda e: e.summary),
                ("outcomes", lambda e: e.outcomes),
                ("investment_usd", lambda e: e.investment_usd),
                ("jobs_announced", lambda e: e.jobs_announced),
                ("owner", lambda e: e.owner.get_username() if e.owner else ""),
            ),
            rows_as_values=engagement_rows_as_values,
        ),
        ExportSpec(
            "memberships",
            NetworkMembershipFilter,
            lambda: NetworkMembership.objects.select_related("network"),
            (
                ("id", lambda m: m.pk),
                ("network", lambda m: m.network.name),
                ("role", lambda m: m.role),
                ("status", lambda m: m.status),
                ("since", lambda m: m.since),
                ("until", lambda m: m.until),
                ("notes", lambda m: m.notes),
            ),
        ),
        ExportSpec(
            "follow-ups",
            FollowUpFilter,
            lambda: FollowUp.objects.select_related("engagement", "owner"),
            (
                ("id", lambda f: f.pk),
                ("description", lambda f: f.description),
                ("engagement", lambda f: f.engagement.title),
                ("engagement_date", lambda f: f.engagement.start_date),
                ("owner", lambda f: f.owner.get_username() if f.owner else ""),
                ("due_date", lambda f: f.due_date),
                ("status", lambda f: f.status),
                ("completed_at", lambda f: f.completed_at),
            ),
        ),
        ExportSpec(
            "gifts",
            GiftFilter,
            lambda: Gift.objects.select_related("delegation__engagement"),
            (
                ("id", lambda g: g.pk),
                ("visit", lambda g: g.delegation.engagement.title),
                ("visit_date", lambda g: g.delegation.engagement.start_date),
                ("direction", lambda g: g.direction),
                ("description", lambda g: g.description),
                ("value_usd", lambda g: g.value_usd),
                ("giver", lambda g: g.giver),
                ("recipient", lambda g: g.recipient),
                ("disposition", lambda g: g.disposition),
            ),
        ),
        ExportSpec(
            "upcoming",
            UpcomingFilter,
            lambda: Engagement.objects.all(),  # the agenda prefetches what it shows
            (
                ("id", lambda e: e.pk),
                ("start_date", lambda e: e.start_date),
                ("end_date", lambda e: e.end_date),
                ("title", lambda e: e.title),
                ("kind", lambda e: e.kind),
                ("status", lambda e: e.status),
                ("location", lambda e: e.location),
                ("partners", lambda e: _names(e.partners)),
                ("overlaps_another_visit", lambda e: "yes" if e.overlaps_delegation else ""),
            ),
        ),
        ExportSpec(
            "partners",
            PartnerFilter,
            lambda: Partner.objects.select_related("partner_city"),
            (
                ("id", lambda p: p.pk),
                ("name", lambda p: p.name),
                ("kind", lambda p: p.kind),
                ("country", lambda p: p.country.code),
                ("partner_city", lambda p: p.partner_city.name if p.partner_city else ""),
                ("website", lambda p: p.website),
                ("notes", lambda p: p.notes),
                ("sensitivity_note", lambda p: p.sensitivity_note),
            ),
        ),
        ExportSpec(
            "ties",
            SisterCityTieFilter,
            lambda: SisterCityTie.objects.select_related("partner_city"),
            (
                ("id", lambda t: t.pk),
                ("partner_city", lambda t: t.partner_city.name),
                ("country", lambda t: t.partner_city.country.code),
                ("kind", lambda t: t.kind),
                ("status", lambda t: t.status),
                ("established_on", lambda t: t.established_on),
                ("ended_on", lambda t: t.ended_on),
                ("signatories", lambda t: t.signatories),
                ("focus_areas", lambda t: t.focus_areas),
                ("notes", lambda t: t.notes),
            ),
        ),
        ExportSpec(
            "commitments",
            CommitmentFilter,
            lambda: Commitment.objects.with_latest_progress().prefetch_related("sdg_targets"),
            (
                ("id", lambda c: c.pk),
                ("title", lambda c: c.title),
                ("framework", lambda c: c.framework),
                ("sdg_targets", lambda c: "; ".join(t.code for t in c.sdg_targets.all())),
                ("indicator", lambda c: c.indicator_description),
                ("unit", lambda c: c.unit),
                ("baseline_value", lambda c: c.baseline_value),
                ("baseline_year", lambda c: c.baseline_year),
                ("target_value", lambda c: c.target_value),
                ("target_year", lambda c: c.target_year),
                ("latest_value", lambda c: c.latest_value),
                ("latest_date", lambda c: c.latest_date),
                ("progress_status", lambda c: str(c.progress_status)),
            ),
        ),
    )
}


def export_rows(spec: ExportSpec, queryset) -> Iterator[list]:
    """The header, then one neutralised row per record, read a chunk at a time."""
    yield [header for header, _ in spec.columns]
    if spec.rows_as_values:
        for row in spec.rows_as_values(queryset):
            yield [neutralise(value) for value in row]
        return
    for record in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield [neutralise(value(record)) for _, value in spec.columns]


class _Echo:
    """A file-like object whose ``write`` hands the line back to the generator."""

    def write(self, value):
        return value


def _csv_text(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def csv_chunks(rows: Iterable[list], rows_per_chunk: int = 500) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so Excel reads UTF-8
    buffer = []
    for row in rows:
        buffer.append(writer.writerow([_csv_text(v) for v in row]))
        if len(buffer) >= rows_per_chunk:
            yield "".join(buffer)
            buffer.clear()
    if buffer:
        yield "".join(buffer)


def _xlsx_write(rows: Iterable[list], title: str, handle) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(row)
    workbook.save(handle)


def xlsx_file(rows: Iterable[list], title: str):
    """A temporary file holding the workbook; it is deleted when closed."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    _xlsx_write(rows, title, handle)
    handle.seek(0)
    return handle


def _counted(rows: Iterator[list], counter: list[int], on_progress, every: int) -> Iterator[list]:
    """``rows`` after the header, counted into ``counter[0]``, reported every ``every``."""
    yield next(rows)  # the header
    for row in rows:
        counter[0] += 1
        yield row
        if on_progress is not None and counter[0] % every == 0:
            on_progress(counter[0])


def export_write(
    spec: ExportSpec, queryset, fmt: str, handle, *, on_progress=None, every: int = 5000
) -> int:
    """Write the export to the binary file ``handle``, exactly as it would stream; returns
    how many rows it holds (the header aside). ``on_progress(rows)`` is called every
    ``every`` rows, a sign of life for a job's page."""
    counter = [0]
    rows = _counted(export_rows(spec, queryset), counter, on_progress, every)
    if fmt == "csv":
        for chunk in csv_chunks(rows):
            handle.write(chunk.encode("utf-8"))
    else:
        _xlsx_write(rows, spec.name, handle)
    return counter[0]


def filtered_queryset(spec: ExportSpec, params, *, user, request=None):
    """The rows of the list as ``user`` filtered it with ``params``, or the filter's errors.

    ``request`` is the page's, where there is one; a job has none, only its requester.
    """
    filterset = spec.filterset_class(
        params,
        queryset=spec.queryset().for_user(user),
        request=request or SimpleNamespace(user=user),
    )
    if not filterset.is_valid():
        return None, filterset.errors
    return filterset.qs, None


def export_streams(queryset, fmt: str) -> bool:
    """Whether the export of ``queryset`` streams within the server's timeout: at most
    ``EXPORT_STREAM_MAX_ROWS`` rows (``EXPORT_XLSX_STREAM_MAX_ROWS`` for a workbook,
    written whole before its first byte). Past that it is an export job."""
    limit = settings.EXPORT_STREAM_MAX_ROWS
    if fmt == "xlsx":
        limit = min(limit, settings.EXPORT_XLSX_STREAM_MAX_ROWS)
    # Counting stops past the limit: the question is only "more than it?".
    return queryset.order_by()[: limit + 1].count() <= limit


def export_response(spec: ExportSpec, queryset, fmt: str):
    """The rows of ``queryset`` as a streamed CSV or a workbook, to download.

    Streams whatever it is given: callers bound the rows (``export_list`` by
    ``EXPORT_STREAM_MAX_ROWS``, the bulk action by what was ticked).
    """
    filename = export_filename(spec.name, fmt, timezone.localdate())
    rows = export_rows(spec, queryset)
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(rows), content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return FileResponse(
        xlsx_file(rows, title=spec.name),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES["xlsx"],
    )
