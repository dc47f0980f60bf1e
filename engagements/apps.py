from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    """What happened: engagements, delegations, follow-ups and the reports built from them."""

    name = "engagements"

    def ready(self):
        # A record trashed or restored from any app changes report figures,
        # and the reports are this app's: cities' trash tells it so.
        from cities.trash import trash_listeners
        from engagements.services import report_refresh_for_trash

        trash_listeners.append(report_refresh_for_trash)
