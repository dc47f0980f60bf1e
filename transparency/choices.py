from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    """The licence a city publishes its open data under (SPDX identifiers)."""

    CC_BY_4 = "CC-BY-4.0", _("Creative Commons Attribution 4.0")
    CC0 = "CC0-1.0", _("Creative Commons Zero 1.0 (public domain)")
    ODBL = "ODbL-1.0", _("Open Data Commons Open Database License 1.0")


LICENCE_URLS = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.ODBL: "https://opendatacommons.org/licenses/odbl/1-0/",
}
