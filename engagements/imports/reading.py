"""Reading an import file: CSV or XLSX into rows, header names, and the widgets
that turn a cell into a value (a choice, a date, a country, some text).

A cell a widget cannot read raises ``ValueError`` with a message for the
person who filled in the spreadsheet; import-export shows it on the row.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

import tablib
from django.conf import settings
from django.utils import dateformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_countries import countries
from import_export import widgets

# Several partners, topics or targets in one cell: "trade; climate".
LIST_SEPARATOR = ";"


class ImportFileError(Exception):
    """The file cannot be read as a spreadsheet of the expected kind."""


def header_key(header) -> str:
    """``Start date``, ``start-date`` and ``START_DATE`` all name ``start_date``."""
    return re.sub(r"[\s\-]+", "_", str(header or "").strip().lower())


@dataclass(frozen=True)
class UploadShape:
    """What a cheap look at an upload tells before it is parsed."""

    file_format: str
    estimated_rows: int | None  # None: the file does not say (an XLSX without a dimension)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _too_many_rows(rows: int) -> ImportFileError:
    return ImportFileError(
        _("The file has %(rows)s rows; an import takes at most %(limit)s: split it.")
        % {
            "rows": number_format(rows, force_grouping=True),
            "limit": number_format(settings.IMPORT_MAX_ROWS, force_grouping=True),
        }
    )


def _csv_text(data: bytes) -> str:
    """The text of a CSV upload; a NUL byte or undecodable text is refused naming its line."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportFileError(
            _(
                "Line %(line)s of the file holds a NUL character, so it is not a text CSV file."
                " Save it again from your spreadsheet as “CSV UTF-8”."
            )
            % {"line": _line_of(data, nul)}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "Line %(line)s of the file is not UTF-8 text. Save it again from your"
                " spreadsheet as “CSV UTF-8”."
            )
            % {"line": _line_of(data, exc.start)}
        ) from exc


# <dimension ref="A1:P300"/> near the top of a worksheet says how far it reaches.
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:([A-Z]+)(\d+)"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - ord("A") + 1)
    return number


