"""The one door to a city's data.

Every page and API endpoint reaches records through ``Model.objects.for_user``
and the helpers below, so no view filters by city on its own. Records of
another city are simply not in the queryset: they answer 404, never 403, so
their existence does not leak.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from cities.models import ParticipatingCity


def staff_city(user) -> ParticipatingCity | None:
    """The participating city a user works for, or None (anonymous, site admin)."""
    if not getattr(user, "is_authenticated", False):
        return None
    staff = getattr(user, "staff", None)
    return staff.city if staff is not None else None


# What a viewer (the mayor's office) is told on every door that refuses a write.
VIEWER_REFUSAL = _("Your role can read this city's records but not change them.")


def is_site_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def can_edit(user, city: ParticipatingCity | None = None) -> bool:
    """Site admins edit everything; editors edit their own city's records."""
    if is_site_admin(user):
        return True
    staff = getattr(user, "staff", None) if getattr(user, "is_authenticated", False) else None
    if staff is None or not staff.is_editor:
        return False
    return city is None or staff.city_id == getattr(city, "pk", city)


def works_for(user, city: ParticipatingCity | int) -> bool:
    """Whether ``user`` may own ``city``'s records: its staff, or a site admin."""
    if user.is_superuser:
        return True
    staff = getattr(user, "staff", None)
    return staff is not None and staff.city_id == getattr(city, "pk", city)


def may_own_follow_ups(user, city: ParticipatingCity | int) -> bool:
    """Whether ``user`` may own ``city``'s follow-ups: an active editor of it
    (or a site admin). Viewers read the city's records; they own none."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    staff = getattr(user, "staff", None)
    return staff is not None and staff.is_editor and staff.city_id == getattr(city, "pk", city)


def users_for(user, users=None):
    """The users ``user`` may see and pick (as an owner): their own city's staff.

    A site admin sees every user; a user with no city sees none.
    """
    if users is None:
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.all()
    if is_site_admin(user):
        return users
    city = staff_city(user)
    return users.filter(staff__city=city) if city is not None else users.none()


class CityScopedQuerySet(models.QuerySet):
    """A queryset of records that belong to one participating city.

    ``city_lookup`` is the path from the model to its participating city;
    records nested under another (a delegation's members, a partner's people)
    override it.
    """

    city_lookup = "city"

    def for_city(self, city):
        return self.filter(**{self.city_lookup: city})

    def for_user(self, user):
        if is_site_admin(user):
            return self.all()
        city = staff_city(user)
        if city is None:
            return self.none()
        return self.for_city(city)


def get_for_user_or_404(queryset, user, **lookup):
    """The record the user may see, or 404 (also for another city's record)."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset.objects.all()
    try:
        return queryset.for_user(user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404(
            gettext("No %(record)s matches the given query.")
            % {"record": queryset.model._meta.verbose_name}
        ) from exc


def get_for_editor_or_404(queryset, user, **lookup):
    """Like ``get_for_user_or_404``, then 403 for a user who may only read it."""
    obj = get_for_user_or_404(queryset, user, **lookup)
    if not can_edit(user):
        raise PermissionDenied(VIEWER_REFUSAL)
    return obj
