from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from cities import locales
from cities.backends import USER_WITH_CITY


class UserLocaleMiddleware:
    """A signed-in user's pages in their language, their city's formats and time zone.

    It runs after LocaleMiddleware (which chose the cookie's or the browser's
    language) and AuthenticationMiddleware. It reads the saved choice on every
    request rather than copying it into the language cookie at log-in (the
    ``user_logged_in`` signal has no response to set a cookie on): so the choice
    holds on a new device, after a cookie is cleared, and after a switch made on
    another device, with no cookie to fall out of step. The cost is nil: the
    saved language comes in the one query that also brings the user's city,
    which the header and the scoping helpers read anyway (they find it cached).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        staff, saved = self._load(user)
        city = staff.city if staff is not None else None
        language = (
            locales.user_language(
                saved=saved,
                cookie=request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
                city=city,
            )
            or translation.get_language()
        )
        translation.activate(locales.regional_locale(language, city))
        request.LANGUAGE_CODE = translation.get_language()
        if city is None:
            return self.get_response(request)
        timezone.activate(city.time_zone)
        try:
            return self.get_response(request)
        finally:
            # Django does not reset the time zone between requests; this thread serves others next.
            timezone.deactivate()

    @staticmethod
    def _load(user):
        """The user's staff place (with its city) and saved language, in one query,
        left cached on ``user`` for the context processor and the views.

        ``StaffBackend`` loads them with the user itself: then no query at all."""
        model = user.__class__
        if model.staff.related.is_cached(user) and model.preference.related.is_cached(user):
            staff = getattr(user, "staff", None)
            preference = getattr(user, "preference", None)
            return staff, preference.language if preference is not None else None
        loaded = get_user_model().objects.select_related(*USER_WITH_CITY).filter(pk=user.pk).first()
        if loaded is None:  # deleted by another request since it was loaded
            return None, None
        staff = getattr(loaded, "staff", None)
        preference = getattr(loaded, "preference", None)
        model.staff.related.set_cached_value(user, staff)
        model.preference.related.set_cached_value(user, preference)
        return staff, preference.language if preference is not None else None
