"""Reading an import file: CSV or XLSX into rows, header names, and the widgets
that turn a cell into a value (a choice, a date, a country, some text).

A cell a widget cannot read raises ``ValueError`` with a message for the
person who filled in the spreadsheet; import-export shows it on the row.
"""

from __future__ import annotations

import datetime
import re

import tablib
from django.utils.translation import gettext as _
from django_countries import countries
from import_export import widgets
from import_export.formats import base_formats

# Several partners, topics or targets in one cell: "trade; climate".
LIST_SEPARATOR = ";"


class ImportFileError(Exception):
    """The file cannot be read as a spreadsheet of the expected kind."""


def header_key(header) -> str:
    """``Start date``, ``start-date`` and ``START_DATE`` all name ``start_date``."""
    return re.sub(r"[\s\-]+", "_", str(header or "").strip().lower())


def load_dataset(data: bytes, file_format: str) -> tablib.Dataset:
    """The rows of a CSV or XLSX file, headers normalised, blank rows dropped."""
    try:
        if file_format == "csv":
            dataset = base_formats.CSV().create_dataset(data.decode("utf-8-sig"))
        elif file_format == "xlsx":
            dataset = base_formats.XLSX().create_dataset(data)
        else:
            raise ImportFileError(_("Upload a .csv or .xlsx file."))
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("The CSV file is not UTF-8 text; save it as “CSV UTF-8”.")) from exc
    except ImportFileError:
        raise
    except Exception as exc:  # tablib and openpyxl raise many kinds on a damaged file
        raise ImportFileError(
            _("The file could not be read as %(format)s.") % {"format": file_format.upper()}
        ) from exc
    if not dataset.headers:
        raise ImportFileError(_("The file has no header row."))
    clean = tablib.Dataset(headers=[header_key(h) for h in dataset.headers])
    for row in dataset:
        if any(cell not in (None, "") for cell in row):
            clean.append(row)
    return clean


def split_list(value) -> list[str]:
    """The non-blank items of a cell holding several, separated by ``;``."""
    return [part.strip() for part in str(value or "").split(LIST_SEPARATOR) if part.strip()]


def country_code(value) -> str:
    """The ISO code of a country given by its code (JP) or its English name (Japan)."""
    text = str(value or "").strip()
    if not text:
        raise ValueError(_("A country is required."))
    if text.upper() in dict(countries):
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


class DayWidget(widgets.DateWidget):
    """A date written as 2026-03-10, or a date cell of a spreadsheet."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, str):
            value = value.strip()
        return super().clean(value, row, **kwargs)


class TextWidget(widgets.CharWidget):
    """Text with its surrounding spaces trimmed; an empty cell is empty text."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class CountryWidget(widgets.Widget):
    """A country given by its ISO code (JP) or its English name (Japan)."""

    def clean(self, value, row=None, **kwargs):
        return country_code(value)
