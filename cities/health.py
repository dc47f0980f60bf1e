"""Liveness checks of the services the app depends on."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: database unreachable")
        return False


def broker_ok() -> bool:
    """The Celery broker answers; with eager in-process tasks there is none to check."""
    if not settings.CELERY_BROKER_URL:
        return True
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("Health check: broker unreachable")
        return False


def cache_ok() -> bool:
    """The shared cache (double-submit tokens, throttling) stores and returns a value."""
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception:
        logger.exception("Health check: cache unreachable")
        return False
    if not ok:
        logger.error("Health check: the cache did not return what was stored")
    return ok


def run_checks() -> dict[str, bool]:
    return {"database": database_ok(), "broker": broker_ok(), "cache": cache_ok()}
