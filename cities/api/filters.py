"""Filters of the API-only lists (the lists that have pages use ``cities.filters``)."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.choices import COUNTRY_CHOICES, StaffRole
from cities.models import City, Partner, Person, ProgressEntry, SdgTarget

# The largest id a 64-bit primary key holds; a bigger one is a bad request.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.Filter):
    """A parent's id, filtered without looking the parent up (another city's finds nothing)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def _partners(request):
    if request is None:
        return Partner.objects.none()
    return Partner.objects.for_user(request.user)


class WorldCityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    country = django_filters.ChoiceFilter(choices=COUNTRY_CHOICES)

    class Meta:
        model = City
        fields = []

    def search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset


class PersonFilter(django_filters.FilterSet):
    partner = django_filters.ModelChoiceFilter(queryset=_partners)
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))

    class Meta:
        model = Person
        fields = []


class SdgTargetFilter(django_filters.FilterSet):
    class Meta:
        model = SdgTarget
        fields = ["goal"]


class ProgressEntryFilter(django_filters.FilterSet):
    commitment = IdFilter(field_name="commitment_id")
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = ProgressEntry
        fields = []


class StaffFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(field_name="staff__role", choices=StaffRole.choices)
    q = django_filters.CharFilter(method="search", label=_("Search"))

    class Meta:
        model = get_user_model()
        fields = []

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(
            Q(username__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
        )
