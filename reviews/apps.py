from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """Voluntary Local Reviews: a city's SDG review of a year, drafted from its records."""

    name = "reviews"
    verbose_name = _("Voluntary Local Reviews")
