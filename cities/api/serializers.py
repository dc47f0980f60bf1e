"""How cities' records look in the API, and which service writes each."""

from django.contrib.auth import get_user_model
from django_countries.serializer_fields import CountryField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cities import services as city_services
from cities.api.base import CityScopedRelatedField, CityScopedSerializer, SafeSlugRelatedField
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


@extend_schema_field(OpenApiTypes.STR)
class CountryCodeField(CountryField):
    """An ISO 3166-1 alpha-2 code such as ``JP``."""


class WorldCitySerializer(serializers.ModelSerializer):
    country = CountryCodeField()

    class Meta:
        model = City
        fields = ["id", "name", "country", "region", "latitude", "longitude", "time_zone"]


class ParticipatingCitySerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    name = serializers.CharField(source="city.name", read_only=True)
    country = serializers.CharField(source="city.country.code", read_only=True)

    class Meta:
        model = ParticipatingCity
        fields = ["id", "slug", "name", "country", "office_name", "mayor", "contact_email"]


class SdgGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = SdgGoal
        fields = ["number", "short", "title", "color"]


class SdgTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = SdgTarget
        fields = ["id", "code", "goal", "title"]


class CityNetworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = CityNetwork
        fields = ["id", "name", "acronym", "website", "focus", "description"]


class PartnerSerializer(CityScopedSerializer):
    country = CountryCodeField()

    class Meta:
        model = Partner
        fields = [
            "id",
            "kind",
            "name",
            "country",
            "partner_city",
            "website",
            "notes",
            "sensitivity_note",
            "created_at",
            "updated_at",
        ]
        validators = []  # the model's constraints are checked by full_clean in the service

    def create_record(self, *, user, data):
        return city_services.partner_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return city_services.partner_update(partner=instance, editor=user, **data)


class PersonSerializer(CityScopedSerializer):
    parent_field = "partner"
    partner = CityScopedRelatedField(queryset=Partner.objects.all())

    class Meta:
        model = Person
        fields = ["id", "partner", "name", "title", "email", "phone"]

    def create_record(self, *, user, data):
        return city_services.person_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return city_services.person_update(person=instance, editor=user, **data)


class SisterCityTieSerializer(CityScopedSerializer):
    class Meta:
        model = SisterCityTie
        fields = [
            "id",
            "partner_city",
            "kind",
            "established_on",
            "signatories",
            "status",
            "ended_on",
            "focus_areas",
            "notes",
        ]
        validators = []

    def create_record(self, *, user, data):
        return city_services.sister_city_tie_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return city_services.sister_city_tie_update(tie=instance, editor=user, **data)


class ProgressEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressEntry
        fields = ["id", "date", "value", "note"]
        validators = []


class ProgressEntryRecordSerializer(CityScopedSerializer):
    """A progress entry at its own endpoint, naming its commitment."""

    parent_field = "commitment"
    commitment = CityScopedRelatedField(queryset=Commitment.objects.all())

    class Meta:
        model = ProgressEntry
        fields = ["id", "commitment", "date", "value", "note"]
        validators = []

    def create_record(self, *, user, data):
        return city_services.progress_entry_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return city_services.progress_entry_update(entry=instance, editor=user, **data)


class CommitmentSerializer(CityScopedSerializer):
    sdg_targets = SafeSlugRelatedField(
        slug_field="code", many=True, queryset=SdgTarget.objects.all(), required=False
    )
    progress_entries = ProgressEntrySerializer(many=True, read_only=True)
    progress_status = serializers.CharField(read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "framework",
            "title",
            "description",
            "sdg_targets",
            "indicator",
            "indicator_description",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "progress_status",
            "progress_entries",
            "created_at",
            "updated_at",
        ]
        validators = []

    def create_record(self, *, user, data):
        return city_services.commitment_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return city_services.commitment_update(commitment=instance, editor=user, **data)


class NetworkMembershipSerializer(CityScopedSerializer):
    class Meta:
        model = NetworkMembership
        fields = ["id", "network", "since", "until", "role", "status", "notes"]
        validators = []

    def create_record(self, *, user, data):
        return city_services.network_membership_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return city_services.network_membership_update(membership=instance, editor=user, **data)


class StaffSerializer(serializers.ModelSerializer):
    """A member of a city's staff: the id to name as an owner, the name staff know, the role."""

    display_name = serializers.SerializerMethodField()
    role = serializers.CharField(source="staff.role", read_only=True)
    city = serializers.IntegerField(source="staff.city_id", read_only=True)

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "display_name", "role", "city"]

    def get_display_name(self, user) -> str:
        return user.get_full_name() or user.get_username()
