"""API endpoints of engagements, their parts and the stored reports."""

from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from cities.api.base import ID_PATTERN, CityScopedViewSet
from cities.api.permissions import CityScopedPermission
from engagements import services as engagement_services
from engagements.api import serializers
from engagements.api.filters import (
    CityReportFilter,
    DelegationFilter,
    DelegationMemberFilter,
    FollowUpFilter,
    ItineraryItemFilter,
)
from engagements.filters import EngagementFilter, GiftFilter
from engagements.models import (
    CityReport,
    Delegation,
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
)
from engagements.selectors import gift_rows

DELEGATION_PARTS = (
    Prefetch("members", queryset=DelegationMember.objects.order_by("role", "name")),
    Prefetch("itinerary", queryset=ItineraryItem.objects.order_by("date", "start_time", "pk")),
)


class EngagementViewSet(CityScopedViewSet):
    """Engagements, filtered exactly as the engagement list page filters them."""

    base_queryset = Engagement.objects.select_related("delegation").prefetch_related(
        "partners",
        "topics",
        "sdg_targets",
        Prefetch("delegation__members", queryset=DELEGATION_PARTS[0].queryset),
        Prefetch("delegation__itinerary", queryset=DELEGATION_PARTS[1].queryset),
        Prefetch("follow_ups", queryset=FollowUp.objects.order_by("due_date", "pk")),
    )
    serializer_class = serializers.EngagementSerializer
    filterset_class = EngagementFilter
    filter_backends = [DjangoFilterBackend]

    def delete_record(self, *, instance, user):
        engagement_services.engagement_delete(engagement=instance, editor=user)


class DelegationViewSet(CityScopedViewSet):
    base_queryset = Delegation.objects.order_by("-engagement__start_date", "-pk").prefetch_related(
        *DELEGATION_PARTS
    )
    serializer_class = serializers.DelegationSerializer
    filterset_class = DelegationFilter
    ordering_fields = ["engagement__start_date"]

    def delete_record(self, *, instance, user):
        engagement_services.delegation_delete(delegation=instance, editor=user)


class DelegationMemberViewSet(CityScopedViewSet):
    base_queryset = DelegationMember.objects.all()
    serializer_class = serializers.DelegationMemberSerializer
    filterset_class = DelegationMemberFilter
    ordering_fields = ["name", "role"]

    def delete_record(self, *, instance, user):
        engagement_services.delegation_part_delete(part=instance, editor=user)


class ItineraryItemViewSet(CityScopedViewSet):
    base_queryset = ItineraryItem.objects.all()
    serializer_class = serializers.ItineraryItemSerializer
    filterset_class = ItineraryItemFilter
    ordering_fields = ["date", "start_time"]

    def delete_record(self, *, instance, user):
        engagement_services.delegation_part_delete(part=instance, editor=user)


class FollowUpViewSet(CityScopedViewSet):
    base_queryset = FollowUp.objects.all()
    serializer_class = serializers.FollowUpSerializer
    filterset_class = FollowUpFilter
    ordering_fields = ["due_date", "status"]

    def delete_record(self, *, instance, user):
        engagement_services.follow_up_delete(follow_up=instance, editor=user)


class GiftViewSet(viewsets.ReadOnlyModelViewSet):
    """The gifts register, read-only (gifts are recorded on a visit's page), filtered
    as the register page filters it, newest visit first."""

    serializer_class = serializers.GiftSerializer
    permission_classes = [CityScopedPermission]
    lookup_value_regex = ID_PATTERN
    filterset_class = GiftFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        gifts = gift_rows(Gift.objects.for_user(self.request.user))
        return gifts.order_by("-delegation__engagement__start_date", "-pk")


class CityReportViewSet(viewsets.ReadOnlyModelViewSet):
    """The stored per-city reports the dashboards read (built by Celery jobs)."""

    serializer_class = serializers.CityReportSerializer
    permission_classes = [CityScopedPermission]
    lookup_value_regex = ID_PATTERN
    filterset_class = CityReportFilter
    ordering_fields = ["period_start"]

    def get_queryset(self):
        return CityReport.objects.for_user(self.request.user)
