"""Export jobs: a list too large to stream within the server's timeout, written to a file.

A job is claimed by one worker with a conditional UPDATE (queued → running),
so a second delivery of its message finds nothing to do. The worker counts
the rows (``rows_total``), writes them with the streamed export's own writer
(``engagements.exports.export_write``) to a temporary file, reporting
``rows_done`` every few thousand rows as a sign of life, then stores the file
and marks the job done in one UPDATE: a job is never done with half a file.

A job whose worker died stops showing signs of life and is failed by the
sweeper with a reason the requester understands; one the broker never
delivered is queued again. Files are deleted ``EXPORT_RETENTION_DAYS`` after
they were written.

Queuing is ``engagements.tasks``' part: this module never imports the tasks.
"""

from __future__ import annotations

import datetime
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engagements.choices import ExportJobState
from engagements.exports import EXPORTS, export_write, filtered_queryset
from engagements.models import ExportJob

logger = logging.getLogger(__name__)

# A running job shows progress every few thousand rows, a second or two apart:
# one silent this long lost its worker.
EXPORT_JOB_LOST_AFTER = datetime.timedelta(minutes=5)
# A queued job no worker started this long after it was queued is queued again.
EXPORT_JOB_REQUEUE_AFTER = datetime.timedelta(minutes=1)
EXPORT_JOB_LOST_MESSAGE = gettext_lazy(
    "The server stopped while this file was being written. Nothing was lost: try again."
)
PROGRESS_EVERY_ROWS = 5000


def export_job_claim(*, job_id: int) -> bool:
    """Take a queued job for this worker; False if another took it or it is finished."""
    return bool(
        ExportJob.objects.filter(pk=job_id, state=ExportJobState.QUEUED).update(
            state=ExportJobState.RUNNING, rows_done=0, error="", updated_at=timezone.now()
        )
    )


def export_job_run(*, job: ExportJob) -> ExportJob:
    """Write a claimed job's file: the rows its requester sees through the list's filter.

    Scoped by the requester as they are now (``for_user``), so an account that
    lost its access exports nothing it may no longer see.
    """
    jobs = ExportJob.objects.filter(pk=job.pk)
    try:
        spec = EXPORTS[job.list_name]
        queryset, errors = filtered_queryset(spec, QueryDict(job.query), user=job.user)
        if errors is not None:
            raise ValueError(f"invalid filter: {dict(errors)}")
        jobs.update(rows_total=queryset.count(), updated_at=timezone.now())

        def progress(rows: int) -> None:
            jobs.update(rows_done=rows, updated_at=timezone.now())

        with tempfile.TemporaryFile() as handle:
            rows = export_write(
                spec,
                queryset,
                job.file_format,
                handle,
                on_progress=progress,
                every=PROGRESS_EVERY_ROWS,
            )
            handle.seek(0)
            name = job.file.storage.save(f"exports/{job.pk}/{job.filename}", File(handle))
        now = timezone.now()
        if not jobs.filter(state=ExportJobState.RUNNING).update(
            state=ExportJobState.DONE, rows_done=rows, file=name, finished_at=now, updated_at=now
        ):
            # The sweeper gave up on this job meanwhile: its page says so; drop the file.
            job.file.storage.delete(name)
    except Exception as error:
        logger.exception("Export job %s failed", job.pk)
        with translation.override(job.city.locale if job.city else None):
            message = _("The file could not be written (%(reason)s). Try again.") % {
                "reason": type(error).__name__
            }
        jobs.update(
            state=ExportJobState.FAILED,
            error=message,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        raise
    job.refresh_from_db()
    return job


def export_jobs_lost(*, older_than: datetime.timedelta = EXPORT_JOB_LOST_AFTER) -> int:
    """Fail the running jobs silent for ``older_than`` (their worker died); returns how many."""
    now = timezone.now()
    lost = 0
    stale = ExportJob.objects.filter(state=ExportJobState.RUNNING, updated_at__lt=now - older_than)
    for job in stale.select_related("city"):
        with translation.override(job.city.locale if job.city else None):
            message = str(EXPORT_JOB_LOST_MESSAGE)
        lost += ExportJob.objects.filter(
            pk=job.pk, state=ExportJobState.RUNNING, updated_at__lt=now - older_than
        ).update(state=ExportJobState.FAILED, error=message, finished_at=now, updated_at=now)
    return lost


def export_jobs_waiting(*, older_than: datetime.timedelta = EXPORT_JOB_REQUEUE_AFTER) -> list[int]:
    """Jobs still queued ``older_than`` after they were queued, marked queued now.

    The broker was down when they were asked for, or lost them: the caller
    queues them again (the claim keeps a job from running twice).
    """
    now = timezone.now()
    waiting = list(
        ExportJob.objects.filter(
            state=ExportJobState.QUEUED, updated_at__lt=now - older_than
        ).values_list("pk", flat=True)
    )
    ExportJob.objects.filter(pk__in=waiting, state=ExportJobState.QUEUED).update(updated_at=now)
    return waiting


def export_jobs_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the jobs finished more than ``EXPORT_RETENTION_DAYS`` ago, and their files.

    Returns how many jobs went. A file already gone is no error.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.EXPORT_RETENTION_DAYS)
    expired = ExportJob.objects.filter(
        state__in=[ExportJobState.DONE, ExportJobState.FAILED], finished_at__lt=cutoff
    )
    purged = 0
    for job in expired.only("pk", "file"):
        if job.file:
            job.file.storage.delete(job.file.name)
        purged += ExportJob.objects.filter(pk=job.pk).delete()[0]
    return purged
