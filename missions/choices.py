from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanDirection(models.TextChoices):
    OUTBOUND = "outbound", _("Outbound mission (we travel)")
    INBOUND = "inbound", _("Inbound delegation (we host)")


class SharingLevel(models.TextChoices):
    """How much of its plans a city shows the other participating cities."""

    OFF = "off", _("Off: share nothing")
    COUNTRY_MONTH = "country_month", _("Country and month only")
    FULL = "full", _("Country and month, partner and topics too")


# The levels at which other cities see a plan at all, and those that show its partner.
SHARING_LEVELS_VISIBLE = (SharingLevel.COUNTRY_MONTH, SharingLevel.FULL)
SHARING_LEVELS_WITH_PARTNER = (SharingLevel.FULL,)
