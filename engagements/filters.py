"""The one filter class of the engagement list, used by the page, the API and exports."""

import django_filters
from django.contrib.auth import get_user_model
from django_countries import countries

from cities.choices import PartnerKind
from cities.models import Partner, SdgGoal
from engagements.choices import EngagementKind, EngagementStatus
from engagements.models import Engagement, Topic


def _partners(request):
    if request is None:
        return Partner.objects.none()
    return Partner.objects.for_user(request.user).order_by("name")


def _owners(request):
    if request is None:
        return get_user_model().objects.none()
    city = getattr(getattr(request.user, "staff", None), "city", None)
    users = get_user_model().objects.order_by("username")
    if request.user.is_superuser:
        return users
    return users.filter(staff__city=city) if city else users.none()


class EngagementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    start_after = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label="From"
    )
    start_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte", label="To")
    kind = django_filters.MultipleChoiceFilter(choices=EngagementKind.choices)
    status = django_filters.MultipleChoiceFilter(choices=EngagementStatus.choices)
    partner = django_filters.ModelChoiceFilter(
        field_name="partners", queryset=_partners, label="Partner", distinct=True
    )
    partner_country = django_filters.ChoiceFilter(
        field_name="partners__country", choices=countries, label="Partner country", distinct=True
    )
    partner_kind = django_filters.ChoiceFilter(
        field_name="partners__kind",
        choices=PartnerKind.choices,
        label="Partner kind",
        distinct=True,
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=Topic.objects.all(), to_field_name="code", distinct=True
    )
    sdg_goal = django_filters.ModelChoiceFilter(
        field_name="sdg_targets__goal",
        queryset=SdgGoal.objects.all(),
        label="SDG goal",
        distinct=True,
    )
    owner = django_filters.ModelChoiceFilter(queryset=_owners)
    ordering = django_filters.OrderingFilter(
        fields=(
            ("start_date", "date"),
            ("title", "title"),
            ("kind", "kind"),
            ("status", "status"),
        ),
        label="Sort by",
    )

    class Meta:
        model = Engagement
        fields = []

    def search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset
