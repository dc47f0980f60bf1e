"""The scoped admin that both apps' admin pages are built from.

Two ideas, each in one place:

- **Scoping.** Site admins (superusers) see every city. A staff user given
  admin access sees only their own city's records, through the same
  ``for_user`` door the pages use, and the same goes for the choices of every
  related field (``scope_for_user``, ``CityScopedAdminMixin``).
- **Writes go through services.** Each admin page declares a ``Writer``: the
  create, update and delete services of its model. Saving the page, its
  many-to-many links, its inline rows, deleting a record and the bulk
  "delete selected" action all call them (``ServiceAdmin``,
  ``ServiceInlineFormSet``), so an admin edit is validated, kept in history
  under the admin's name and followed by its report refresh, like any other.
  A writer's ``check`` runs the model's cross-record rules in the form, so a
  refusal shows beside its field; a refusal the forms could not foresee shows
  as a form error too, never as a server error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from cities.models import ParticipatingCity, StaffMember, TrashEntry
from cities.records import record_adopt, record_fields
from cities.scoping import is_site_admin, staff_city, users_for

User = get_user_model()

# --- Scoping ----------------------------------------------------------------


def scope_for_user(queryset, user):
    """The rows of ``queryset`` a user may reach in the admin.

    City-scoped models answer through their ``for_user``; the participating
    cities, staff and users are cut to the user's own city; world cities,
    networks and the reference data are shared by everyone.
    """
    if is_site_admin(user):
        return queryset
    if hasattr(queryset, "for_user"):
        return queryset.for_user(user)
    city = staff_city(user)
    model = queryset.model
    if model is ParticipatingCity:
        return queryset.filter(pk=city.pk) if city else queryset.none()
    if model is StaffMember:
        return queryset.filter(city=city) if city else queryset.none()
    if model is User:
        return users_for(user, queryset)
    return queryset


class CityScopedAdminMixin:
    """Admin rows and related-field choices go through ``scope_for_user``."""

    def get_queryset(self, request):
        return scope_for_user(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not is_site_admin(request.user) and "queryset" not in kwargs:
            kwargs["queryset"] = scope_for_user(
                db_field.related_model._default_manager.all(), request.user
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not is_site_admin(request.user) and "queryset" not in kwargs:
            kwargs["queryset"] = scope_for_user(
                db_field.related_model._default_manager.all(), request.user
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# --- Writing through services ---------------------------------------------------

# A form's view of the record it saves: the value a field will be saved with.
Chosen = Callable[[str], Any]


@dataclass(frozen=True)
class Writer:
    """How the admin writes one model: through its create, update and delete services.

    Create and update are given the form's values as keywords
    (``record_fields``) and its many-to-many links by field name; update and
    delete name the record by ``record`` (``engagement_update(engagement=…)``).
    ``author`` is the keyword create takes its editor by, ``service_sets`` the
    fields the service fills in itself (who created it, when it was done).
    ``check(chosen)`` applies the model's cross-record rules (the services'
    own rule functions) to a form's choices, so a refusal shows beside its
    field before anything is saved.
    """

    create: Callable[..., models.Model]
    update: Callable[..., models.Model]
    delete: Callable[..., None]
    record: str
    author: str = "editor"
    service_sets: tuple[str, ...] = ()
    check: Callable[[Chosen], None] | None = None

    def save(self, instance, *, editor, links: dict, adding: bool) -> models.Model:
        """Create or update the record ``instance`` holds, as ``editor``."""
        fields = {**record_fields(instance, exclude=self.service_sets), **links}
        if not adding:
            return self.update(**{self.record: instance}, editor=editor, **fields)
        key = instance._meta.pk
        if key.is_relation:  # a participating city is keyed by its world city
            fields[key.name] = getattr(instance, key.name)
        saved = self.create(**{self.author: editor}, **fields)
        record_adopt(instance, saved)
        return instance

    def remove(self, instance, *, editor) -> None:
        """Delete ``instance``, as ``editor``."""
        self.delete(**{self.record: instance}, editor=editor)


def form_links(form) -> dict:
    """The many-to-many links a form chose, as the service keywords of the same names."""
    return {
        field.name: form.cleaned_data[field.name]
        for field in form._meta.model._meta.many_to_many
        if field.name in form.cleaned_data
    }


class ServiceFormMixin:
    """A form whose record is saved by a ``Writer``: its rules are checked in ``clean``.

    ``refusal`` is a service's refusal that came after the forms had passed
    (``ServiceAdmin`` answers the page again with it): it is shown beside its
    field, or above the form for a field the form does not have.
    """

    writer: Writer | None = None
    refusal = None
    # The admin saves the page's own record on every submit, an inline row only when changed.
    always_saved = True

    def clean(self):
        cleaned_data = super().clean()
        if self.refusal is not None:
            self.add_refusal(self.refusal)
        check = self.writer.check if self.writer is not None else None
        if check is not None and (self.always_saved or self.has_changed()):
            try:
                check(self.chosen)
            except forms.ValidationError as refusal:
                self.add_refusal(refusal)
        return cleaned_data

    def chosen(self, name: str):
        """The value ``name`` will be saved with: the form's choice, else the record's own."""
        if name in self.cleaned_data:
            return self.cleaned_data[name]
        if self.instance._meta.get_field(name).many_to_many:
            return None  # links the form does not show are left as they are
        try:
            return getattr(self.instance, name)
        except ObjectDoesNotExist:
            return None

    def add_refusal(self, refusal: forms.ValidationError) -> None:
        if not hasattr(refusal, "error_dict"):
            self.add_error(None, refusal)
            return
        for name, errors in refusal.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


class ServiceModelForm(ServiceFormMixin, forms.ModelForm):
    """The admin's model form: saved by the page's ``Writer``, checked by its rules."""


class ServiceInlineFormSet(forms.BaseInlineFormSet):
    """Inline rows written by their model's services: new and changed rows through
    create and update, rows ticked for deletion through delete."""

    writer: Writer
    editor = None

    def save_new(self, form, commit=True):
        if not commit:
            return super().save_new(form, commit=False)
        # The parent may have been saved after the formset was built (an add page).
        setattr(form.instance, self.fk.name, self.instance)
        with _refusal_of_a_row():
            return self.writer.save(
                form.instance, editor=self.editor, links=form_links(form), adding=True
            )

    def save_existing(self, form, obj, commit=True):
        if not commit:
            return super().save_existing(form, obj, commit=False)
        with _refusal_of_a_row():
            return self.writer.save(obj, editor=self.editor, links=form_links(form), adding=False)

    def delete_existing(self, obj, commit=True):
        if commit:
            with _refusal_of_a_row():
                self.writer.remove(obj, editor=self.editor)


@contextlib.contextmanager
def _refusal_of_a_row():
    # A row's refusal is shown above the page's form: keep its words, not its
    # field (the page's own form may have a field of the same name).
    try:
        yield
    except forms.ValidationError as refusal:
        if hasattr(refusal, "error_dict"):
            raise forms.ValidationError(refusal.messages) from refusal
        raise


_REFUSAL = "_admin_service_refusal"


def _answer_showing_refusals(view, request, *args):
    """Answer ``view``; if a service refuses the save, answer again with the refusal
    shown on the form (the first attempt's transaction is rolled back)."""
    try:
        return view(request, *args)
    except forms.ValidationError as refusal:
        if request.method != "POST" or hasattr(request, _REFUSAL):
            raise
        setattr(request, _REFUSAL, refusal)
        return view(request, *args)


class ServiceAdmin:
    """A ModelAdmin mixin: every write of the page goes through ``writer``'s services.

    The record (``save_model``) with the many-to-many links the form chose,
    the inline rows (``ServiceInlineFormSet``), a delete and the bulk "delete
    selected" action, one record at a time so each refresh and history row is
    recorded. Every admin declares ``writer``; ``None`` means its model has no
    service and Django saves it, which the admin says in a comment.
    """

    form = ServiceModelForm
    writer: Writer | None

    def __init__(self, *args, **kwargs):
        if not hasattr(self, "writer"):
            raise ImproperlyConfigured(
                f"{type(self).__name__} must declare its writer: the services that save "
                "its model, or None (with a comment saying why Django saves it)."
            )
        super().__init__(*args, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)  # a new class on every call
        form.writer = self.writer
        form.refusal = getattr(request, _REFUSAL, None)
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        # A record never moves to another city (the API refuses it too): its links,
        # history and report figures belong to the city that recorded it.
        owned = any(field.name == "city" for field in self.model._meta.concrete_fields)
        if obj is not None and owned and "city" not in fields:
            return (*fields, "city")
        return fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return _answer_showing_refusals(
            super().changeform_view, request, object_id, form_url, extra_context
        )

    def save_model(self, request, obj, form, change):
        if self.writer is None:
            return super().save_model(request, obj, form, change)
        return self.writer.save(obj, editor=request.user, links=form_links(form), adding=not change)

    def save_related(self, request, form, formsets, change):
        if self.writer is None:
            return super().save_related(request, form, formsets, change)
        # The links were the service's to set (save_model): no form.save_m2m() here.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        if self.writer is None:
            return super().delete_model(request, obj)
        return self.writer.remove(obj, editor=request.user)

    def delete_queryset(self, request, queryset):
        if self.writer is None:
            return super().delete_queryset(request, queryset)
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


class ServiceInlineMixin:
    """An inline whose rows are written by ``writer``'s services (always declared)."""

    form = ServiceModelForm
    formset = ServiceInlineFormSet
    writer: Writer

    def __init__(self, *args, **kwargs):
        if getattr(self, "writer", None) is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} must declare the writer that saves its rows."
            )
        super().__init__(*args, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)  # a new class on every call
        formset.writer = formset.form.writer = self.writer
        formset.editor = request.user
        formset.form.always_saved = False
        return formset


