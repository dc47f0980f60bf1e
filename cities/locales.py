"""The language, regional formats, time zone and paper of a user's pages and a
city's documents: the rules in one place.

A user's language is, in order: the one they chose and saved (it follows them
to any device), the one their browser's cookie chose, their city's language,
then their browser's (Accept-Language, which LocaleMiddleware already read).

Dates and numbers are formatted in the language *as written in the city's
country*: English in Los Angeles is activated as "en-us" (month first, the
``diplomacy.formats.en_US`` module), English in Barcelona as "en-es", which
Django's get_format falls back from to "en" (day first). Translations fall back
the same way, so "es-us" still reads the Spanish catalogue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format

if TYPE_CHECKING:
    from cities.models import ParticipatingCity

PDF_PAGE_SIZES = {"letter": "letter", "a4": "A4"}


def supported_language(code: str | None) -> str | None:
    """The desk's language for ``code`` ("es-MX" → "es"), or None if it has none."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def regional_locale(language: str, city: ParticipatingCity | None) -> str:
    """``language`` as written in ``city``'s country ("en" in Los Angeles → "en-us")."""
    country = str(city.city.country or "") if city is not None else ""
    if not country or "-" in language:
        return language
    return f"{language}-{country.lower()}"


def city_language(city: ParticipatingCity) -> str:
    """The language a city's office works in (its ``locale``), one the desk speaks."""
    return supported_language(city.locale) or settings.LANGUAGE_CODE.split("-")[0]


def city_locale(city: ParticipatingCity) -> str:
    """The locale of a city's documents (PDFs): its language, written its country's way."""
    language = city_language(city)
    if "-" in city.locale and city.locale.split("-")[0] == language:
        return city.locale  # a region of its own ("es-mx")
    return regional_locale(language, city)


def pdf_page_size(city: ParticipatingCity) -> str:
    """The CSS @page size of a city's PDFs: US Letter for a U.S. city, else A4."""
    return PDF_PAGE_SIZES.get(city.paper_size, "A4")


def user_language(
    *, saved: str | None, cookie: str | None, city: ParticipatingCity | None
) -> str | None:
    """The language of a signed-in user's pages, or None to keep the browser's."""
    return (
        supported_language(saved)
        or supported_language(cookie)
        or (city_language(city) if city is not None else None)
    )


# How each language writes an amount in U.S. dollars; U.S. English alone says "$".
_USD_PATTERNS = {"en-us": "${amount}", "en": "US${amount}", "es": "{amount}\u00a0US$"}


def usd(amount) -> str:
    """An amount in U.S. dollars, whole, as the active locale writes it:
    "$1,200,000" (en-us), "US$1,200,000" (en), "1.200.000 US$" (es)."""
    locale = translation.get_language() or settings.LANGUAGE_CODE
    language = locale.split("-")[0]
    pattern = _USD_PATTERNS.get(locale.lower(), _USD_PATTERNS.get(language, "US${amount}"))
    return pattern.format(amount=number_format(round(amount), 0, force_grouping=True))