def _xlsx_shape(data: bytes) -> int | None:
    """Refuse a workbook that expands past the limits, reading only its zip directory
    and the first bytes of each sheet: a zip bomb is never inflated."""
    unreadable = ImportFileError(
        _("The file could not be read as %(format)s.") % {"format": "XLSX"}
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise unreadable from exc
    expanded = sum(member.file_size for member in members)
    if expanded > settings.IMPORT_MAX_XLSX_EXPANDED_BYTES:
        raise ImportFileError(
            _(
                "The workbook expands to %(size)s MB when opened; an import takes at most"
                " %(limit)s MB. Remove other sheets, images and formatting, or split it."
            )
            % {
                "size": number_format(expanded / 1_000_000, 0, force_grouping=True),
                "limit": number_format(
                    settings.IMPORT_MAX_XLSX_EXPANDED_BYTES / 1_000_000, 0, force_grouping=True
                ),
            }
        )
    sheets = [
        m
        for m in members
        if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")
    ]
    if not sheets:
        raise unreadable
    rows = None
    for sheet in sheets:
        try:
            with archive.open(sheet) as stream:
                head = stream.read(4096)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
            raise unreadable from exc
        found = DIMENSION.search(head)
        if not found:
            continue
        sheet_rows, columns = int(found.group(2)), _column_number(found.group(1))
        if sheet_rows - 1 > settings.IMPORT_MAX_ROWS:
            raise _too_many_rows(sheet_rows - 1)
        if sheet_rows * columns > settings.IMPORT_MAX_CELLS:
            raise ImportFileError(
                _("The sheet reaches %(cells)s cells; an import takes at most %(limit)s.")
                % {
                    "cells": number_format(sheet_rows * columns, force_grouping=True),
                    "limit": number_format(settings.IMPORT_MAX_CELLS, force_grouping=True),
                }
            )
        rows = max(rows or 0, sheet_rows - 1)
    return rows


def inspect_upload(data: bytes, file_format: str) -> UploadShape:
    """Check an upload against the limits without parsing it; the job parses it.

    Bounded by the upload size: a CSV is decoded and its rows counted, an XLSX
    is judged by its zip directory and each sheet's declared dimension.
    """
    if file_format == "csv":
        text = _csv_text(data)
        try:
            rows = sum(1 for _row in csv.reader(io.StringIO(text))) - 1
        except csv.Error as exc:
            raise ImportFileError(
                _("The file could not be read as %(format)s.") % {"format": "CSV"}
            ) from exc
        if rows > settings.IMPORT_MAX_ROWS:
            raise _too_many_rows(rows)
        if rows < 1:
            raise ImportFileError(_("The file has no rows under its header."))
        return UploadShape("csv", rows)
    if file_format == "xlsx":
        return UploadShape("xlsx", _xlsx_shape(data))
    raise ImportFileError(_("Upload a .csv or .xlsx file."))


def _xlsx_rows(data: bytes):
    import openpyxl

    # data_only: a formula cell gives its value, never its formula.
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for row in book.active.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def load_dataset(data: bytes, file_format: str) -> tablib.Dataset:
    """The rows of a CSV or XLSX file, headers normalised, blank rows dropped.

    Reads at most ``IMPORT_MAX_ROWS`` rows, whatever the file declared; a
    workbook is judged by its zip directory first, so a zip bomb is never inflated.
    """
    if file_format == "xlsx":
        _xlsx_shape(data)
    elif file_format != "csv":
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    try:
        if file_format == "csv":
            rows = csv.reader(io.StringIO(_csv_text(data)))
        else:
            rows = _xlsx_rows(data)
        headers = next(iter(rows), None)
        if not headers or not any(h not in (None, "") for h in headers):
            raise ImportFileError(_("The file has no header row."))
        clean = tablib.Dataset(headers=[header_key(h) for h in headers])
        width = len(headers)
        for line, row in enumerate(rows, start=2):
            if not any(cell not in (None, "") for cell in row):
                continue
            if any(cell not in (None, "") for cell in row[width:]):
                raise ImportFileError(
                    _("Line %(line)s has more cells than the header row has columns.")
                    % {"line": line}
                )
            if len(clean) >= settings.IMPORT_MAX_ROWS:
                raise _too_many_rows(len(clean) + 1)
            clean.append((list(row) + [None] * width)[:width])
    except ImportFileError:
        raise
    except Exception as exc:  # csv and openpyxl raise many kinds on a damaged file
        raise ImportFileError(
            _("The file could not be read as %(format)s.") % {"format": file_format.upper()}
        ) from exc
    return clean


def split_list(value) -> list[str]:
    """The non-blank items of a cell holding several, separated by ``;``."""
    return [part.strip() for part in str(value or "").split(LIST_SEPARATOR) if part.strip()]


def country_code(value) -> str:
    """The ISO code of a country given by its code (JP) or its English name (Japan)."""
    text = str(value or "").strip()
    if not text:
        raise ValueError(_("A country is required."))
    if text.upper() in countries.countries:
        return text.upper()
    code = countries.by_name(text)
    if not code:
        raise ValueError(_("“%(value)s” is not a country code or name.") % {"value": text})
    return code


class ChoiceWidget(widgets.Widget):
    """A choice given by its code or its label, in any case."""

    def __init__(self, choices, default=None, **kwargs):
        self.lookup = {}
        for code, label in choices:
            self.lookup[str(code).lower()] = code
            self.lookup[str(label).lower()] = code
        self.codes = [code for code, _label in choices]
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        if not text:
            if self.default is None:
                raise ValueError(_("This column is required."))
            return self.default
        if text not in self.lookup:
            raise ValueError(
                _("“%(value)s” is not one of: %(codes)s.")
                % {"value": value, "codes": ", ".join(self.codes)}
            )
        return self.lookup[text]


ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
# Dates with the month in words can't be misread: 10 March 2026, March 10, 2026, 10-Mar-2026.
WORDED_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d-%b-%Y")


def _accepted_formats() -> str:
    return _("2026-03-10 (year-month-day), 10 March 2026, or a date cell of the spreadsheet")


def _day(year: int, month: int, day: int, text: str) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise ValueError(
            _("“%(value)s” is not a date. Write dates as %(formats)s.")
            % {"value": text, "formats": _accepted_formats()}
        ) from exc


def _long(date: datetime.date) -> str:
    return dateformat.format(date, "j F Y")


def parse_day(value) -> datetime.date | None:
    """A cell read as a date, refusing what could be read two ways.

    12/02/2026 is 12 February in most of the world and December 2 in the
    United States; a tool used by both must not guess, so such a cell is
    refused. 25/12/2026 or 12/25/2026 can be read one way only, and are.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if match := ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
        return _day(year, month, day, text)
    if match := NUMERIC_DATE.match(text):
        first, second, year = (int(part) for part in match.groups())
        if first > 12 or first == second:
            return _day(year, second, first, text)
        if second > 12:
            return _day(year, first, second, text)
        day_first = _day(year, second, first, text)
        month_first = _day(year, first, second, text)
        raise ValueError(
            _("“%(value)s” could be %(one)s or %(other)s. Write dates as %(formats)s.")
            % {
                "value": text,
                "one": _long(day_first),
                "other": _long(month_first),
                "formats": _accepted_formats(),
            }
        )
    for pattern in WORDED_DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a day, no time
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is not a date. Write dates as %(formats)s.")
        % {"value": text, "formats": _accepted_formats()}
    )


class DayWidget(widgets.Widget):
    """A date cell, or a date written so that it can be read one way only."""

    def clean(self, value, row=None, **kwargs):
        return parse_day(value)

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class TextWidget(widgets.CharWidget):
    """Text with its surrounding spaces trimmed; an empty cell is empty text."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class CountryWidget(widgets.Widget):
    """A country given by its ISO code (JP) or its English name (Japan)."""

    def clean(self, value, row=None, **kwargs):
        return country_code(value)
