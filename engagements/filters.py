"""The one filter class of each engagement list, used by the pages, the API and exports.

Filters through partners, topics and SDG targets test membership with EXISTS
on the link table (indexed by both keys) rather than joining and DISTINCT-ing,
so a filtered list still walks the (city, date) index and stops at one page.
"""

import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.fields import ModelChoiceField as FilterModelChoiceField

from cities.choices import COUNTRY_CHOICES, PartnerKind
from cities.filters import SelectedFilter
from cities.models import ParticipatingCity, Partner, SdgGoal
from cities.scoping import users_for
from cities.selectors import user_display_name
from cities.widgets import ChosenOnlySelect, LongSelect, QuickCheckboxSelectMultiple
from engagements.choices import EngagementKind, EngagementStatus, FollowUpStatus, GiftDirection
from engagements.models import Engagement, FollowUp, Gift, Topic
from engagements.selectors import upcoming_engagements


def _partners(request):
    if request is None:
        return Partner.objects.none()
    return Partner.objects.for_user(request.user).order_by("name")


def _owners(request):
    if request is None:
        return get_user_model().objects.none()
    return users_for(request.user).order_by("first_name", "last_name", "username")


class _PersonChoiceField(FilterModelChoiceField):
    def label_from_instance(self, obj):
        return user_display_name(obj)


class PersonFilter(django_filters.ModelChoiceFilter):
    """A choice of user, each shown by name as everywhere else (full name, else username)."""

    field_class = _PersonChoiceField


def _linked(relation: str, **lookup):
    """EXISTS a row of the engagement's ``relation`` link table matching ``lookup``."""
    through = getattr(Engagement, relation).through
    return Exists(through.objects.filter(engagement_id=OuterRef("pk"), **lookup))


# Periods relative to today, so a saved view ("last 12 months") moves with the calendar.
PERIODS = {
    "last_30_days": (_("Last 30 days"), -30, 0),
    "last_90_days": (_("Last 90 days"), -90, 0),
    "last_12_months": (_("Last 12 months"), -365, 0),
    "next_90_days": (_("Next 90 days"), 0, 90),
}


