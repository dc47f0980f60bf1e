"""Reads of cities' records for the staff pages: each a fixed number of queries.

Every function starts from a queryset the caller already scoped with
``for_user``; none of them decides whose records a user may see.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from difflib import SequenceMatcher

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    F,
    IntegerField,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, Mod

from cities.choices import StaffRole
from cities.models import Partner, Person

ANNIVERSARY_EVERY_YEARS = 5
_NOISE_WORDS = {"the", "of", "city", "de", "la", "le", "and", "for", "der", "des", "del"}


def user_display_name(user) -> str:
    """A person as staff know them, everywhere: full name, else username."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def follow_up_owners(city, *, keep=None):
    """Who may own ``city``'s follow-ups: its active editors (viewers own none).

    ``keep`` is a follow-up's current owner, still offered when editing it
    so an unchanged owner is never refused.
    """
    rule = Q(staff__city=city, staff__role=StaffRole.EDITOR, is_active=True)
    if keep is not None:
        rule |= Q(pk=keep.pk if hasattr(keep, "pk") else keep)
    return get_user_model().objects.filter(rule).order_by("first_name", "last_name", "username")


def staff_users(city):
    """The users who work for ``city``: the choices for an owner."""
    return get_user_model().objects.filter(staff__city=city).order_by("username")


# --- Partners ---------------------------------------------------------------


def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(w for w in words if w not in _NOISE_WORDS)


def partner_likely_duplicates(*, city, name: str, country: str, exclude_pk=None, limit=5):
    """Partners of ``city`` in ``country`` whose name looks like ``name``.

    Similar means close spelling (difflib ratio ≥ 0.8 after dropping case,
    accents, punctuation and filler words like "City of") or one name
    containing the other. One query: a city has at most a few hundred
    partners in one country.
    """
    wanted = _normalise(name or "")
    if not wanted or not country:
        return []
    candidates = (
        Partner.objects.for_city(city)
        .filter(country=country)
        .exclude(pk=exclude_pk)
        .only("pk", "name", "country", "kind", "city_id")
    )
    scored = []
    for partner in candidates[:2000]:
        other = _normalise(partner.name)
        if not other:
            continue
        ratio = SequenceMatcher(None, wanted, other).ratio()
        contains = min(len(wanted), len(other)) >= 4 and (wanted in other or other in wanted)
        if ratio >= 0.8 or contains:
            scored.append((ratio, partner))
    scored.sort(key=lambda pair: -pair[0])
    return [partner for _, partner in scored[:limit]]


def partner_list(queryset):
    return queryset.select_related("partner_city")


def partner_profile(queryset, pk):
    """A partner with its people and seat city, for its profile page."""
    return queryset.select_related("partner_city", "city__city").prefetch_related(
        Prefetch("people", queryset=Person.objects.order_by("name"))
    )


def partner_tie(partner, ties):
    """The live sister-city tie between the partner's city and the partner's seat, if any."""
    if not partner.partner_city_id:
        return None
    return (
        ties.filter(city_id=partner.city_id, partner_city_id=partner.partner_city_id)
        .live()
        .select_related("partner_city")
        .first()
    )


# --- Sister-city ties -------------------------------------------------------


def ties_with_anniversary_soon(queryset, *, today: datetime.date):
    """Live ties reaching a multiple of five years (5, 10, 15…) in the next 12 months.

    Computed in SQL: the anniversary falls this calendar year when its
    month/day is still ahead, else next year; ``anniversary_years`` is the
    number of years then.
    """
    today_md = today.month * 100 + today.day
    return (
        queryset.live()
        .filter(established_on__isnull=False)
        .select_related("partner_city")
        .annotate(
            established_md=ExtractMonth("established_on") * 100 + ExtractDay("established_on"),
            anniversary_years=Case(
                When(
                    established_md__gte=today_md,
                    then=Value(today.year) - ExtractYear("established_on"),
                ),
                default=Value(today.year + 1) - ExtractYear("established_on"),
                output_field=IntegerField(),
            ),
        )
        .annotate(anniversary_mod=Mod(F("anniversary_years"), ANNIVERSARY_EVERY_YEARS))
        .filter(anniversary_years__gt=0, anniversary_mod=0)
        .order_by("established_md", "pk")
    )


def anniversary_date(tie) -> datetime.date | None:
    """The day a tie (annotated by ``ties_with_anniversary_soon``) reaches its anniversary."""
    if tie.established_on is None or not getattr(tie, "anniversary_years", None):
        return None
    year = tie.established_on.year + tie.anniversary_years
    try:
        return tie.established_on.replace(year=year)
    except ValueError:  # 29 February in a common year
        return datetime.date(year, 2, 28)
