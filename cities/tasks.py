"""Celery tasks of the cities app: thin, idempotent, the work in services."""

from celery import shared_task

from cities.services import trash_purge_expired


@shared_task(acks_late=True)
def purge_expired_trash() -> int:
    """The daily job: purge what has waited in a city's trash for the whole retention
    period (a second run finds nothing left to purge); returns how many."""
    return trash_purge_expired()
