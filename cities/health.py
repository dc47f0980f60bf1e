"""Liveness checks of the services the app depends on."""

import logging

from django.conf import settings
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


def run_checks() -> dict[str, bool]:
    return {"database": database_ok(), "broker": broker_ok()}
