from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewScope(models.TextChoices):
    """Which goals a Voluntary Local Review covers."""

    ALL_GOALS = "all_goals", _("All 17 goals")
    HLPF_PRIORITIES = "hlpf_priorities", _("The year's High-Level Political Forum priority goals")
