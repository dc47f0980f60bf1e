"""One filter class per list of cities' records, shared by pages, the API and exports."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cities.choices import (
    CommitmentFramework,
    MembershipStatus,
    NetworkRole,
    PartnerKind,
    TieKind,
    TieStatus,
)
from cities.models import (
    CityNetwork,
    Commitment,
    NetworkMembership,
    Partner,
    SdgGoal,
    SisterCityTie,
)


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.MultipleChoiceFilter(choices=PartnerKind.choices)
    country = django_filters.ChoiceFilter(choices=countries)
    sensitive = django_filters.BooleanFilter(method="filter_sensitive", label="Needs review")
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("country", "country"), ("kind", "kind"))
    )

    class Meta:
        model = Partner
        fields = []

    def search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_sensitive(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.sensitive() if value else queryset.filter(sensitivity_note="")


class SisterCityTieFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=TieKind.choices)
    status = django_filters.ChoiceFilter(choices=TieStatus.choices)
    country = django_filters.ChoiceFilter(field_name="partner_city__country", choices=countries)
    ordering = django_filters.OrderingFilter(
        fields=(("partner_city__name", "city"), ("established_on", "established"))
    )

    class Meta:
        model = SisterCityTie
        fields = []

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(
            Q(partner_city__name__icontains=value)
            | Q(focus_areas__icontains=value)
            | Q(notes__icontains=value)
        )


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    framework = django_filters.ChoiceFilter(choices=CommitmentFramework.choices)
    sdg_goal = django_filters.ModelChoiceFilter(
        field_name="sdg_targets__goal",
        queryset=SdgGoal.objects.all(),
        label="SDG goal",
        distinct=True,
    )
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("target_year", "target_year"))
    )

    class Meta:
        model = Commitment
        fields = []

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))


class NetworkMembershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    network = django_filters.ModelChoiceFilter(
        queryset=CityNetwork.objects.order_by("name"), label=_("Network")
    )
    role = django_filters.ChoiceFilter(choices=NetworkRole.choices, label=_("Role"))
    status = django_filters.ChoiceFilter(choices=MembershipStatus.choices, label=_("Status"))
    ordering = django_filters.OrderingFilter(
        fields=(("network__name", "network"), ("since", "since"))
    )

    class Meta:
        model = NetworkMembership
        fields = []

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(
            Q(network__name__icontains=value)
            | Q(network__acronym__icontains=value)
            | Q(notes__icontains=value)
        )
