"""Reminder jobs, run by Celery beat (see ``diplomacy/celery.py``). Thin and
idempotent: each claims one delivery per user, kind and day before sending."""

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from visits import reminders, services


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def send_visit_request_email(*, visit_request_id: int, template: str) -> None:
    """The requester's email about one step of their request, sent off the web request."""
    services.visit_request_email(visit_request_id=visit_request_id, template=template)


@shared_task
def send_daily_reminders() -> dict:
    today = timezone.localdate()
    return {
        "follow_ups": reminders.follow_up_reminders_send(today=today),
        "visit_checklists": reminders.checklist_reminders_send(today=today),
    }


@shared_task
def send_weekly_digest() -> int:
    return reminders.weekly_digest_send(today=timezone.localdate())
