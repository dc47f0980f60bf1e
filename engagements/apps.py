from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    """What happened: engagements, delegations, follow-ups and the reports built from them."""

    name = "engagements"
