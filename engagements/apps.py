from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    """What happened: engagements, delegations, follow-ups and the reports built from them."""

    name = "engagements"

    def ready(self):
        # cities sits below engagements and cannot ask for a report refresh
        # itself; it signals that a city's standing figures changed.
        from cities.signals import standing_figures_changed

        standing_figures_changed.connect(
            _refresh_standing_figures, dispatch_uid="engagements-standing-figures"
        )
        # A record trashed or restored from any app changes report figures,
        # and the reports are this app's: cities' trash tells it so.
        from cities.trash import trash_listeners
        from engagements.services import report_refresh_for_trash

        if report_refresh_for_trash not in trash_listeners:
            trash_listeners.append(report_refresh_for_trash)


def _refresh_standing_figures(sender, *, city_id: int, **kwargs) -> None:
    from engagements.services import report_refresh_standing

    report_refresh_standing(city_id=city_id)
