"""How engagements look in the API: with their delegation, members, itinerary and
follow-ups nested for reading; each part is written at its own endpoint."""

from rest_framework import serializers

from cities.api.base import (
    CityScopedRelatedField,
    CityScopedSerializer,
    SafePrimaryKeyRelatedField,
    SafeSlugRelatedField,
    request_user,
)
from cities.models import Partner, Person, SdgTarget
from cities.scoping import users_for
from engagements import services as engagement_services
from engagements.models import (
    CityReport,
    Delegation,
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
    Topic,
)
from engagements.models.engagements import ENGAGEMENT_EDITABLE_FIELDS


class StaffUserField(SafePrimaryKeyRelatedField):
    """A user of the writer's city (any user for a site admin)."""

    def get_queryset(self):
        return users_for(request_user(self))


class DelegationMemberSerializer(CityScopedSerializer):
    parent_field = "delegation"
    delegation = CityScopedRelatedField(queryset=Delegation.objects.all())
    person = CityScopedRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)

    class Meta:
        model = DelegationMember
        fields = [
            "id",
            "delegation",
            "person",
            "name",
            "title",
            "organisation",
            "role",
            "attendance",
        ]

    def create_record(self, *, user, data):
        return engagement_services.delegation_member_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return engagement_services.delegation_part_update(part=instance, editor=user, **data)


class ItineraryItemSerializer(CityScopedSerializer):
    parent_field = "delegation"
    delegation = CityScopedRelatedField(queryset=Delegation.objects.all())

    class Meta:
        model = ItineraryItem
        fields = [
            "id",
            "delegation",
            "date",
            "start_time",
            "end_time",
            "place",
            "activity",
            "responsible",
        ]

    def create_record(self, *, user, data):
        return engagement_services.itinerary_item_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return engagement_services.delegation_part_update(part=instance, editor=user, **data)


class DelegationSerializer(CityScopedSerializer):
    parent_field = "engagement"
    engagement = CityScopedRelatedField(queryset=Engagement.objects.all())
    head = CityScopedRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    members = DelegationMemberSerializer(many=True, read_only=True)
    itinerary = ItineraryItemSerializer(many=True, read_only=True)

    class Meta:
        model = Delegation
        fields = [
            "id",
            "engagement",
            "direction",
            "head",
            "protocol_level",
            "interpreters_needed",
            "interpreter_notes",
            "press_needed",
            "photographer_needed",
            "press_notes",
            "security_needed",
            "security_notes",
            "notes",
            "members",
            "itinerary",
        ]

    def create_record(self, *, user, data):
        return engagement_services.delegation_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return engagement_services.delegation_update(delegation=instance, editor=user, **data)


class FollowUpSerializer(CityScopedSerializer):
    parent_field = "engagement"
    engagement = CityScopedRelatedField(queryset=Engagement.objects.all())
    owner = StaffUserField(required=False, allow_null=True)

    class Meta:
        model = FollowUp
        fields = ["id", "engagement", "description", "owner", "due_date", "status", "completed_at"]
        read_only_fields = ["completed_at"]

    def create_record(self, *, user, data):
        return engagement_services.follow_up_create(editor=user, **data)

    def update_record(self, *, instance, user, data):
        return engagement_services.follow_up_update(follow_up=instance, editor=user, **data)


class EngagementSerializer(CityScopedSerializer):
    partners = CityScopedRelatedField(queryset=Partner.objects.all(), many=True, required=False)
    topics = SafeSlugRelatedField(
        slug_field="code", many=True, queryset=Topic.objects.all(), required=False
    )
    sdg_targets = SafeSlugRelatedField(
        slug_field="code", many=True, queryset=SdgTarget.objects.all(), required=False
    )
    owner = StaffUserField(required=False, allow_null=True)
    delegation = DelegationSerializer(read_only=True, allow_null=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "id",
            *ENGAGEMENT_EDITABLE_FIELDS,
            "delegation",
            "follow_ups",
            "created_at",
            "updated_at",
        ]

    def create_record(self, *, user, data):
        return engagement_services.engagement_create(author=user, **data)

    def update_record(self, *, instance, user, data):
        return engagement_services.engagement_update(engagement=instance, editor=user, **data)


class GiftSerializer(serializers.ModelSerializer):
    """A gift of the register, with the visit it was given or received on."""

    engagement = serializers.IntegerField(source="delegation.engagement_id", read_only=True)
    engagement_title = serializers.CharField(source="delegation.engagement.title", read_only=True)
    engagement_start_date = serializers.DateField(
        source="delegation.engagement.start_date", read_only=True
    )

    class Meta:
        model = Gift
        fields = [
            "id",
            "delegation",
            "engagement",
            "engagement_title",
            "engagement_start_date",
            "direction",
            "description",
            "value_usd",
            "giver",
            "recipient",
            "disposition",
        ]
        read_only_fields = fields


class CityReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = CityReport
        fields = [
            "id",
            "city",
            "period_kind",
            "period_start",
            "period_end",
            "figures",
            "computed_at",
        ]
