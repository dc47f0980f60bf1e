"""Reminder jobs, run by Celery beat (see ``diplomacy/celery.py``). Thin and
idempotent: each claims one delivery per user, kind and day before sending."""

from celery import shared_task
from django.utils import timezone

from visits import reminders


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
