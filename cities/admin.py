"""The site admin's view of places and relationships.

Site admins (superusers) see every city. A staff user given admin access
sees only their own city's records, through the same ``for_user`` door the
pages use, and the same goes for the choices of every related field.
Every model that keeps history gets simple-history's admin, so its history
can be read and a deleted record restored from it.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import path
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from cities.models import (
    City,
    CityNetwork,
    Commitment,
    NetworkMembership,
    ParticipatingCity,
    Partner,
    Person,
    ProgressEntry,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    SisterCityTie,
    StaffMember,
)
from cities.scoping import is_site_admin, staff_city, users_for

User = get_user_model()


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


class HistoryAdmin(CityScopedAdminMixin, SimpleHistoryAdmin):
    """Base for every model with ``HistoricalRecords``.

    Adds a "Deleted records" page, so a site admin finds what was deleted and
    restores it from its last version (simple-history's Revert).
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

    def deleted_records_view(self, request):
        if not is_site_admin(request.user):
            raise PermissionDenied
        opts = self.model._meta
        history = self.model.history
        live_ids = self.model._default_manager.values("pk")
        deletions = history.filter(history_type="-").exclude(id__in=live_ids)
        last_live = (
            history.filter(id=OuterRef("id"))
            .exclude(history_type="-")
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        rows = (
            deletions.annotate(restore_version=Subquery(last_live))
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"Deleted {opts.verbose_name_plural}",
            "rows": rows,
        }
        return TemplateResponse(request, "admin/deleted_records.html", context)


class ScopedInline(CityScopedAdminMixin, admin.TabularInline):
    extra = 0


class ScopedStackedInline(CityScopedAdminMixin, admin.StackedInline):
    extra = 0


class ReferenceDataAdmin(admin.ModelAdmin):
    """Reference data loaded by migration: everyone reads it, only superusers edit it."""

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


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


# --- Places ----------------------------------------------------------------


@admin.register(City)
class CityAdmin(HistoryAdmin):
    list_display = ("name", "region", "country", "population", "time_zone", "geonames_id")
    list_filter = (("country", ScopedCountryFilter),)
    search_fields = ("name", "region", "geonames_id__exact")
    # The GeoNames list holds tens of thousands of cities: skip the second COUNT.
    show_full_result_count = False


class StaffMemberInline(ScopedInline):
    model = StaffMember
    fk_name = "city"
    autocomplete_fields = ("user",)


@admin.register(ParticipatingCity)
class ParticipatingCityAdmin(HistoryAdmin):
    list_display = ("name", "slug", "office_name", "mayor", "contact_name", "contact_email")
    search_fields = ("city__name", "slug", "mayor")
    autocomplete_fields = ("city",)
    inlines = (StaffMemberInline,)

    def get_queryset(self, request):
        # __str__ reads the city: autocomplete answers and lists need it joined.
        return super().get_queryset(request).select_related("city")

    def get_readonly_fields(self, request, obj=None):
        # The city is the primary key: changing it would make a new row.
        if obj is not None:
            return (*super().get_readonly_fields(request, obj), "city")
        return super().get_readonly_fields(request, obj)

    @admin.display(ordering="city__name")
    def name(self, obj):
        return obj.city.name


@admin.register(StaffMember)
class StaffMemberAdmin(HistoryAdmin):
    list_display = ("user", "city", "role")
    list_filter = ("role", ("city", ParticipatingCityListFilter))
    list_select_related = ("user", "city__city")
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    autocomplete_fields = ("user", "city")


# --- Partners --------------------------------------------------------------


class PersonInline(ScopedInline):
    model = Person
    fields = ("name", "title", "email", "phone")


@admin.register(Partner)
class PartnerAdmin(HistoryAdmin):
    list_display = ("name", "kind", "country", "city", "partner_city", "is_sensitive")
    list_filter = (
        "kind",
        ("country", ScopedCountryFilter),
        ("city", ParticipatingCityListFilter),
    )
    list_select_related = ("city__city", "partner_city")
    search_fields = ("name", "notes", "city__city__name")
    autocomplete_fields = ("city", "partner_city")
    readonly_fields = ("created_at", "updated_at")
    inlines = (PersonInline,)

    @admin.display(boolean=True, description="sensitive")
    def is_sensitive(self, obj):
        return obj.is_sensitive


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ("name", "title", "partner", "email", "phone")
    list_filter = (("partner__city", ParticipatingCityListFilter),)
    list_select_related = ("partner",)
    search_fields = ("name", "title", "email", "partner__name")
    autocomplete_fields = ("partner",)


@admin.register(SisterCityTie)
class SisterCityTieAdmin(HistoryAdmin):
    list_display = ("partner_city", "city", "kind", "status", "established_on", "ended_on")
    list_filter = ("kind", "status", ("city", ParticipatingCityListFilter))
    list_select_related = ("city__city", "partner_city")
    search_fields = ("partner_city__name", "city__city__name", "signatories", "focus_areas")
    autocomplete_fields = ("city", "partner_city")
    date_hierarchy = "established_on"


# --- SDG reference data ----------------------------------------------------


@admin.register(SdgGoal)
class SdgGoalAdmin(ReferenceDataAdmin):
    list_display = ("number", "short", "color")
    search_fields = ("short", "title")


@admin.register(SdgTarget)
class SdgTargetAdmin(ReferenceDataAdmin):
    list_display = ("code", "title", "goal")
    list_filter = ("goal",)
    list_select_related = ("goal",)
    search_fields = ("code", "title")


@admin.register(SdgIndicator)
class SdgIndicatorAdmin(ReferenceDataAdmin):
    list_display = ("code", "title", "target")
    list_filter = ("target__goal",)
    list_select_related = ("target",)
    search_fields = ("code", "title")
    autocomplete_fields = ("target",)


# --- Commitments -----------------------------------------------------------


class ProgressEntryInline(ScopedInline):
    model = ProgressEntry
    fields = ("date", "value", "note")


@admin.register(Commitment)
class CommitmentAdmin(HistoryAdmin):
    list_display = ("title", "city", "framework", "target_year", "progress")
    list_filter = ("framework", ("city", ParticipatingCityListFilter))
    list_select_related = ("city__city",)
    search_fields = ("title", "description", "indicator_description")
    autocomplete_fields = ("city", "sdg_targets", "indicator")
    readonly_fields = ("created_at", "updated_at")
    inlines = (ProgressEntryInline,)

    def get_queryset(self, request):
        # The progress column reads the latest entry: annotate it, not one query a row.
        return super().get_queryset(request).with_latest_progress()

    @admin.display(description="progress")
    def progress(self, obj):
        return obj.progress_status.label


@admin.register(ProgressEntry)
class ProgressEntryAdmin(HistoryAdmin):
    list_display = ("commitment", "date", "value", "note")
    list_filter = (("commitment__city", ParticipatingCityListFilter),)
    list_select_related = ("commitment",)
    search_fields = ("commitment__title", "note")
    autocomplete_fields = ("commitment",)
    date_hierarchy = "date"


# --- Networks --------------------------------------------------------------


class NetworkMembershipInline(ScopedInline):
    model = NetworkMembership
    fields = ("city", "role", "status", "since", "until", "notes")
    autocomplete_fields = ("city",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city__city")


@admin.register(CityNetwork)
class CityNetworkAdmin(HistoryAdmin):
    list_display = ("name", "acronym", "focus", "website")
    search_fields = ("name", "acronym", "focus")
    inlines = (NetworkMembershipInline,)


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(HistoryAdmin):
    list_display = ("city", "network", "role", "status", "since", "until")
    list_filter = ("network", "role", "status", ("city", ParticipatingCityListFilter))
    list_select_related = ("city__city", "network")
    search_fields = ("city__city__name", "network__name", "network__acronym")
    autocomplete_fields = ("city", "network")


# --- Users -----------------------------------------------------------------


class UserStaffMemberInline(ScopedStackedInline):
    """A user's city and role, set where the user is edited."""

    model = StaffMember
    fk_name = "user"
    max_num = 1
    autocomplete_fields = ("city",)
    verbose_name_plural = "city and role"


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(CityScopedAdminMixin, UserAdmin):
    inlines = (*UserAdmin.inlines, UserStaffMemberInline)
    list_display = (*UserAdmin.list_display, "staff_city", "staff_role")
    list_filter = (*UserAdmin.list_filter, "staff__role")
    list_select_related = ("staff__city__city",)

    @admin.display(description="city", ordering="staff__city__city__name")
    def staff_city(self, user):
        try:
            return user.staff.city.city.name
        except ObjectDoesNotExist:
            return None

    @admin.display(description="role", ordering="staff__role")
    def staff_role(self, user):
        try:
            return user.staff.get_role_display()
        except ObjectDoesNotExist:
            return None
