"""Reading through the shared cache without depending on it.

The cache only saves work: when it does not answer (production's Redis gives
up after a second), the caller's value is built and served as if nothing were
cached, never a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)

Value = TypeVar("Value")


def cached_or_built(key: str, build: Callable[[], Value], timeout: int) -> Value:
    """``build()``'s result, from the cache when there, kept ``timeout`` seconds;
    built afresh, without waiting on the cache again, when the cache fails."""
    try:
        value = cache.get(key)
    except Exception as error:  # each cache backend raises its own connection errors
        logger.warning("Built %s without the cache, it is unavailable: %r", key, error)
        # Not set either: a cache that did not answer costs the page one timeout, not two.
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, timeout)
        except Exception as error:  # each cache backend raises its own connection errors
            logger.warning("Could not keep %s in the cache: %r", key, error)
    return value