def period_bounds(value: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    if value == "this_year":
        return today.replace(month=1, day=1), today.replace(month=12, day=31)
    _label, start, end = PERIODS[value]
    return today + datetime.timedelta(days=start), today + datetime.timedelta(days=end)


class EngagementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    period = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _start, _end) in PERIODS.items()]
        + [("this_year", _("This year"))],
        method="filter_period",
        label=_("Period"),
        empty_label=_("Any time"),
        widget=LongSelect,
    )
    selected = SelectedFilter(label=_("Ticked rows"))
    start_after = django_filters.DateFilter(
        field_name="start_date",
        lookup_expr="gte",
        label=pgettext_lazy("start of a date range", "From"),
    )
    start_before = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label=pgettext_lazy("end of a date range", "To")
    )
    # The panel's widgets render their choices in Python: through the template
    # engine, an include per option cost more than the page's 50 rows.
    # An engagement's own columns: no join, so no DISTINCT (django-filter's
    # default for a multiple choice), which would sort every match of the city.
    kind = django_filters.MultipleChoiceFilter(
        choices=EngagementKind.choices, widget=QuickCheckboxSelectMultiple, distinct=False
    )
    status = django_filters.MultipleChoiceFilter(
        choices=EngagementStatus.choices, widget=QuickCheckboxSelectMultiple, distinct=False
    )
    partner = django_filters.ModelChoiceFilter(
        field_name="partners",
        queryset=_partners,
        label=_("Partner"),
        method="filter_partner",
        widget=ChosenOnlySelect,
    )
    partner_country = django_filters.ChoiceFilter(
        field_name="partners__country",
        choices=COUNTRY_CHOICES,
        label=_("Partner country"),
        method="filter_partner_country",
        widget=LongSelect,
    )
    partner_kind = django_filters.ChoiceFilter(
        field_name="partners__kind",
        choices=PartnerKind.choices,
        label=_("Partner kind"),
        method="filter_partner_kind",
        widget=LongSelect,
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="code",
        method="filter_topic",
        widget=LongSelect,
    )
    sdg_goal = django_filters.ModelChoiceFilter(
        field_name="sdg_targets__goal",
        queryset=SdgGoal.objects.all(),
        label=_("SDG goal"),
        method="filter_sdg_goal",
        widget=LongSelect,
    )
    owner = PersonFilter(queryset=_owners, widget=LongSelect)
    ordering = django_filters.OrderingFilter(
        fields=(
            ("start_date", "date"),
            ("title", "title"),
            ("kind", "kind"),
            ("status", "status"),
        ),
        field_labels={
            "start_date": _("Date"),
            "title": _("Title"),
            "kind": _("Kind"),
            "status": _("Status"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Engagement
        fields = []

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        # Partner names are matched among the user's city's partners only (an
        # engagement links its own city's): a common word in names elsewhere
        # adds no work.
        return queryset.search(value, partners=self._partners())

    def _partners(self):
        return _partners(self.request) if self.request is not None else Partner.objects.all()

    def filter_period(self, queryset, name, value):
        if not value:
            return queryset
        first, last = period_bounds(value, timezone.localdate())
        return queryset.filter(start_date__gte=first, start_date__lte=last)

    def filter_partner(self, queryset, name, value):
        return queryset.filter(_linked("partners", partner=value)) if value else queryset

    def filter_partner_country(self, queryset, name, value):
        if not value:
            return queryset
        # From the country's partners (the user's city's: a few, by the partner
        # (city, country) index) to their links by partner, to those
        # engagements: work in proportion to the matches. An EXISTS tested per
        # row walked a whole city for a rare country, or hashed every link.
        links = Engagement.partners.through.objects.filter(
            partner__in=self._partners().filter(country=value).order_by().values("pk")
        )
        return queryset.filter(pk__in=links.values("engagement_id"))

    def filter_partner_kind(self, queryset, name, value):
        return queryset.filter(_linked("partners", partner__kind=value)) if value else queryset

    def filter_topic(self, queryset, name, value):
        return queryset.filter(_linked("topics", topic=value)) if value else queryset

    def filter_sdg_goal(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(_linked("sdg_targets", sdgtarget__goal=value))


class FollowUpView(models.TextChoices):
    """The ready-made views of the follow-ups page."""

    MINE = "mine", _("Mine")
    CITY = "city", _("My city's open")
    UNASSIGNED = "unassigned", _("Unassigned")
    OVERDUE = "overdue", _("Overdue")


class FollowUpFilter(django_filters.FilterSet):
    """The follow-ups page: one's own open ones by default, overdue first.

    ``view`` picks a ready-made list (mine, the city's open ones, the
    unassigned ones, the overdue ones); the other filters narrow it.
    """

    view = django_filters.ChoiceFilter(
        choices=FollowUpView.choices, method="filter_view", empty_label=_("All"), label=_("Show")
    )
    q = django_filters.CharFilter(
        field_name="description", lookup_expr="icontains", label=_("Search")
    )
    status = django_filters.ChoiceFilter(
        choices=FollowUpStatus.choices, empty_label=_("Any status")
    )
    owner = PersonFilter(queryset=_owners, empty_label=_("Anyone"))
    # A site admin sees every city's: the dashboard's links name the city.
    city = django_filters.ModelChoiceFilter(
        field_name="city",
        queryset=ParticipatingCity.objects.all(),
        to_field_name="slug",
        widget=forms.HiddenInput,
    )
    selected = SelectedFilter(label=_("Ticked rows"))

    class Meta:
        model = FollowUp
        fields = []

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def filter_view(self, queryset, name, value):
        if value == FollowUpView.MINE:
            user = getattr(self.request, "user", None)
            return queryset.filter(owner=user) if user is not None else queryset.none()
        if value == FollowUpView.CITY:
            return queryset.open()
        if value == FollowUpView.UNASSIGNED:
            return queryset.open().unassigned()
        if value == FollowUpView.OVERDUE:
            return queryset.overdue(self.today)
        return queryset


class GiftFilter(django_filters.FilterSet):
    """The gifts register, for ethics disclosure."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    direction = django_filters.ChoiceFilter(choices=GiftDirection.choices, empty_label=_("Both"))
    start_after = django_filters.DateFilter(
        field_name="delegation__engagement__start_date",
        lookup_expr="gte",
        label=pgettext_lazy("start of a date range", "From"),
    )
    start_before = django_filters.DateFilter(
        field_name="delegation__engagement__start_date",
        lookup_expr="lte",
        label=pgettext_lazy("end of a date range", "To"),
    )
    selected = SelectedFilter(label=_("Ticked rows"))

    class Meta:
        model = Gift
        fields = []

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(
            Q(description__icontains=value)
            | Q(giver__icontains=value)
            | Q(recipient__icontains=value)
        )


class UpcomingFilter(django_filters.FilterSet):
    """The upcoming agenda: planned and confirmed engagements of the next 90 days."""

    selected = SelectedFilter(label=_("Ticked rows"))

    class Meta:
        model = Engagement
        fields = []

    @property
    def qs(self):
        return upcoming_engagements(super().qs, today=timezone.localdate())
