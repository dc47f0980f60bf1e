"""Celery tasks: thin, id-based and idempotent; the work is in services."""

import datetime

from celery import shared_task
from django.db import DatabaseError

from cities.models import ParticipatingCity
from engagements.reporting import report_build


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def build_city_report(city_id: int, period_kind: str, day_iso: str) -> int:
    """Rebuild one city's report for the period containing ``day_iso``; returns its id."""
    city = ParticipatingCity.objects.get(pk=city_id)
    report = report_build(
        city=city, period_kind=period_kind, day=datetime.date.fromisoformat(day_iso)
    )
    return report.pk
