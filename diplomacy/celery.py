"""The Celery app. With no broker configured, tasks run eagerly in-process."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings.local")

app = Celery("diplomacy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each app's tasks.py, and the import job's task, which lives with the rest of
# the imports in engagements/imports/tasks.py.
app.autodiscover_tasks(["engagements.imports"])

# The nightly full rebuild of every city's reports, so figures that depend on
# the date (overdue follow-ups, dormant ties) and any missed refresh are right
# by morning. django-celery-beat's scheduler copies this entry into its tables.
app.conf.beat_schedule = {
    # The outbox sweepers: a refresh or an import job the broker or a worker lost
    # is queued again (or, for a job that died mid-way, marked failed) a minute on.
    "report-refresh-sweep": {
        "task": "engagements.tasks.report_refresh_sweep",
        "schedule": 60.0,
    },
    "import-jobs-sweep": {
        "task": "engagements.imports.tasks.import_jobs_sweep",
        "schedule": 60.0,
    },
    "export-jobs-sweep": {
        "task": "engagements.tasks.export_jobs_sweep",
        "schedule": 60.0,
    },
    # Export jobs' files are downloads, not archives: gone after EXPORT_RETENTION_DAYS.
    "export-files-purge-daily": {
        "task": "engagements.tasks.export_files_purge",
        "schedule": crontab(hour=3, minute=45),
    },
    "rebuild-all-reports-nightly": {
        "task": "engagements.tasks.rebuild_all_reports",
        "schedule": crontab(hour=2, minute=30),
    },
    # Reminder emails (visits/reminders.py): follow-ups due and visits whose
    # checklist is incomplete every morning, the viewers' digest on Mondays.
    "send-daily-reminders": {
        "task": "visits.tasks.send_daily_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "send-weekly-digest": {
        "task": "visits.tasks.send_weekly_digest",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    # Records deleted more than TRASH_RETENTION_DAYS ago leave their city's trash.
    "purge-expired-trash-daily": {
        "task": "cities.tasks.purge_expired_trash",
        "schedule": crontab(hour=3, minute=15),
    },
}
