from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    """Places and relationships: cities, partners, ties, networks, commitments, SDGs."""

    name = "cities"
    verbose_name = _("Cities and partners")

    def ready(self):
        # The admin has loaded every app's pages by now (its ready() runs first):
        # keep the technical ones for superusers.
        from cities.admin.technical import restrict_technical_models

        restrict_technical_models()
