"""Building blocks of every API endpoint: scoped references, city-owned serializers
whose writes go through services, and viewsets whose queryset is ``for_user``."""

import functools

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from cities.api.exceptions import as_api_errors
from cities.api.idempotency import idempotent
from cities.api.permissions import CityScopedPermission, ReadOnlyPermission, city_id_of
from cities.models import ParticipatingCity
from cities.scoping import is_site_admin, staff_city

# Primary keys longer than this are not ours: answer 404 at the router rather
# than hand the database an integer it cannot hold.
ID_PATTERN = r"[0-9]{1,18}"


def request_user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


MAX_ID = 2**63 - 1


class SafePrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary-key reference that refuses ids no database column can hold.

    SQLite raises OverflowError (a 500) on an integer past 64 bits; such an id
    names no record, so it is answered like any unknown one: 400.
    """

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < number <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(number)


class SafeSlugRelatedField(serializers.SlugRelatedField):
    """A reference by code (an SDG target "11.6", a topic) that refuses NUL bytes,
    which PostgreSQL cannot even compare against; answered as unknown: 400."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


class CityScopedRelatedField(SafePrimaryKeyRelatedField):
    """A reference to a record the user may see; another city's is "does not exist"."""

    def get_queryset(self):
        return super().get_queryset().for_user(request_user(self))


def _scoped_fields(serializer):
    for field in serializer.fields.values():
        if field.read_only:
            continue
        if isinstance(field, CityScopedRelatedField):
            yield field.source, field, False
        child = getattr(field, "child_relation", None)
        if isinstance(child, CityScopedRelatedField):
            yield field.source, child, True


class CityScopedSerializer(serializers.ModelSerializer):
    """A record of one participating city, written through a service.

    The record's city is the writer's own; a site admin, who has none, says
    which. A record nested under another (a partner's people) takes the
    parent's city, named by ``parent_field``. Every scoped reference must
    belong to that same city, so an admin cannot tie two cities' records.
    """

    parent_field: str | None = None
    serializer_related_field = SafePrimaryKeyRelatedField

    def get_fields(self):
        fields = super().get_fields()
        if self.parent_field is None:
            fields["city"] = SafePrimaryKeyRelatedField(
                queryset=ParticipatingCity.objects.all(),
                required=False,
                help_text=_("The participating city; only a site admin chooses it."),
            )
        return fields

    def _target_city_id(self, attrs):
        if self.parent_field is not None:
            parent = attrs.get(self.parent_field) or getattr(self.instance, self.parent_field)
            return city_id_of(parent, type(parent).objects.all())
        chosen = attrs.get("city")
        if self.instance is not None:
            if chosen is not None and chosen.pk != self.instance.city_id:
                raise serializers.ValidationError(
                    {"city": [gettext("A record cannot move to another city.")]}
                )
            return self.instance.city_id
        user = request_user(self)
        if is_site_admin(user):
            if chosen is None:
                raise serializers.ValidationError(
                    {"city": [gettext("A site admin must say which city the record belongs to.")]}
                )
            return chosen.pk
        own = staff_city(user)
        if chosen is not None and chosen.pk != own.pk:
            raise serializers.ValidationError(
                {"city": [gettext("You can only record your own city's records.")]}
            )
        return own.pk

    def validate(self, attrs):
        attrs = super().validate(attrs)
        city_id = self._target_city_id(attrs)
        errors = {}
        for source, field, many in _scoped_fields(self):
            if source not in attrs or attrs[source] is None:
                continue
            values = attrs[source] if many else [attrs[source]]
            base = field.queryset.model.objects.all()
            strangers = [str(value) for value in values if city_id_of(value, base) != city_id]
            if strangers:
                errors[field.field_name or source] = [
                    gettext("%(record)s belongs to another city.") % {"record": name}
                    for name in strangers
                ]
        if errors:
            raise serializers.ValidationError(errors)
        if self.parent_field is None:
            attrs["city"] = ParticipatingCity.objects.get(pk=city_id)
        return attrs

    # Subclasses write through their services.
    def create_record(self, *, user, data):
        raise NotImplementedError

    def update_record(self, *, instance, user, data):
        raise NotImplementedError

    def create(self, validated_data):
        with as_api_errors():
            return self.create_record(user=request_user(self), data=validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("city", None)
        with as_api_errors(), transaction.atomic():
            return self.update_record(
                instance=instance, user=request_user(self), data=validated_data
            )


class CityScopedViewSet(viewsets.ModelViewSet):
    """Records reached through ``for_user`` (404 across cities); writes need an editor (403)."""

    permission_classes = [CityScopedPermission]
    lookup_value_regex = ID_PATTERN
    base_queryset = None

    def get_queryset(self):
        return self.base_queryset.all().for_user(self.request.user)

    def create(self, request, *args, **kwargs):
        """A create; with an ``Idempotency-Key`` header, a retry answers as the first did."""
        return idempotent(request, functools.partial(super().create, request, *args, **kwargs))

    def delete_record(self, *, instance, user):
        raise NotImplementedError

    def perform_destroy(self, instance):
        with as_api_errors():
            self.delete_record(instance=instance, user=self.request.user)


class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Shared reference data every signed-in user reads and nobody writes here."""

    permission_classes = [ReadOnlyPermission]
    lookup_value_regex = ID_PATTERN
