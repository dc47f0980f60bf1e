"""The dashboard's report part (KPI cards, charts, monthly table, map), rendered
once and kept in the cache under the identity of the stored reports it shows.

A key names the city, the period's dates, the language, the fragments'
templates, and each stored report's id and ``computed_at``. A rebuilt report
has a new ``computed_at``, so the next page misses the cache and shows the new
figures at once: nothing is invalidated, nothing stale is ever served, and
superseded entries simply expire.

The cache only saves work (``cities.caching.cached_or_built``): when it does
not answer, the page is rendered without it, never a 500.
"""

from __future__ import annotations

import hashlib

from django.template.loader import get_template
from django.utils import translation

from cities.models import ParticipatingCity
from engagements.periods import DashboardPeriod
from engagements.reporting.read import StoredReports

TEMPLATES = {
    "kpis": "dashboard/includes/report_kpis.html",
    "charts": "dashboard/includes/report_charts.html",
}
# Bump when the shaping of the figures (figures.py) changes what the fragments
# show; a change to their templates changes the key by itself.
VERSION = 1


def _templates_digest() -> str:
    # A deploy (or an edit in development) that changes a template never serves
    # the HTML its predecessor cached. The loaded templates are cached by Django:
    # this costs a hash of a few kilobytes.
    sources = "".join(get_template(name).template.source for name in TEMPLATES.values())
    return hashlib.sha256(sources.encode()).hexdigest()[:12]


def fragment_key(*, city: ParticipatingCity, period: DashboardPeriod, stored: StoredReports) -> str:
    """The cache key of a city's report part for ``period`` as ``stored`` names it."""
    return ":".join(
        [
            "dashboard",
            f"v{VERSION}",
            _templates_digest(),
            str(city.pk),
            period.key,
            period.start.isoformat(),
            period.end.isoformat(),
            translation.get_language() or "",
            stored.fingerprint,
        ]
    )
