"""Filters of the API-only lists (engagements themselves use ``EngagementFilter``).

Parents are filtered by id without looking them up, so naming another city's
delegation or engagement finds nothing rather than telling it exists.
"""

import django_filters

from cities.api.filters import IdFilter
from engagements.choices import Attendance, Direction, FollowUpStatus, MemberRole, PeriodKind
from engagements.models import CityReport, Delegation, DelegationMember, FollowUp, ItineraryItem


class DelegationFilter(django_filters.FilterSet):
    engagement = IdFilter(field_name="engagement_id")
    direction = django_filters.ChoiceFilter(choices=Direction.choices)

    class Meta:
        model = Delegation
        fields = []


class DelegationMemberFilter(django_filters.FilterSet):
    delegation = IdFilter(field_name="delegation_id")
    role = django_filters.ChoiceFilter(choices=MemberRole.choices)
    attendance = django_filters.ChoiceFilter(choices=Attendance.choices)

    class Meta:
        model = DelegationMember
        fields = []


class ItineraryItemFilter(django_filters.FilterSet):
    delegation = IdFilter(field_name="delegation_id")
    date = django_filters.DateFilter()

    class Meta:
        model = ItineraryItem
        fields = []


class FollowUpFilter(django_filters.FilterSet):
    engagement = IdFilter(field_name="engagement_id")
    status = django_filters.ChoiceFilter(choices=FollowUpStatus.choices)
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields = []


class CityReportFilter(django_filters.FilterSet):
    period_kind = django_filters.ChoiceFilter(choices=PeriodKind.choices)
    period_start = django_filters.DateFilter()

    class Meta:
        model = CityReport
        fields = []
