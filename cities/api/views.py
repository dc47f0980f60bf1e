"""API endpoints of cities' records. Every queryset is ``for_user``: one door."""

from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cities import services as city_services
from cities.api import serializers
from cities.api.base import ID_PATTERN, CityScopedViewSet, ReferenceViewSet
from cities.api.exceptions import as_api_errors
from cities.api.filters import (
    PersonFilter,
    ProgressEntryFilter,
    SdgTargetFilter,
    StaffFilter,
    WorldCityFilter,
)
from cities.api.idempotency import idempotent
from cities.api.permissions import CityScopedPermission
from cities.filters import (
    CommitmentFilter,
    NetworkMembershipFilter,
    PartnerFilter,
    SisterCityTieFilter,
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
    SdgTarget,
    SisterCityTie,
)
from cities.scoping import CityScopedQuerySet, users_for


class ParticipatingCityQuerySet(CityScopedQuerySet):
    """A participating city is its own city: the same door, keyed by primary key."""

    city_lookup = "pk"


class ParticipatingCityViewSet(viewsets.ReadOnlyModelViewSet):
    """The participating cities the user works for (all of them for a site admin)."""

    serializer_class = serializers.ParticipatingCitySerializer
    permission_classes = [CityScopedPermission]
    lookup_value_regex = ID_PATTERN
    ordering_fields = ["slug"]

    def get_queryset(self):
        cities = ParticipatingCityQuerySet(model=ParticipatingCity).select_related("city")
        return cities.for_user(self.request.user)


class WorldCityViewSet(ReferenceViewSet):
    """The world's cities (GeoNames), to name a sister city or a partner's seat."""

    queryset = City.objects.all()
    serializer_class = serializers.WorldCitySerializer
    filterset_class = WorldCityFilter
    ordering_fields = ["name", "population"]


class SdgGoalViewSet(ReferenceViewSet):
    queryset = SdgGoal.objects.all()
    serializer_class = serializers.SdgGoalSerializer
    ordering_fields = ["number"]


class SdgTargetViewSet(ReferenceViewSet):
    queryset = SdgTarget.objects.all()
    serializer_class = serializers.SdgTargetSerializer
    filterset_class = SdgTargetFilter
    ordering_fields = ["position", "code"]


class CityNetworkViewSet(ReferenceViewSet):
    queryset = CityNetwork.objects.all()
    serializer_class = serializers.CityNetworkSerializer
    ordering_fields = ["name"]


class PartnerViewSet(CityScopedViewSet):
    base_queryset = Partner.objects.all()
    serializer_class = serializers.PartnerSerializer
    filterset_class = PartnerFilter
    # The filter class orders (``ordering``), as the list page does.
    filter_backends = [DjangoFilterBackend]

    def delete_record(self, *, instance, user):
        city_services.partner_delete(partner=instance, editor=user)


class PersonViewSet(CityScopedViewSet):
    base_queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilter
    ordering_fields = ["name"]

    def delete_record(self, *, instance, user):
        city_services.person_delete(person=instance, editor=user)


class SisterCityTieViewSet(CityScopedViewSet):
    base_queryset = SisterCityTie.objects.select_related("partner_city")
    serializer_class = serializers.SisterCityTieSerializer
    filterset_class = SisterCityTieFilter
    filter_backends = [DjangoFilterBackend]

    def delete_record(self, *, instance, user):
        city_services.sister_city_tie_delete(tie=instance, editor=user)


class CommitmentViewSet(CityScopedViewSet):
    base_queryset = Commitment.objects.with_latest_progress().prefetch_related(
        "sdg_targets", Prefetch("progress_entries", queryset=ProgressEntry.objects.order_by("date"))
    )
    serializer_class = serializers.CommitmentSerializer
    filterset_class = CommitmentFilter
    filter_backends = [DjangoFilterBackend]

    def delete_record(self, *, instance, user):
        city_services.commitment_delete(commitment=instance, editor=user)

    @extend_schema(
        request=serializers.ProgressEntrySerializer,
        responses={201: serializers.ProgressEntrySerializer},
        summary="Record a measured value of the commitment's indicator",
    )
    @action(detail=True, methods=["post"], url_path="progress")
    def add_progress(self, request, pk=None, format=None):  # format: the router's ".json" suffix
        commitment = self.get_object()

        def create():
            serializer = serializers.ProgressEntrySerializer(
                data=request.data, context=self.get_serializer_context()
            )
            serializer.is_valid(raise_exception=True)
            with as_api_errors():
                entry = city_services.progress_entry_create(
                    commitment=commitment, editor=request.user, **serializer.validated_data
                )
            return Response(
                serializers.ProgressEntrySerializer(entry).data, status=status.HTTP_201_CREATED
            )

        return idempotent(request, create)


class NetworkMembershipViewSet(CityScopedViewSet):
    base_queryset = NetworkMembership.objects.select_related("network")
    serializer_class = serializers.NetworkMembershipSerializer
    filterset_class = NetworkMembershipFilter
    # The filter class orders (``ordering=network|since``), as the list page does.
    filter_backends = [DjangoFilterBackend]

    def delete_record(self, *, instance, user):
        city_services.network_membership_delete(membership=instance, editor=user)


class ProgressEntryViewSet(CityScopedViewSet):
    """A commitment's measured values: recorded, corrected and removed one by one."""

    base_queryset = ProgressEntry.objects.all()
    serializer_class = serializers.ProgressEntryRecordSerializer
    filterset_class = ProgressEntryFilter
    ordering_fields = ["date"]

    def delete_record(self, *, instance, user):
        city_services.progress_entry_delete(entry=instance, editor=user)


class StaffViewSet(viewsets.ReadOnlyModelViewSet):
    """The staff of the user's city (every city's for a site admin): valid owner ids.

    Read-only: staff and roles are managed by site admins.
    """

    serializer_class = serializers.StaffSerializer
    permission_classes = [CityScopedPermission]
    lookup_value_regex = ID_PATTERN
    filterset_class = StaffFilter
    ordering_fields = ["username"]

    def get_queryset(self):
        users = users_for(self.request.user).filter(staff__isnull=False, is_active=True)
        return users.select_related("staff").order_by("username", "pk")
