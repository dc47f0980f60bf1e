from django.apps import AppConfig


class VisitsConfig(AppConfig):
    """The life of a visit around its engagement: the public request, its triage,
    the briefing pack for the mayor and the reminders that chase what follows."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "visits"
