from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    """A city's public page and open data: what it chose to show residents, without login."""

    name = "transparency"
    verbose_name = _("Public pages and open data")
