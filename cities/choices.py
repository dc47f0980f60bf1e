from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    EDITOR = "editor", "Editor (international-affairs staff)"
    VIEWER = "viewer", "Viewer (mayor's office)"


class PartnerKind(models.TextChoices):
    CITY_GOVERNMENT = "city_government", "Foreign city government"
    REGIONAL_GOVERNMENT = (
        "regional_government",
        _("Regional government (prefecture, province, state)"),
    )
    NATIONAL_GOVERNMENT = "national_government", "National government or ministry"
    DIPLOMATIC_MISSION = "diplomatic_mission", "Embassy or consulate"
    INTERNATIONAL_ORGANISATION = "international_organisation", "International organisation"
    BUSINESS = "business", "Business"
    ACADEMIC = "academic", "University or school"
    CIVIL_SOCIETY = "civil_society", "NGO or civil society"
    CITY_NETWORK = "city_network", "City network"


class TieKind(models.TextChoices):
    SISTER_CITY = "sister_city", "Sister city"
    FRIENDSHIP_CITY = "friendship_city", "Friendship city"
    PARTNERSHIP = "partnership", "Partnership agreement / MOU"


class DatePrecision(models.TextChoices):
    """How much of a recorded date is known: old ties often have only a year."""

    DAY = "day", _("Exact day")
    YEAR = "year", _("Year only")


class TieStatus(models.TextChoices):
    """Whether a tie is in force. Dormancy is not stored: it is derived from
    engagements (``engagements.selectors.tie_has_recent_engagement``)."""

    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class CommitmentFramework(models.TextChoices):
    SDGS = "sdgs", "UN Sustainable Development Goals"
    PARIS = "paris", "Paris Agreement"
    MIGRATION_COMPACT = "migration_compact", "Global Compact for Migration"
    OTHER = "other", "Other"


class ProgressStatus(models.TextChoices):
    """The progress scale used by Open SDG reporting platforms."""

    TARGET_ACHIEVED = "target_achieved", "Target achieved"
    SUBSTANTIAL = "substantial_progress", "Substantial progress"
    MODERATE = "moderate_progress", "Moderate progress"
    LIMITED = "limited_progress", "Limited progress"
    DETERIORATION = "deterioration", "Deterioration"
    NOT_AVAILABLE = "not_available", "Not available"


class NetworkRole(models.TextChoices):
    MEMBER = "member", "Member"
    FOUNDING_MEMBER = "founding_member", "Founding member"
    STEERING_COMMITTEE = "steering_committee", "Steering committee"
    CHAIR = "chair", "Chair / co-chair"
    OBSERVER = "observer", "Observer"


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    LAPSED = "lapsed", "Lapsed"
    LEFT = "left", "Left"


class PaperSize(models.TextChoices):
    """The paper a city's office prints on (itineraries, PDF reports)."""

    LETTER = "letter", _("US Letter")
    A4 = "a4", _("A4")


# Countries whose offices print on US Letter; everyone else uses A4.
LETTER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "SV", "DO", "PR"}
)


def paper_size_for(country_code: str) -> str:
    """The paper a new participating city in ``country_code`` prints on by default."""
    return PaperSize.LETTER if str(country_code).upper() in LETTER_COUNTRIES else PaperSize.A4
