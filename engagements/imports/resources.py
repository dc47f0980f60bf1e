"""The columns of each import, read into one participating city as one user.

A resource reads a row into a model instance and hands it to ``writes`` to
save; it looks records up only within the importing city (``for_city``), so
another city's engagement or partner is never matched, linked or changed.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Callable
from copy import copy

import tablib
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models.fields import NOT_PROVIDED
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.results import RowResult

from cities.choices import PartnerKind, choice_labels
from cities.models import Partner, SdgTarget
from cities.services import partner_draft
from engagements.choices import EngagementKind, EngagementStatus, ImportKind
from engagements.imports.reading import (
    LIST_SEPARATOR,
    ChoiceWidget,
    CountryWidget,
    DayWidget,
    TextWidget,
    country_code,
    split_list,
)
from engagements.imports.writes import (
    engagement_import_create_many,
    engagement_import_draft,
    engagement_import_update,
    partner_import_save,
)
from engagements.models import Engagement, EngagementImportKey, Topic

# How often a long import reports its progress, in rows.
PROGRESS_EVERY = 100
# Where the database sets no limit, the import keys looked up by one query.
IMPORT_MAX_KEYS_PER_QUERY = 20_000


class ScopedResource(resources.ModelResource):
    """A resource that imports into one participating city, as one user."""

    def __init__(self, *, city, user, progress: Callable[[int], None] | None = None):
        super().__init__()
        self.city = city
        self.user = user
        self.progress = progress
        self.rows_done = 0
        # Days as shown, each formatted once: a file's rows share few dates, and
        # formatting one translates its month's name anew.
        self._days: dict[datetime.date, str] = {}
        self._labels: dict[str, dict | None] = {}

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        self.row_done()
        return result

    def row_done(self) -> None:
        self.rows_done += 1
        if self.progress and self.rows_done % PROGRESS_EVERY == 0:
            self.progress(self.rows_done)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or original.pk is None:
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def choice_labels(self, column: str) -> dict | None:
        """{value: label} of a column with choices, in the import's language (the
        country's name is the Country's own); looked up once per column and file."""
        if column not in self._labels:
            field = self._meta.model._meta.get_field(column)
            self._labels[column] = (
                choice_labels(field) if field.choices and column != "country" else None
            )
        return self._labels[column]

    @functools.cached_property
    def cell_readers(self) -> list[tuple[str, str, Callable]] | None:
        """(column, attribute, widget's clean) of each column read into the record.

        None if a column needs more than a plain attribute set from its cell (a
        nested attribute, a default, a many-to-many widget): import-export's own
        reading handles those.
        """
        readers = []
        for field in self.get_import_fields():
            if not field.attribute:
                continue
            plain = (
                "__" not in field.attribute
                and not field.readonly
                and field.saves_null_values
                and field.default is NOT_PROVIDED
                and not isinstance(field.widget, widgets.ManyToManyWidget)
            )
            if not plain:
                return None
            readers.append((field.column_name, field.attribute, field.widget.clean))
        return readers

    def import_instance(self, instance, row, **kwargs):
        """Each cell through its column's widget into the record, the errors of all of
        them together: import-export's ``import_instance``, without its per-field
        lookups, which cost more than reading the cells."""
        if self.cell_readers is None:
            return super().import_instance(instance, row, **kwargs)
        errors = {}
        for column, attribute, clean in self.cell_readers:
            if column not in row:
                continue
            try:
                setattr(instance, attribute, clean(row[column], row=row))
            except ValueError as exc:
                errors[attribute] = ValidationError(str(exc), code="invalid")
        if errors:
            raise ValidationError(errors)

    # The columns whose cells are interpreted (a code, a date, a country), not kept as typed.
    READ_AS: tuple[str, ...] = ()

    def read_as(self, instance, row) -> list[list[str]]:
        """[column, what the file said, what will be stored] for each interpreted cell."""
        read = []
        for column in self.READ_AS:
            given = row.get(column)
            if given in (None, ""):
                continue
            read.append([column, str(given), self.stored_value(instance, column)])
        return read

    def stored_value(self, instance, column: str) -> str:
        value = getattr(instance, column)
        if isinstance(value, datetime.date):
            if value not in self._days:
                self._days[value] = date_format(value, "DATE_FORMAT")
            return self._days[value]
        labels = self.choice_labels(column)
        if labels is not None:
            return f"{labels.get(value, value)} ({value})"
        if column == "country":
            return f"{value.name} ({value.code})"
        return str(value)


class PartnerResource(ScopedResource):
    """Partners of the importing city, matched by name and country."""

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

    READ_AS = ("country", "kind")

    def get_queryset(self):
        return Partner.objects.for_city(self.city)

    def init_instance(self, row=None):
        return Partner(city=self.city)

    def do_instance_save(self, instance, is_create):
        partner_import_save(partner=instance, author=self.user)


class EngagementResource(ScopedResource):
    """Engagements of the importing city, matched by import key, with their partners,
    topics and SDG targets."""

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
        # New engagements are checked row by row and written together at the end
        # (``save_instance``, ``bulk_create``): no savepoint, no write per row.
        use_bulk = True
        batch_size = None
        # import-export would copy every row's instance to compare it once read;
        # only an engagement already stored needs that copy (``get_instance``).
        skip_diff = True

    READ_AS = ("kind", "status", "start_date", "end_date", "partner_name", "topics", "sdg_targets")

    def stored_value(self, instance, column: str) -> str:
        relations = getattr(instance, "_import_relations", {})
        if column == "partner_name":
            new = set(getattr(instance, "_import_new_partners", ()))
            is_new, known = self.partner_labels
            return "; ".join(
                (is_new if label in new else known) % {"partner": label}
                for partner in relations.get("partners", ())
                for label in (self.partner_label(partner),)
            )
        if column == "topics":
            return "; ".join(topic.name for topic in relations.get("topics", ()))
        if column == "sdg_targets":
            return "; ".join(target.code for target in relations.get("sdg_targets", ()))
        return super().stored_value(instance, column)

    @functools.cached_property
    def partner_labels(self) -> tuple[str, str]:
        # Translated once per file, not once per partner of every row.
        return _("%(partner)s, new"), _("%(partner)s, already known")

    def partner_label(self, partner) -> str:
        """``Name (JP)``; each partner's once, as its country is a new object on every read."""
        key = id(partner)
        if key not in self._partner_labels:
            self._partner_labels[key] = (partner, f"{partner.name} ({partner.country.code})")
        return self._partner_labels[key][1]

    def country_code(self, value) -> str:
        """``country_code`` of a cell, each distinct cell read once per file."""
        if value not in self._country_codes:
            try:
                self._country_codes[value] = (country_code(value), None)
            except ValueError as exc:
                self._country_codes[value] = (None, str(exc))
        code, error = self._country_codes[value]
        if error is not None:
            raise ValueError(error)
        return code

    def before_import(self, dataset, **kwargs):
        # Everything the rows refer to is read once for the whole file: the
        # engagements its keys name (with their links), the city's partners, the
        # topics and SDG targets. A row then costs no query to read or check.
        file_keys = list({self.row_key(row) for row in dataset.dict})
        self.keys = {}
        for chunk in _chunks(file_keys):
            self.keys.update(
                EngagementImportKey.objects.filter(city=self.city, key__in=chunk).values_list(
                    "key", "engagement_id"
                )
            )
        self.existing = {}
        for chunk in _chunks(list(self.keys.values())):
            self.existing.update(
                (engagement.pk, engagement)
                for engagement in Engagement.objects.for_city(self.city)
                .filter(pk__in=chunk)
                .prefetch_related("partners", "topics", "sdg_targets")
            )
        self.partners = {
            (p.name.casefold(), p.country.code): p for p in Partner.objects.for_city(self.city)
        }
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.targets = {t.code: t for t in SdgTarget.objects.all()}
        # New engagements checked and waiting to be written: {import key: draft}.
        self.drafts = {}
        # {id(partner): (partner, label)}, the partner kept so its id is not reused.
        self._partner_labels = {}
        self._country_codes = {}

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

    def import_row(self, row, instance_loader, **kwargs):
        key = self.row_key(row)
        if key in self.keys or key in self.drafts:
            # A stored engagement, or one an earlier row of the file creates.
            return super().import_row(row, instance_loader, **kwargs)
        result = self.import_new_row(row, key, number=kwargs.get("row_number"))
        self.row_done()
        return result

    def import_new_row(self, row, key: str, *, number=None) -> RowResult:
        """A row for a new engagement: import-export's ``import_row`` for a new record,
        without its steps for stored ones (lookup, comparison, deletion, diff), which
        cost a new row a third of its time."""
        result = self.get_row_result_class()()
        result.row_values = row
        result.import_type = RowResult.IMPORT_TYPE_NEW
        try:
            instance = self.init_instance(row)
            self.import_instance(instance, row, import_key=key)
            self.save_instance(instance, True, row)
            result.add_instance_info(instance)
            result.instance = instance
        except ValidationError as exc:
            result.import_type = RowResult.IMPORT_TYPE_INVALID
            result.validation_error = exc
        except Exception as exc:
            result.import_type = RowResult.IMPORT_TYPE_ERROR
            result.errors.append(self.get_error_result_class()(exc, row=row, number=number))
        return result

    def get_instance(self, instance_loader, row):
        key = self.row_key(row)
        if key in self.drafts:
            # A second row for an engagement an earlier row creates: it updates
            # (or repeats) what the first one wrote, as it would row by row.
            self.write_drafts()
        engagement_id = self.keys.get(key)
        if engagement_id is None:
            return None
        # Taken once: a key met again reads the engagement as the first row left it.
        engagement = self.existing.pop(engagement_id, None)
        if engagement is None:
            engagement = (
                Engagement.objects.for_city(self.city)
                .filter(pk=engagement_id)
                .prefetch_related("partners", "topics", "sdg_targets")
                .first()
            )
        if engagement is not None:
            # The stored values, to tell an unchanged row (``skip_row``); a shallow
            # copy, as a deep one would copy the prefetched links' querysets.
            engagement._import_original = copy(engagement)
        return engagement

    def write_drafts(self) -> None:
        """Write the new engagements checked so far, in one go."""
        if not self.drafts:
            return
        engagement_import_create_many(city=self.city, author=self.user, drafts=self.drafts)
        for key, draft in self.drafts.items():
            self.keys[key] = draft.engagement.pk
        self.drafts = {}

    def init_instance(self, row=None):
        # The city by its id: import-export copies each row's instance, and a
        # loaded city (with its own city and country) would be copied every row.
        return Engagement(city_id=self.city.pk)

    def _partners(self, row):
        names = split_list(row.get("partner_name"))
        countries_ = split_list(row.get("partner_country"))
        # Kinds keep their places ("; business"): only new partners need one.
        kinds = [part.strip() for part in str(row.get("partner_kind") or "").split(LIST_SEPARATOR)]
        if len(countries_) != len(names):
            raise ValueError(_("Give one partner_country for each partner_name (separated by ;)."))
        found, created = [], []
        for index, (name, country) in enumerate(zip(names, countries_, strict=True)):
            code = self.country_code(country)
            partner = self.partners.get((name.casefold(), code))
            if partner is None:
                try:
                    kind = ChoiceWidget(PartnerKind.choices).clean(
                        kinds[index] if index < len(kinds) else ""
                    )
                except ValueError as exc:
                    raise ValueError(
                        _("%(partner)s is a new partner and needs a partner_kind: %(reason)s")
                        % {"partner": f"{name} ({code})", "reason": exc}
                    ) from exc
                try:
                    # Saved with the engagements that name it (``write_drafts``).
                    partner = partner_draft(city=self.city, name=name, country=code, kind=kind)
                except ValidationError as exc:
                    raise ValueError(
                        _("Partner %(name)s: %(reasons)s")
                        % {"name": name, "reasons": "; ".join(exc.messages)}
                    ) from exc
                self.partners[(name.casefold(), code)] = partner
                created.append(f"{name} ({code})")
            found.append(partner)
        return found, created

    def _codes(self, row, column, known):
        codes = split_list(row.get(column))
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ValueError(_("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)})
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
        instance._import_key = kwargs.get("import_key") or self.row_key(row)
        instance._import_relations = relations
        instance._import_new_partners = created
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        original = getattr(instance, "_import_original", None)
        if import_validation_errors or original is None:
            return False
        if any(
            field.get_value(instance) != field.get_value(original)
            for field in self.get_import_fields()
        ):
            return False
        # The links are not written before the row is saved, so the stored ones
        # are the engagement's own, prefetched with it (a copy's would be queried).
        return all(
            {item.pk for item in items} == {item.pk for item in getattr(instance, name).all()}
            for name, items in instance._import_relations.items()
        )

    def save_instance(self, instance, is_create, row, **kwargs):
        if is_create:
            # Checked now, so the row shows what is wrong; written with the rest.
            self.drafts[instance._import_key] = engagement_import_draft(
                city=self.city, engagement=instance, author=self.user, **instance._import_relations
            )
            return
        # Partners a new row named may be linked here too: write those rows first.
        self.write_drafts()
        engagement_import_update(
            engagement=instance, author=self.user, **instance._import_relations
        )

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """After the last row: write the new engagements of an import whose rows all passed."""
        if dry_run or (
            result is not None and (result.has_errors() or result.has_validation_errors())
        ):
            # A preview has checked every row by now, and its writes would be
            # rolled back; a failed file is rolled back whole.
            self.drafts = {}
            return
        try:
            self.write_drafts()
        except Exception as exc:
            self.handle_import_error(result, exc, raise_errors)


def _chunks(items: list):
    # Under the database's limit of bound parameters per query (SQLite's 999,
    # less room for the city); PostgreSQL has none, and a query per 900 keys
    # cost half a second of round trips for a 10,000-row file.
    limit = connections[router.db_for_read(EngagementImportKey)].features.max_query_params
    size = limit - 99 if limit else IMPORT_MAX_KEYS_PER_QUERY
    for start in range(0, len(items), size):
        yield items[start : start + size]


RESOURCES = {ImportKind.ENGAGEMENTS: EngagementResource, ImportKind.PARTNERS: PartnerResource}

# The example row of each import's template file, in its columns' order.
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
