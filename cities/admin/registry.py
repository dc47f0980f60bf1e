"""The site admin's pages of places and relationships.

Scoping, history and the writers come from ``cities.admin.toolkit``: every
page saves through its model's services (``cities.services``), declared in
the table of writers below.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _

from cities import services
from cities.admin.toolkit import (
    CityScopedAdminMixin,
    HistoryAdmin,
    ParticipatingCityListFilter,
    ReferenceDataAdmin,
    ScopedCountryFilter,
    ScopedInline,
    ScopedStackedInline,
    ServiceAdmin,
    ServiceFormMixin,
    Writer,
)
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

User = get_user_model()

# --- Writers: the services each page saves through ---------------------------

PARTICIPATING_CITY = Writer(
    create=services.participating_city_create,
    update=services.participating_city_update,
    delete=services.participating_city_delete,
    record="participating_city",
)
STAFF_MEMBER = Writer(
    create=services.staff_member_create,
    update=services.staff_member_update,
    delete=services.staff_member_delete,
    record="staff_member",
)
PARTNER = Writer(
    create=services.partner_create,
    update=services.partner_update,
    delete=services.partner_delete,
    record="partner",
)
PERSON = Writer(
    create=services.person_create,
    update=services.person_update,
    delete=services.person_delete,
    record="person",
)
SISTER_CITY_TIE = Writer(
    create=services.sister_city_tie_create,
    update=services.sister_city_tie_update,
    delete=services.sister_city_tie_delete,
    record="tie",
)
COMMITMENT = Writer(
    create=services.commitment_create,
    update=services.commitment_update,
    delete=services.commitment_delete,
    record="commitment",
)
PROGRESS_ENTRY = Writer(
    create=services.progress_entry_create,
    update=services.progress_entry_update,
    delete=services.progress_entry_delete,
    record="entry",
)
NETWORK_MEMBERSHIP = Writer(
    create=services.network_membership_create,
    update=services.network_membership_update,
    delete=services.network_membership_delete,
    record="membership",
)


# --- Places ----------------------------------------------------------------


@admin.register(City)
class CityAdmin(HistoryAdmin):
    # World cities are a gazetteer loaded from GeoNames, not a city's records:
    # no service writes them, so Django's save stays (history still records it).
    writer = None
    list_display = ("name", "region", "country", "population", "time_zone", "geonames_id")
    list_filter = (("country", ScopedCountryFilter),)
    search_fields = ("name", "region", "geonames_id__exact")
    # The GeoNames list holds tens of thousands of cities: skip the second COUNT.
    show_full_result_count = False


class StaffMemberInline(ScopedInline):
    model = StaffMember
    writer = STAFF_MEMBER
    fk_name = "city"
    autocomplete_fields = ("user",)


@admin.register(ParticipatingCity)
class ParticipatingCityAdmin(HistoryAdmin):
    writer = PARTICIPATING_CITY
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
    writer = STAFF_MEMBER
    list_display = ("user", "city", "role")
    list_filter = ("role", ("city", ParticipatingCityListFilter))
    list_select_related = ("user", "city__city")
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    autocomplete_fields = ("user", "city")


# --- Partners --------------------------------------------------------------


class PersonInline(ScopedInline):
    model = Person
    writer = PERSON
    fields = ("name", "title", "email", "phone")


@admin.register(Partner)
class PartnerAdmin(HistoryAdmin):
    writer = PARTNER
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

    @admin.display(boolean=True, description=_("sensitive"))
    def is_sensitive(self, obj):
        return obj.is_sensitive


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    writer = PERSON
    list_display = ("name", "title", "partner", "email", "phone")
    list_filter = (("partner__city", ParticipatingCityListFilter),)
    list_select_related = ("partner",)
    search_fields = ("name", "title", "email", "partner__name")
    autocomplete_fields = ("partner",)


@admin.register(SisterCityTie)
class SisterCityTieAdmin(HistoryAdmin):
    writer = SISTER_CITY_TIE
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
    writer = PROGRESS_ENTRY
    fields = ("date", "value", "note")


@admin.register(Commitment)
class CommitmentAdmin(HistoryAdmin):
    writer = COMMITMENT
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

    @admin.display(description=_("progress"))
    def progress(self, obj):
        return obj.progress_status.label


@admin.register(ProgressEntry)
class ProgressEntryAdmin(HistoryAdmin):
    writer = PROGRESS_ENTRY
    list_display = ("commitment", "date", "value", "note")
    list_filter = (("commitment__city", ParticipatingCityListFilter),)
    list_select_related = ("commitment",)
    search_fields = ("commitment__title", "note")
    autocomplete_fields = ("commitment",)
    date_hierarchy = "date"


# --- Networks --------------------------------------------------------------


class NetworkMembershipInline(ScopedInline):
    model = NetworkMembership
    writer = NETWORK_MEMBERSHIP
    fields = ("city", "role", "status", "since", "until", "notes")
    autocomplete_fields = ("city",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city__city")


@admin.register(CityNetwork)
class CityNetworkAdmin(HistoryAdmin):
    # A network (C40, ICLEI…) is shared by every city and has no service, so
    # Django saves it; its memberships below are cities' records and go
    # through their services.
    writer = None
    list_display = ("name", "acronym", "focus", "website")
    search_fields = ("name", "acronym", "focus")
    inlines = (NetworkMembershipInline,)


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(HistoryAdmin):
    writer = NETWORK_MEMBERSHIP
    list_display = ("city", "network", "role", "status", "since", "until")
    list_filter = ("network", "role", "status", ("city", ParticipatingCityListFilter))
    list_select_related = ("city__city", "network")
    search_fields = ("city__city__name", "network__name", "network__acronym")
    autocomplete_fields = ("city", "network")


# --- Users -----------------------------------------------------------------


class UserStaffMemberInline(ScopedStackedInline):
    """A user's city and role, set where the user is edited."""

    model = StaffMember
    writer = STAFF_MEMBER
    fk_name = "user"
    max_num = 1
    autocomplete_fields = ("city",)
    verbose_name_plural = _("city and role")


class StaffUserChangeForm(ServiceFormMixin, UserChangeForm):
    """Django's user form, showing a refusal of the staff services beside its fields."""


class StaffUserCreationForm(ServiceFormMixin, AdminUserCreationForm):
    """Django's new-user form, like ``StaffUserChangeForm``."""


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(ServiceAdmin, CityScopedAdminMixin, UserAdmin):
    # The user account itself is Django's (no service of ours), so Django saves
    # it; the user's city and role (the inline) go through the staff services.
    writer = None
    form = StaffUserChangeForm
    add_form = StaffUserCreationForm
    inlines = (*UserAdmin.inlines, UserStaffMemberInline)
    list_display = (*UserAdmin.list_display, "staff_city", "staff_role")
    list_filter = (*UserAdmin.list_filter, "staff__role")
    list_select_related = ("staff__city__city",)

    @admin.display(description=_("city"), ordering="staff__city__city__name")
    def staff_city(self, user):
        try:
            return user.staff.city.city.name
        except ObjectDoesNotExist:
            return None

    @admin.display(description=_("role"), ordering="staff__role")
    def staff_role(self, user):
        try:
            return user.staff.get_role_display()
        except ObjectDoesNotExist:
            return None
