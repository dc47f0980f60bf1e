"""Who may do what through the API: the pages' rules, from the pages' mechanism.

Reading needs a signed-in user; which records they reach is decided by each
viewset's queryset, always ``Model.objects.for_user(user)``, so another city's
record is not found (404). Changing a record needs the right to edit it
(``cities.scoping.can_edit``): a viewer's write is 403. The order mirrors
``get_for_editor_or_404``: the record is looked up first (404), then the role
is checked (403).
"""

from rest_framework import permissions

from cities.scoping import VIEWER_REFUSAL, can_edit


def city_id_of(obj, queryset):
    """The id of the participating city ``obj`` belongs to, by its queryset's city path."""
    *path, last = queryset.city_lookup.split("__")
    for part in path:
        obj = getattr(obj, part)
    return obj.pk if last == "pk" else getattr(obj, f"{last}_id")


class CityScopedPermission(permissions.BasePermission):
    message = VIEWER_REFUSAL

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        # A write to one record is judged once the record is found (404 first).
        if view.kwargs.get(getattr(view, "lookup_url_kwarg", None) or view.lookup_field):
            return True
        return can_edit(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_edit(request.user, city_id_of(obj, view.get_queryset()))


class ReadOnlyPermission(permissions.BasePermission):
    """Shared reference data (SDG framework, world cities, networks): read by all."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) and (
            request.method in permissions.SAFE_METHODS
        )
