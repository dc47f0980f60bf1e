"""One filter class per list of cities' records, shared by pages, the API and exports."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from cities.choices import (
    COUNTRY_CHOICES,
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


class SelectedField(forms.Field):
    """The ids of the rows ticked on a list: ``?selected=4&selected=9``."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return [int(item) for item in value or []]
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Ticked rows are given by their numbers.")) from error


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class SelectedFilter(django_filters.Filter):
    """Only the rows ticked on the list, to export a selection; none ticked: all rows."""

    field_class = SelectedField

    def filter(self, qs, value):
        if not value:
            return qs
        # An id no row can have (negative, or past the database's integers) matches none.
        return qs.filter(pk__in=[pk for pk in value if 0 < pk < 2**63])


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.MultipleChoiceFilter(choices=PartnerKind.choices, distinct=False)
    country = django_filters.ChoiceFilter(choices=COUNTRY_CHOICES)
    sensitive = django_filters.BooleanFilter(method="filter_sensitive", label=_("Needs review"))
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("country", "country"), ("kind", "kind"))
    )

    selected = SelectedFilter(label=_("Ticked rows"))

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
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=TieKind.choices)
    status = django_filters.ChoiceFilter(choices=TieStatus.choices)
    country = django_filters.ChoiceFilter(
        field_name="partner_city__country", choices=COUNTRY_CHOICES, label=_("Country")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("partner_city__name", "city"), ("established_on", "established"))
    )

    selected = SelectedFilter(label=_("Ticked rows"))

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
    q = django_filters.CharFilter(method="search", label=_("Search"))
    framework = django_filters.ChoiceFilter(choices=CommitmentFramework.choices)
    sdg_goal = django_filters.ModelChoiceFilter(
        field_name="sdg_targets__goal",
        queryset=SdgGoal.objects.all(),
        label=_("SDG goal"),
        distinct=True,
    )
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("target_year", "target_year"))
    )

    selected = SelectedFilter(label=_("Ticked rows"))

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

    selected = SelectedFilter(label=_("Ticked rows"))

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
