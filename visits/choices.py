from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for triage")
    MORE_INFO = "more_info", _("More information asked")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


# The requests still in the triage queue.
OPEN_REQUEST_STATUSES = (VisitRequestStatus.PENDING, VisitRequestStatus.MORE_INFO)


class RequesterKind(models.TextChoices):
    """Who is asking, in the words of a public form; each maps to a partner kind."""

    CONSULATE = "consulate", _("Embassy or consulate")
    FOREIGN_GOVERNMENT = "foreign_government", _("Foreign national government or ministry")
    FOREIGN_CITY = "foreign_city", _("Foreign city or regional government")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    BUSINESS = "business", _("Business or chamber of commerce")
    ACADEMIC = "academic", _("University or school")
    CIVIL_SOCIETY = "civil_society", _("NGO or civil society")


# The partner kind a request's organisation is recorded as when it is new.
REQUESTER_PARTNER_KIND = {
    RequesterKind.CONSULATE: "diplomatic_mission",
    RequesterKind.FOREIGN_GOVERNMENT: "national_government",
    RequesterKind.FOREIGN_CITY: "city_government",
    RequesterKind.INTERNATIONAL_ORGANISATION: "international_organisation",
    RequesterKind.BUSINESS: "business",
    RequesterKind.ACADEMIC: "academic",
    RequesterKind.CIVIL_SOCIETY: "civil_society",
}

# Requesters that speak for their country's government: the duplicate rule
# counts every such body of the same country as the same requester.
GOVERNMENT_REQUESTERS = (RequesterKind.CONSULATE, RequesterKind.FOREIGN_GOVERNMENT)


class HostLevel(models.TextChoices):
    """Who at the city the visitors ask to meet."""

    MAYOR = "mayor", _("The mayor")
    DEPUTY_MAYOR = "deputy_mayor", _("A deputy mayor")
    STAFF = "staff", _("International-affairs staff")


class ReminderKind(models.TextChoices):
    FOLLOW_UPS = "follow_ups", _("Follow-ups due and overdue (daily)")
    VISIT_CHECKLISTS = (
        "visit_checklists",
        _("Visits next week with an incomplete checklist (daily)"),
    )
    WEEKLY_DIGEST = "weekly_digest", _("The week's engagements and figures (weekly)")


def topic_label(code: str) -> str:
    """A topic's name in the reader's language (the topics table holds English names)."""
    return str(TOPIC_LABELS.get(code, code))


TOPIC_LABELS = {
    "climate": _("Climate"),
    "trade": _("Trade and investment"),
    "tourism": _("Tourism"),
    "education": _("Education and students"),
    "migration": _("Migration and inclusion"),
    "public_safety": _("Public safety"),
    "health": _("Health"),
    "culture": _("Culture"),
    "technology": _("Technology"),
    "resilience": _("Resilience"),
    "other": _("Other"),
}
