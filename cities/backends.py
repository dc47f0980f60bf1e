"""Signing in, and loading the signed-in user once a request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

# What every staff page reads of the user: their city (the one door, the header,
# the time zone) and their saved language (UserLocaleMiddleware).
USER_WITH_CITY = ("staff__city__city", "preference")


class StaffBackend(ModelBackend):
    """Django's model backend, loading the user with their staff place and city.

    Django's ``get_user`` loads the bare user and every page then loaded the
    staff place and city again (a second query a request); one join does both.
    """

    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related(*USER_WITH_CITY).get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
