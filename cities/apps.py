from django.apps import AppConfig


class CitiesConfig(AppConfig):
    """Places and relationships: cities, partners, ties, networks, commitments, SDGs."""

    name = "cities"
    verbose_name = "Cities and partners"
