"""Validators that more than one model's fields share."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def validate_plausible_date(value: datetime.date) -> None:
    """A date a city's records can hold: 9999-12-31 is a typo, and it broke the
    calendar feeds that add a day to an engagement's last day."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year},
            code="implausible_date",
        )
