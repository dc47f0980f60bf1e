"""Writes to a city's public profile; a change empties its public cache after commit."""

from __future__ import annotations

from django.db import transaction

from cities.records import record_save
from transparency.cache import public_cache_clear
from transparency.models import PublicProfile


@transaction.atomic
def public_profile_create(*, city, editor, **fields) -> PublicProfile:
    """Record whether ``city`` publishes its public page and open data, and how."""
    profile = record_save(PublicProfile(city=city), editor=editor, **fields)
    transaction.on_commit(lambda: public_cache_clear(city.pk))
    return profile


@transaction.atomic
def public_profile_update(*, profile: PublicProfile, editor, **fields) -> PublicProfile:
    """Change a city's publication settings; its public pages change at once."""
    record_save(profile, editor=editor, **fields)
    transaction.on_commit(lambda: public_cache_clear(profile.city_id))
    return profile
