"""Spreadsheet imports of engagements and partners (django-import-export).

Columns map by header name (``Start date`` and ``start_date`` are the same
column). Every import is first previewed: the whole file runs in a
transaction that is rolled back (``dry_run``), and every row's outcome (new,
updated, skipped, error with the reason) is kept on the ``ImportJob``. The
real import then runs in one transaction that is rolled back as a whole if
any row fails, so it is all or nothing.

An engagement row is recognised by its ``import_key`` column, or, when that
is blank, by a key derived from its title, kind and start date; the key is
stored with the engagement, so importing the same file again changes nothing.
Partners are matched by name and country, and created when missing.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import re
from collections.abc import Callable

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_countries import countries
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.results import RowResult

from cities.choices import PartnerKind
from cities.models import Partner, SdgTarget
from engagements.choices import EngagementKind, EngagementStatus, ImportKind, ImportStatus
from engagements.import_services import engagement_import_save, partner_import_save
from engagements.models import Engagement, EngagementImportKey, ImportJob, Topic
from engagements.services import report_refresh_batch

LIST_SEPARATOR = ";"
PROGRESS_EVERY = 100


class ImportFileError(Exception):
    """The file cannot be read as a spreadsheet of the expected kind."""


# --- Reading files -------------------------------------------------------------


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
            raise ImportFileError("Upload a .csv or .xlsx file.")
    except UnicodeDecodeError as exc:
        raise ImportFileError("The CSV file is not UTF-8 text; save it as “CSV UTF-8”.") from exc
    except ImportFileError:
        raise
    except Exception as exc:  # tablib and openpyxl raise many kinds on a damaged file
        raise ImportFileError(f"The file could not be read as {file_format.upper()}.") from exc
    if not dataset.headers:
        raise ImportFileError("The file has no header row.")
    clean = tablib.Dataset(headers=[header_key(h) for h in dataset.headers])
    for row in dataset:
        if any(cell not in (None, "") for cell in row):
            clean.append(row)
    return clean


# --- Widgets -----------------------------------------------------------------


class ChoiceWidget(widgets.Widget):
    """A choice given by its code or its label, in any case."""

    def __init__(self, choices, default=None, **kwargs):
        self.lookup = {}
        for code, label in choices:
            self.lookup[str(code).lower()] = code
            self.lookup[str(label).lower()] = code
        self.codes = [code for code, _ in choices]
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        if not text:
            if self.default is None:
                raise ValueError("This column is required.")
            return self.default
        if text not in self.lookup:
            raise ValueError(f"“{value}” is not one of: {', '.join(self.codes)}.")
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
    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class CountryWidget(widgets.Widget):
    """A country given by its ISO code (JP) or its English name (Japan)."""

    def clean(self, value, row=None, **kwargs):
        return country_code(value)


def country_code(value) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValueError("A country is required.")
    if text.upper() in dict(countries):
        return text.upper()
    code = countries.by_name(text)
    if not code:
        raise ValueError(f"“{text}” is not a country code or name.")
    return code


def _split(value) -> list[str]:
    return [part.strip() for part in str(value or "").split(LIST_SEPARATOR) if part.strip()]


# --- Resources ---------------------------------------------------------------


class ScopedResource(resources.ModelResource):
    """A resource that imports into one participating city, as one user."""

    def __init__(self, *, city, user, progress: Callable[[int], None] | None = None):
        super().__init__()
        self.city = city
        self.user = user
        self.progress = progress
        self.rows_done = 0

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        self.rows_done += 1
        if self.progress and self.rows_done % PROGRESS_EVERY == 0:
            self.progress(self.rows_done)
        return result

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or original.pk is None:
            return False
        return super().skip_row(instance, original, row, import_validation_errors)


class PartnerResource(ScopedResource):
    name = fields.Field(attribute="name", column_name="name", widget=TextWidget())
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(PartnerKind.choices)
    )
    website = fields.Field(attribute="website", column_name="website", widget=TextWidget())
    notes = fields.Field(attribute="notes", column_name="notes", widget=TextWidget())
    sensitivity_note = fields.Field(
        attribute="sensitivity_note", column_name="sensitivity_note", widget=TextWidget()
    )

    class Meta:
        model = Partner
        fields = ("name", "country", "kind", "website", "notes", "sensitivity_note")
        import_id_fields = ("name", "country")
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        store_row_values = True
        # The service validates (full_clean) before it saves; its errors mark the row.
        clean_model_instances = False

    def get_queryset(self):
        return Partner.objects.for_city(self.city)

    def init_instance(self, row=None):
        return Partner(city=self.city)

    def do_instance_save(self, instance, is_create):
        partner_import_save(partner=instance, author=self.user)


class EngagementResource(ScopedResource):
    import_key = fields.Field(column_name="import_key")
    title = fields.Field(attribute="title", column_name="title", widget=TextWidget())
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(EngagementKind.choices)
    )
    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=ChoiceWidget(EngagementStatus.choices, default=EngagementStatus.PLANNED),
    )
    start_date = fields.Field(attribute="start_date", column_name="start_date", widget=DayWidget())
    end_date = fields.Field(attribute="end_date", column_name="end_date", widget=DayWidget())
    location = fields.Field(attribute="location", column_name="location", widget=TextWidget())
    summary = fields.Field(attribute="summary", column_name="summary", widget=TextWidget())
    outcomes = fields.Field(attribute="outcomes", column_name="outcomes", widget=TextWidget())
    investment_usd = fields.Field(
        attribute="investment_usd", column_name="investment_usd", widget=widgets.DecimalWidget()
    )
    jobs_announced = fields.Field(
        attribute="jobs_announced", column_name="jobs_announced", widget=widgets.IntegerWidget()
    )
    # Relations are resolved by ``import_instance`` below, not by import-export.
    partner_name = fields.Field(column_name="partner_name")
    partner_country = fields.Field(column_name="partner_country")
    partner_kind = fields.Field(column_name="partner_kind")
    topics = fields.Field(column_name="topics")
    sdg_targets = fields.Field(column_name="sdg_targets")

    class Meta:
        model = Engagement
        fields = (
            "import_key",
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
            "partner_name",
            "partner_country",
            "partner_kind",
            "topics",
            "sdg_targets",
        )
        import_id_fields = ()
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        store_row_values = True
        # The service validates (full_clean) before it saves; its errors mark the row.
        clean_model_instances = False

    def before_import(self, dataset, **kwargs):
        self.keys = dict(
            EngagementImportKey.objects.filter(city=self.city).values_list("key", "engagement_id")
        )
        self.partners = {
            (p.name.casefold(), p.country.code): p for p in Partner.objects.for_city(self.city)
        }
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.targets = {t.code: t for t in SdgTarget.objects.all()}

    def row_key(self, row) -> str:
        given = str(row.get("import_key") or "").strip()
        if given:
            return given[:200]
        try:
            start = DayWidget().clean(row.get("start_date"))
        except ValueError:
            start = row.get("start_date")
        natural = "|".join(
            str(part or "").strip().casefold()
            for part in (row.get("title"), row.get("kind"), start)
        )
        return "auto:" + hashlib.sha256(natural.encode()).hexdigest()[:40]

    def get_instance(self, instance_loader, row):
        engagement_id = self.keys.get(self.row_key(row))
        if engagement_id is None:
            return None
        return Engagement.objects.for_city(self.city).filter(pk=engagement_id).first()

    def init_instance(self, row=None):
        return Engagement(city=self.city)

    def _partners(self, row):
        names = _split(row.get("partner_name"))
        countries_ = _split(row.get("partner_country"))
        # Kinds keep their places ("; business"): only new partners need one.
        kinds = [part.strip() for part in str(row.get("partner_kind") or "").split(LIST_SEPARATOR)]
        if len(countries_) != len(names):
            raise ValueError("Give one partner_country for each partner_name (separated by ;).")
        found, created = [], []
        for index, (name, country) in enumerate(zip(names, countries_, strict=True)):
            code = country_code(country)
            partner = self.partners.get((name.casefold(), code))
            if partner is None:
                try:
                    kind = ChoiceWidget(PartnerKind.choices).clean(
                        kinds[index] if index < len(kinds) else ""
                    )
                except ValueError as exc:
                    raise ValueError(
                        f"{name} ({code}) is a new partner and needs a partner_kind: {exc}"
                    ) from exc
                try:
                    partner = partner_import_save(
                        partner=Partner(city=self.city, name=name, country=code, kind=kind),
                        author=self.user,
                    )
                except ValidationError as exc:
                    raise ValueError(f"Partner {name}: {'; '.join(exc.messages)}") from exc
                self.partners[(name.casefold(), code)] = partner
                created.append(f"{name} ({code})")
            found.append(partner)
        return found, created

    def _codes(self, row, column, known):
        codes = _split(row.get(column))
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ValueError(f"Unknown code: {', '.join(unknown)}.")
        return [known[code] for code in codes]

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        relations, created = {}, []
        try:
            relations["partners"], created = self._partners(row)
        except ValueError as exc:
            errors["partners"] = [str(exc)]
        for column, known in (("topics", self.topics), ("sdg_targets", self.targets)):
            try:
                relations[column] = self._codes(row, column, known)
            except ValueError as exc:
                errors[column] = [str(exc)]
        instance._import_key = self.row_key(row)
        instance._import_relations = relations
        instance._import_new_partners = created
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        return all(
            {item.pk for item in items} == {item.pk for item in getattr(original, name).all()}
            for name, items in instance._import_relations.items()
        )

    def do_instance_save(self, instance, is_create):
        engagement_import_save(
            engagement=instance,
            author=self.user,
            key=instance._import_key,
            **instance._import_relations,
        )
        self.keys[instance._import_key] = instance.pk


RESOURCES = {ImportKind.ENGAGEMENTS: EngagementResource, ImportKind.PARTNERS: PartnerResource}

TEMPLATE_ROWS = {
    ImportKind.ENGAGEMENTS: [
        "nagoya-2026-03",
        "Visit of the Mayor of Nagoya",
        EngagementKind.INBOUND_DELEGATION.value,
        EngagementStatus.CONFIRMED.value,
        "2026-03-10",
        "2026-03-12",
        "City Hall",
        "Courtesy call and port tour.",
        "",
        "",
        "",
        "City of Nagoya",
        "JP",
        PartnerKind.CITY_GOVERNMENT.value,
        "trade; climate",
        "11.6",
    ],
    ImportKind.PARTNERS: [
        "City of Nagoya",
        "JP",
        PartnerKind.CITY_GOVERNMENT.value,
        "https://www.city.nagoya.jp",
        "Sister city since 1959.",
        "",
    ],
}


def template_dataset(kind: str) -> tablib.Dataset:
    """The columns of an import, with one example row."""
    headers = list(RESOURCES[kind]._meta.fields)
    return tablib.Dataset(TEMPLATE_ROWS[kind], headers=headers)


# --- Running a job ----------------------------------------------------------


OUTCOMES = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "skipped",
    RowResult.IMPORT_TYPE_ERROR: "error",
    RowResult.IMPORT_TYPE_INVALID: "error",
}


def _reasons(row_result) -> list[str]:
    if row_result.validation_error is not None:
        error = row_result.validation_error
        if hasattr(error, "error_dict"):
            return [
                message if field == "__all__" else f"{field}: {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        return list(error.messages)
    return [str(error.error) for error in row_result.errors]


def _outcomes(result) -> tuple[list[dict], dict]:
    rows, summary = [], {"new": 0, "updated": 0, "skipped": 0, "error": 0}
    for number, row_result in enumerate(result.rows, start=1):
        outcome = OUTCOMES.get(row_result.import_type, "error")
        values = row_result.row_values or {}
        entry = {
            # The spreadsheet's own line number: line 1 is the header.
            "line": number + 1,
            "outcome": outcome,
            "label": str(values.get("title") or values.get("name") or ""),
        }
        reasons = _reasons(row_result) if outcome == "error" else []
        if reasons:
            entry["reasons"] = reasons
        new_partners = getattr(row_result.instance, "_import_new_partners", None)
        if new_partners and outcome != "error":
            entry["new_partners"] = new_partners
        rows.append(entry)
        summary[outcome] += 1
    for error in result.base_errors:
        summary["error"] += 1
        rows.append({"line": 0, "outcome": "error", "label": "", "reasons": [str(error.error)]})
    return rows, summary


def _run(job: ImportJob, *, dry_run: bool, progress=None):
    dataset = load_dataset(bytes(job.data), job.file_format)
    resource = RESOURCES[job.kind](city=job.city, user=job.user, progress=progress)
    # One refresh per touched period for the whole file; a dry run's writes are
    # rolled back, and their refreshes with them.
    batch = contextlib.nullcontext() if dry_run else report_refresh_batch()
    with batch:
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            retain_instance_in_row_result=True,
        )
    return _outcomes(result)


def import_job_preview(*, job: ImportJob, progress=None) -> ImportJob:
    """Check every row of the file without writing anything; keep each row's outcome."""
    try:
        rows, summary = _run(job, dry_run=True, progress=progress)
    except ImportFileError as exc:
        job.status, job.error, job.rows, job.summary = ImportStatus.FAILED, str(exc), [], {}
    else:
        job.rows, job.summary = rows, summary
        job.status = ImportStatus.INVALID if summary["error"] else ImportStatus.PREVIEWED
    job.processed_rows = job.total_rows
    job.save(update_fields=["rows", "summary", "status", "error", "processed_rows", "updated_at"])
    return job


def import_job_commit(*, job: ImportJob, progress=None) -> ImportJob:
    """Import the whole file in one transaction: every row, or (if one fails) none."""
    try:
        with transaction.atomic():
            rows, summary = _run(job, dry_run=False, progress=progress)
            if summary["error"]:
                transaction.set_rollback(True)
    except ImportFileError as exc:
        rows, summary, job.error = [], {}, str(exc)
    job.rows, job.summary = rows, summary
    job.status = ImportStatus.DONE if summary and not summary["error"] else ImportStatus.FAILED
    job.processed_rows = job.total_rows
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "rows",
            "summary",
            "status",
            "error",
            "processed_rows",
            "finished_at",
            "updated_at",
        ]
    )
    return job
