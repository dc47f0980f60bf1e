"""The Celery task that runs a large file's import job: thin, id-based, idempotent.

It claims its job with a conditional UPDATE, so a second delivery of the
same message finds nothing to do; a job whose worker died mid-way (it stays
``previewing``/``importing`` past ``STALE_AFTER``) can be claimed again, and
re-running an import changes nothing that the first run committed (import
keys), while a killed run committed nothing at all (one transaction).

Queuing lives here too (``import_job_start``), so the pages never decide
between running a job now and handing it to a worker. The worker finds this
module through ``diplomacy.celery``'s autodiscovery of ``engagements.imports``.
"""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from engagements.choices import ImportStatus
from engagements.imports.jobs import (
    import_job_commit,
    import_job_preview,
    import_jobs_lost,
    import_jobs_waiting,
)
from engagements.models import ImportJob
from engagements.tasks import task_publish

STALE_AFTER = datetime.timedelta(minutes=30)

PHASES = {
    "preview": (ImportStatus.PREVIEW_QUEUED, ImportStatus.PREVIEWING, import_job_preview),
    "commit": (ImportStatus.IMPORT_QUEUED, ImportStatus.IMPORTING, import_job_commit),
}


def claim(job_id: int, phase: str, task_id: str) -> bool:
    queued, running, _ = PHASES[phase]
    stale = timezone.now() - STALE_AFTER
    claimed = ImportJob.objects.filter(pk=job_id, status=queued).update(
        status=running, task_id=task_id, updated_at=timezone.now()
    ) or ImportJob.objects.filter(pk=job_id, status=running, updated_at__lt=stale).update(
        task_id=task_id, updated_at=timezone.now()
    )
    return bool(claimed)


@shared_task(bind=True, acks_late=True)
def run_import_job(self, job_id: int, phase: str) -> str:
    """Preview or commit one import job; returns its final status."""
    if not claim(job_id, phase, self.request.id or ""):
        return "already claimed"
    job = ImportJob.objects.select_related("city", "user").get(pk=job_id)

    def progress(done: int) -> None:
        # Rows are written in one transaction nobody else can see into, so
        # progress goes through the result backend, read by the status page.
        self.update_state(state="PROGRESS", meta={"processed": done, "total": job.total_rows})

    _, _, run = PHASES[phase]
    # A worker has no request to take a language from: row errors and the job's
    # error are written in the city office's language, as its briefings are.
    with translation.override(job.city.locale):
        job = run(job=job, progress=None if self.request.is_eager else progress)
    return job.status


def import_job_start(*, job: ImportJob, phase: str) -> None:
    """Queue a phase of the job once this transaction commits: a worker parses and
    imports the file, never the web request.

    Only in-process mode (no broker: tasks run eagerly) runs a small file's
    phase at once, so the page shows its preview without a round of polling; a
    file that does not say how many rows it holds (an XLSX without a dimension)
    counts as large. Queuing is best-effort: with the broker down the job
    waits, and the sweeper (``import_jobs_sweep``) queues it again.
    """
    small = 0 < job.total_rows < settings.IMPORT_ASYNC_ROW_THRESHOLD
    if not (settings.CELERY_TASK_ALWAYS_EAGER and small):
        transaction.on_commit(lambda: task_publish(run_import_job, (job.pk, phase)))
        return
    _, running, run = PHASES[phase]
    ImportJob.objects.filter(pk=job.pk).update(status=running)
    run(job=job)


# A queued job that has not started this long after it was queued is queued again.
REQUEUE_AFTER = datetime.timedelta(minutes=1)


@shared_task(acks_late=True, ignore_result=True)
def import_jobs_sweep() -> int:
    """Every minute (beat): settle the jobs a broker or worker outage left behind.

    A job still waiting to start a minute on is queued again (``claim``
    keeps a second delivery from running it twice); one running with no
    sign of life for ``STALE_AFTER`` ends failed, saying why. Returns how
    many jobs it settled.
    """
    settled = import_jobs_lost(older_than=STALE_AFTER)
    for phase, (queued, _running, _run) in PHASES.items():
        for job_id in import_jobs_waiting(status=queued, older_than=REQUEUE_AFTER):
            task_publish(run_import_job, (job_id, phase))
            settled += 1
    return settled
