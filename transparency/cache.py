"""The public pages' cache: what a city publishes, kept ``PUBLIC_CACHE_SECONDS``.

Keys carry a per-city version: changing a city's public profile bumps it, so
its pages change at once. Engagements live in a lower layer that cannot call
up here, so a newly marked engagement appears when the entries expire (five
minutes by default), the delay an open-data consumer expects anyway.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from cities.caching import cached_or_built


def _ttl() -> int:
    return getattr(settings, "PUBLIC_CACHE_SECONDS", 300)


def _version_key(city_id: int) -> str:
    return f"public:{city_id}:version"


def public_cache_clear(city_id: int) -> None:
    cache.set(_version_key(city_id), _version(city_id) + 1, None)


def _version(city_id: int) -> int:
    return cache.get(_version_key(city_id)) or 0


def public_cached(city_id: int, name: str, params: dict, build):
    """``build()``'s result for this city, page and parameters, from the cache if there."""
    digest = hashlib.sha256(repr(sorted(params.items())).encode()).hexdigest()[:16]
    key = f"public:{city_id}:{_version(city_id)}:{name}:{digest}"
    return cached_or_built(key, build, _ttl())
