"""The site admin's view of engagements, delegations, follow-ups and reports.

Scoping, history and the participating-city filter come from ``cities.admin``.
"""

from django.contrib import admin

from cities.admin import (
    HistoryAdmin,
    ParticipatingCityListFilter,
    ReferenceDataAdmin,
    ScopedInline,
    ScopedStackedInline,
    scope_for_user,
)
from engagements.models import (
    CityReport,
    Delegation,
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(ReferenceDataAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


# --- Engagements -----------------------------------------------------------


class DelegationInline(ScopedStackedInline):
    model = Delegation
    autocomplete_fields = ("head",)
    max_num = 1


class FollowUpInline(ScopedInline):
    model = FollowUp
    fields = ("description", "owner", "due_date", "status", "completed_at")
    autocomplete_fields = ("owner",)


@admin.register(Engagement)
class EngagementAdmin(HistoryAdmin):
    list_display = ("title", "city", "kind", "start_date", "end_date", "status", "owner")
    list_filter = ("kind", "status", ("city", ParticipatingCityListFilter), "topics")
    list_select_related = ("city__city", "owner")
    search_fields = ("title", "summary", "location", "partners__name")
    autocomplete_fields = ("city", "partners", "topics", "sdg_targets", "owner")
    readonly_fields = ("created_by", "updated_by", "created_at", "updated_at")
    date_hierarchy = "start_date"
    fieldsets = (
        (None, {"fields": ("city", "kind", "title", "status", "owner")}),
        ("When and where", {"fields": ("start_date", "end_date", "location")}),
        ("With whom and on what", {"fields": ("partners", "topics", "sdg_targets")}),
        ("Results", {"fields": ("summary", "outcomes", "investment_usd", "jobs_announced")}),
        (
            "Record",
            {
                "fields": ("created_by", "created_at", "updated_by", "updated_at"),
                "classes": ("collapse",),
            },
        ),
    )
    inlines = (DelegationInline, FollowUpInline)

    def save_model(self, request, obj, form, change):
        # The pages record the author; an admin edit would otherwise leave no name.
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


# --- Delegations -----------------------------------------------------------


class DelegationMemberInline(ScopedInline):
    model = DelegationMember
    fields = ("name", "person", "title", "organisation", "role", "attendance")
    autocomplete_fields = ("person",)


class ItineraryItemInline(ScopedInline):
    model = ItineraryItem
    fields = ("date", "start_time", "end_time", "place", "activity", "responsible")


class GiftInline(ScopedInline):
    model = Gift
    fields = ("direction", "description", "value_usd", "giver", "recipient", "disposition")


@admin.register(Delegation)
class DelegationAdmin(HistoryAdmin):
    list_display = ("engagement", "city", "direction", "protocol_level", "head")
    list_filter = (
        "direction",
        "protocol_level",
        "interpreters_needed",
        "security_needed",
        ("engagement__city", ParticipatingCityListFilter),
    )
    list_select_related = ("engagement__city__city", "head")
    search_fields = ("engagement__title", "head__name", "notes")
    autocomplete_fields = ("engagement", "head")
    inlines = (DelegationMemberInline, ItineraryItemInline, GiftInline)

    def get_queryset(self, request):
        # __str__ reads the engagement: autocomplete answers need it joined too.
        return super().get_queryset(request).select_related("engagement")

    @admin.display(description="city", ordering="engagement__city__city__name")
    def city(self, delegation):
        return delegation.engagement.city.city.name


class DelegationPartAdmin(HistoryAdmin):
    """Members, itinerary items and gifts: listed with their delegation's engagement."""

    list_select_related = ("delegation__engagement",)
    autocomplete_fields = ("delegation",)
    list_filter = (("delegation__engagement__city", ParticipatingCityListFilter),)


@admin.register(DelegationMember)
class DelegationMemberAdmin(DelegationPartAdmin):
    list_display = ("name", "title", "organisation", "role", "attendance", "delegation")
    list_filter = ("role", "attendance", *DelegationPartAdmin.list_filter)
    search_fields = ("name", "title", "organisation", "delegation__engagement__title")
    autocomplete_fields = ("delegation", "person")


@admin.register(ItineraryItem)
class ItineraryItemAdmin(DelegationPartAdmin):
    list_display = ("date", "start_time", "end_time", "activity", "place", "delegation")
    search_fields = ("activity", "place", "responsible", "delegation__engagement__title")
    date_hierarchy = "date"


@admin.register(Gift)
class GiftAdmin(DelegationPartAdmin):
    list_display = ("description", "direction", "value_usd", "giver", "recipient", "delegation")
    list_filter = ("direction", *DelegationPartAdmin.list_filter)
    search_fields = ("description", "giver", "recipient", "delegation__engagement__title")


# --- Follow-ups ------------------------------------------------------------


@admin.register(FollowUp)
class FollowUpAdmin(HistoryAdmin):
    list_display = ("description", "engagement", "owner", "due_date", "status", "completed_at")
    list_filter = ("status", ("engagement__city", ParticipatingCityListFilter))
    list_select_related = ("engagement", "owner")
    search_fields = ("description", "engagement__title")
    autocomplete_fields = ("engagement", "owner")
    date_hierarchy = "due_date"


# --- Reports ---------------------------------------------------------------


@admin.register(CityReport)
class CityReportAdmin(admin.ModelAdmin):
    """Computed by the report jobs: the admin reads it and never writes it.

    Deleting stays with the default permission, so deleting a participating
    city is not blocked by its reports.
    """

    list_display = ("city", "period_kind", "period_start", "period_end", "computed_at")
    list_filter = ("period_kind", ("city", ParticipatingCityListFilter))
    list_select_related = ("city__city",)
    search_fields = ("city__city__name",)
    date_hierarchy = "period_start"

    def get_queryset(self, request):
        return scope_for_user(super().get_queryset(request), request.user)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