# --- The admins both apps build on ---------------------------------------------


class HistoryAdmin(ServiceAdmin, CityScopedAdminMixin, SimpleHistoryAdmin):
    """Base for every model with ``HistoricalRecords``.

    Adds a "Deleted records" page, so a site admin finds what was deleted and
    restores it from its last version (simple-history's Revert, which saves
    through the writer like any other edit).
    """

    change_list_template = "admin/history_change_list.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_records_view),
                name=f"{opts.app_label}_{opts.model_name}_deleted",
            ),
            *super().get_urls(),
        ]

    def history_view_title(self, request, obj):
        # A deleted delegation's name reads its engagement, which may be gone too.
        return _("Change history: %s") % _record_label(obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        version = self.model.history.filter(history_id=version_id).first()
        if version is not None:
            opts = self.model._meta
            refusal = None
            if missing := _missing_parents([version]):
                refusal = _parents_gone_message(missing[version.history_id])
            elif _in_trash(self.model, [getattr(version, opts.pk.attname)]):
                refusal = IN_TRASH
            if refusal:
                messages.error(request, refusal)
                return redirect(f"admin:{opts.app_label}_{opts.model_name}_deleted")
        return _answer_showing_refusals(
            super().history_form_view, request, object_id, version_id, extra_context
        )

    def deleted_records_view(self, request):
        if not is_site_admin(request.user):
            raise PermissionDenied
        opts = self.model._meta
        history = self.model.history
        # The record's own key, as its history rows hold it: "city" for a
        # participating city (its primary key is its city), "id" for the rest.
        key, pk_column = opts.pk.name, opts.pk.attname
        live_ids = self.model._default_manager.values("pk")
        deletions = history.filter(history_type="-").exclude(**{f"{key}__in": live_ids})
        last_live = (
            history.filter(**{key: OuterRef(key)})
            .exclude(history_type="-")
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        rows = list(
            deletions.annotate(restore_version=Subquery(last_live))
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        # Why a version cannot simply be reverted: its parent is gone, or it is
        # in the trash, where it comes back whole.
        refusals = {
            history_id: _parents_gone_message(names)
            for history_id, names in _missing_parents(rows).items()
        }
        trashed = _in_trash(self.model, [getattr(row, pk_column) for row in rows])
        refusals |= {row.history_id: IN_TRASH for row in rows if getattr(row, pk_column) in trashed}
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": _("Deleted %(records)s") % {"records": opts.verbose_name_plural},
            "rows": [
                (row, _deleted_label(row), getattr(row, pk_column), refusals.get(row.history_id))
                for row in rows
            ],
        }
        return TemplateResponse(request, "admin/deleted_records.html", context)


def _missing_parents(versions) -> dict[int, list[str]]:
    """For each history row whose required parent records are gone (a delegation
    deleted with its engagement), the names of those parents, by history id.

    Such a version cannot be reverted alone: its parent comes back first, from
    the trash. One query per required relation, whatever the number of rows.
    """
    if not versions:
        return {}
    model = versions[0].instance_type
    missing: dict[int, list[str]] = {}
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.null:
            continue
        values = {getattr(version, field.attname) for version in versions}
        target = field.related_model._base_manager
        existing = set(target.filter(pk__in=values).values_list("pk", flat=True))
        for version in versions:
            if getattr(version, field.attname) not in existing:
                missing.setdefault(version.history_id, []).append(str(field.verbose_name))
    return missing


IN_TRASH = _(
    "It is in its city's trash with everything that belongs to it: restore it from there, "
    "whole (a revert here would bring back this record alone)."
)


def _in_trash(model, pks) -> set:
    """Which of ``pks`` wait in a city's trash, where they are restored whole."""
    return set(
        TrashEntry.objects.filter(
            model_label=model._meta.label_lower, record_id__in=pks
        ).values_list("record_id", flat=True)
    )


def _parents_gone_message(names: list[str]) -> str:
    return _(
        "Its %(parents)s was deleted too: restore that first (from its city's trash), "
        "and this record comes back with it."
    ) % {"parents": ", ".join(names)}


def _record_label(instance) -> str:
    """A record's name; one that names a record deleted with it (a delegation
    names its engagement) falls back to its kind and id."""
    try:
        return str(instance)
    except ObjectDoesNotExist:
        return f"{instance._meta.verbose_name} #{instance.pk}"


def _deleted_label(row) -> str:
    return _record_label(row.instance)


class ScopedInline(ServiceInlineMixin, CityScopedAdminMixin, admin.TabularInline):
    extra = 0


class ScopedStackedInline(ServiceInlineMixin, CityScopedAdminMixin, admin.StackedInline):
    extra = 0


class ReferenceDataAdmin(admin.ModelAdmin):
    """Reference data loaded by migration: everyone reads it, only superusers edit it.

    It has no services (nothing but migrations and superusers write it), so
    Django's own save stays.
    """

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


# --- Filters -----------------------------------------------------------------------


class ParticipatingCityListFilter(admin.RelatedFieldListFilter):
    """Filter by participating city in one query.

    The stock filter calls ``str()`` on each participating city, and that
    reads its city: one query per city in the filter.
    """

    def field_choices(self, field, request, model_admin):
        cities = scope_for_user(
            ParticipatingCity.objects.select_related("city").order_by("city__name"), request.user
        )
        return [(city.pk, city.city.name) for city in cities]


class ScopedCountryFilter(CountryFilter):
    """Only the countries of the rows the user can see, not of every city's."""

    def lookup_choices(self, changelist):
        codes = set(
            changelist.root_queryset.order_by().values_list(self.field_path, flat=True).distinct()
        )
        for code, name in self.field.get_choices(include_blank=False):
            if code in codes:
                yield code, name
