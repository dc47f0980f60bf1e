"""The site admin's pages of engagements, delegations, follow-ups and reports.

Scoping, history and the writers come from ``cities.admin.toolkit``: every
page saves through ``engagements.services``, declared in the table of
writers below, and a form checks the services' own rules (an engagement's
partners and owner, a delegation's head, a follow-up's owner) so a refusal
shows beside its field.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cities.admin.toolkit import (
    HistoryAdmin,
    ParticipatingCityListFilter,
    ReferenceDataAdmin,
    ScopedInline,
    ScopedStackedInline,
    Writer,
    scope_for_user,
)
from cities.services import require_works_for
from engagements import services
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

# --- Writers: the services each page saves through, and the rules its form checks ---


def _city_id(engagement):
    return engagement.city_id if engagement is not None else None


def engagement_rules(chosen) -> None:
    """An engagement's partners and owner belong to the city chosen for it."""
    city = chosen("city")
    if city is not None:
        services.engagement_check(
            city_id=city.pk, owner=chosen("owner"), partners=chosen("partners")
        )


def delegation_rules(chosen) -> None:
    """A delegation's head is a contact at one of its engagement's city's partners."""
    city_id = _city_id(chosen("engagement"))
    if city_id is not None:
        services.delegation_check(city_id=city_id, head=chosen("head"))


def follow_up_rules(chosen) -> None:
    """A follow-up's owner works for its engagement's city."""
    city_id = _city_id(chosen("engagement"))
    if city_id is not None:
        require_works_for(chosen("owner"), city_id, field="owner")


ENGAGEMENT = Writer(
    create=services.engagement_create,
    update=services.engagement_update,
    delete=services.engagement_delete,
    record="engagement",
    author="author",
    service_sets=("created_by", "updated_by"),
    check=engagement_rules,
)
DELEGATION = Writer(
    create=services.delegation_create,
    update=services.delegation_update,
    delete=services.delegation_delete,
    record="delegation",
    check=delegation_rules,
)
FOLLOW_UP = Writer(
    create=services.follow_up_create,
    update=services.follow_up_update,
    delete=services.follow_up_delete,
    record="follow_up",
    service_sets=("completed_at",),
    check=follow_up_rules,
)
DELEGATION_MEMBER = Writer(
    create=services.delegation_member_create,
    update=services.delegation_part_update,
    delete=services.delegation_part_delete,
    record="part",
)
ITINERARY_ITEM = Writer(
    create=services.itinerary_item_create,
    update=services.delegation_part_update,
    delete=services.delegation_part_delete,
    record="part",
)
GIFT = Writer(
    create=services.gift_create,
    update=services.delegation_part_update,
    delete=services.delegation_part_delete,
    record="part",
)


@admin.register(Topic)
class TopicAdmin(ReferenceDataAdmin):
    # Reference data without a service: Django's save stays (see ReferenceDataAdmin).
    list_display = ("name", "code")
    search_fields = ("name", "code")


# --- Engagements -----------------------------------------------------------


class DelegationInline(ScopedStackedInline):
    model = Delegation
    writer = DELEGATION
    autocomplete_fields = ("head",)
    max_num = 1


class FollowUpInline(ScopedInline):
    model = FollowUp
    writer = FOLLOW_UP
    fields = ("description", "owner", "due_date", "status", "completed_at")
    # The service stamps the completion with the status.
    readonly_fields = ("completed_at",)
    autocomplete_fields = ("owner",)


@admin.register(Engagement)
class EngagementAdmin(HistoryAdmin):
    writer = ENGAGEMENT
    list_display = ("title", "city", "kind", "start_date", "end_date", "status", "owner")
    list_filter = ("kind", "status", ("city", ParticipatingCityListFilter), "topics")
    list_select_related = ("city__city", "owner")
    search_fields = ("title", "summary", "location", "partners__name")
    autocomplete_fields = ("city", "partners", "topics", "sdg_targets", "owner")
    readonly_fields = ("created_by", "updated_by", "created_at", "updated_at")
    date_hierarchy = "start_date"
    fieldsets = (
        (None, {"fields": ("city", "kind", "title", "status", "owner")}),
        (_("When and where"), {"fields": ("start_date", "end_date", "location")}),
        (_("With whom and on what"), {"fields": ("partners", "topics", "sdg_targets")}),
        (_("Results"), {"fields": ("summary", "outcomes", "investment_usd", "jobs_announced")}),
        (
            _("Record"),
            {
                "fields": ("created_by", "created_at", "updated_by", "updated_at"),
                "classes": ("collapse",),
            },
        ),
    )
    inlines = (DelegationInline, FollowUpInline)


# --- Delegations -----------------------------------------------------------


class DelegationMemberInline(ScopedInline):
    model = DelegationMember
    writer = DELEGATION_MEMBER
    fields = ("name", "person", "title", "organisation", "role", "attendance")
    autocomplete_fields = ("person",)


class ItineraryItemInline(ScopedInline):
    model = ItineraryItem
    writer = ITINERARY_ITEM
    fields = ("date", "start_time", "end_time", "place", "activity", "responsible")


class GiftInline(ScopedInline):
    model = Gift
    writer = GIFT
    fields = ("direction", "description", "value_usd", "giver", "recipient", "disposition")


@admin.register(Delegation)
class DelegationAdmin(HistoryAdmin):
    writer = DELEGATION
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

    @admin.display(description=_("city"), ordering="engagement__city__city__name")
    def city(self, delegation):
        return delegation.engagement.city.city.name


class DelegationPartAdmin(HistoryAdmin):
    """Members, itinerary items and gifts: listed with their delegation's engagement."""

    list_select_related = ("delegation__engagement",)
    autocomplete_fields = ("delegation",)
    list_filter = (("delegation__engagement__city", ParticipatingCityListFilter),)


@admin.register(DelegationMember)
class DelegationMemberAdmin(DelegationPartAdmin):
    writer = DELEGATION_MEMBER
    list_display = ("name", "title", "organisation", "role", "attendance", "delegation")
    list_filter = ("role", "attendance", *DelegationPartAdmin.list_filter)
    search_fields = ("name", "title", "organisation", "delegation__engagement__title")
    autocomplete_fields = ("delegation", "person")


@admin.register(ItineraryItem)
class ItineraryItemAdmin(DelegationPartAdmin):
    writer = ITINERARY_ITEM
    list_display = ("date", "start_time", "end_time", "activity", "place", "delegation")
    search_fields = ("activity", "place", "responsible", "delegation__engagement__title")
    date_hierarchy = "date"


@admin.register(Gift)
class GiftAdmin(DelegationPartAdmin):
    writer = GIFT
    list_display = ("description", "direction", "value_usd", "giver", "recipient", "delegation")
    list_filter = ("direction", *DelegationPartAdmin.list_filter)
    search_fields = ("description", "giver", "recipient", "delegation__engagement__title")


# --- Follow-ups ------------------------------------------------------------


@admin.register(FollowUp)
class FollowUpAdmin(HistoryAdmin):
    writer = FOLLOW_UP
    readonly_fields = ("completed_at",)
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
    city is not blocked by its reports. Reports have no service: the report
    jobs write them, and a deleted report is rebuilt by the next refresh.
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
