from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    """Joint-mission coordination: the missions and delegations cities plan, and
    what each chooses to share with the other participating cities."""

    name = "missions"
    verbose_name = _("Joint missions")
