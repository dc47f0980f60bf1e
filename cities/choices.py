import functools

from django.db import models
from django.utils import translation
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries


class StaffRole(models.TextChoices):
    EDITOR = "editor", _("Editor (international-affairs staff)")
    VIEWER = "viewer", _("Viewer (mayor's office)")


class PartnerKind(models.TextChoices):
    CITY_GOVERNMENT = "city_government", _("Foreign city government")
    REGIONAL_GOVERNMENT = (
        "regional_government",
        _("Regional government (prefecture, province, state)"),
    )
    NATIONAL_GOVERNMENT = "national_government", _("National government or ministry")
    DIPLOMATIC_MISSION = "diplomatic_mission", _("Embassy or consulate")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    BUSINESS = "business", _("Business")
    ACADEMIC = "academic", _("University or school")
    CIVIL_SOCIETY = "civil_society", _("NGO or civil society")
    CITY_NETWORK = "city_network", _("City network")


class TieKind(models.TextChoices):
    SISTER_CITY = "sister_city", _("Sister city")
    FRIENDSHIP_CITY = "friendship_city", _("Friendship city")
    PARTNERSHIP = "partnership", _("Partnership agreement / MOU")


class DatePrecision(models.TextChoices):
    """How much of a recorded date is known: old ties often have only a year."""

    DAY = "day", _("Exact day")
    YEAR = "year", _("Year only")


class TieStatus(models.TextChoices):
    """Whether a tie is in force. Dormancy is not stored: it is derived from
    engagements (``engagements.selectors.tie_has_recent_engagement``)."""

    ACTIVE = "active", pgettext_lazy("sister-city tie status", "Active")
    ENDED = "ended", pgettext_lazy("sister-city tie status", "Ended")


class CommitmentFramework(models.TextChoices):
    SDGS = "sdgs", _("UN Sustainable Development Goals")
    PARIS = "paris", _("Paris Agreement")
    MIGRATION_COMPACT = "migration_compact", _("Global Compact for Migration")
    OTHER = "other", _("Other")


class ProgressStatus(models.TextChoices):
    """The progress scale used by Open SDG reporting platforms."""

    TARGET_ACHIEVED = "target_achieved", _("Target achieved")
    SUBSTANTIAL = "substantial_progress", _("Substantial progress")
    MODERATE = "moderate_progress", _("Moderate progress")
    LIMITED = "limited_progress", _("Limited progress")
    DETERIORATION = "deterioration", _("Deterioration")
    NOT_AVAILABLE = "not_available", _("Not available")


class NetworkRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("role in a city network", "Member")
    FOUNDING_MEMBER = "founding_member", _("Founding member")
    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    CHAIR = "chair", _("Chair / co-chair")
    OBSERVER = "observer", _("Observer")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("network membership status", "Active")
    LAPSED = "lapsed", pgettext_lazy("network membership status", "Lapsed")
    LEFT = "left", pgettext_lazy("network membership status", "Left")


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


@functools.lru_cache(maxsize=16)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    return tuple((code, str(name)) for code, name in countries)


def country_choices() -> tuple[tuple[str, str], ...]:
    """Every country as (code, name), named and sorted in the active language.

    django-countries translates and sorts its 250 names on each pass over
    them, and a list page's filter went over them on every request: here it
    is done once per language and process.
    """
    return _country_choices(translation.get_language() or "")


@functools.lru_cache(maxsize=256)
def _choice_labels(choices, language: str) -> dict[str, str]:
    pairs = choices.flatchoices if isinstance(choices, models.Field) else choices.choices
    return {value: str(label) for value, label in pairs}


def choice_labels(choices) -> dict[str, str]:
    """{value: label} of ``choices`` (a TextChoices class, or a model field with
    choices) in the active language; read it, never change it.

    ``get_<field>_display`` rebuilds and translates a field's labelled choices on
    every call, and a list page or an import reads the same few labels row after
    row: they are built once per language and process.
    """
    return _choice_labels(choices, translation.get_language() or "")


class CountryChoices(BaseChoiceIterator):
    """``country_choices()`` as a field's choices: read when the field is rendered or
    checks a value, in the language of that request, never copied into the field."""

    def __iter__(self):
        return iter(country_choices())

    def __len__(self):
        return len(country_choices())


COUNTRY_CHOICES = CountryChoices()
