"""An import job from upload to commit: created, previewed row by row, confirmed,
committed all or nothing, and the outcome of each row kept for the job page.

The job is the unit of work the page and the Celery task share: both call
``import_job_preview`` and ``import_job_commit`` with the job, never the file.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from engagements.choices import ImportStatus
from engagements.imports.reading import ImportFileError, load_dataset
from engagements.imports.resources import RESOURCES
from engagements.models import ImportJob
from engagements.services import report_refresh_batch

logger = logging.getLogger(__name__)


def _unexpected(exc: Exception) -> str:
    """What a person is told when a job stops on an error nobody foresaw."""
    return _(
        "The import stopped on an unexpected error (%(error)s), so nothing was imported."
        " Try again; if it happens again, tell your site admin."
    ) % {"error": exc.__class__.__name__}


def import_job_create(
    *, city, user, kind: str, filename: str, file_format: str, data: bytes, total_rows: int
) -> ImportJob:
    """Keep an uploaded file as a job of ``user`` for ``city``, waiting for its preview."""
    return ImportJob.objects.create(
        city=city,
        user=user,
        kind=kind,
        filename=filename[:255],
        file_format=file_format,
        data=data,
        total_rows=total_rows,
    )


def import_job_confirm(*, job: ImportJob) -> bool:
    """Queue a cleanly previewed job for import; False if it is not (or no longer) previewed.

    A conditional UPDATE, so a double-clicked confirm imports the file once.
    """
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.IMPORT_QUEUED, updated_at=timezone.now()
    )
    if claimed:
        job.status = ImportStatus.IMPORT_QUEUED
    return bool(claimed)


OUTCOMES = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "skipped",
    RowResult.IMPORT_TYPE_ERROR: "error",
    RowResult.IMPORT_TYPE_INVALID: "error",
}


def _reasons(row_result, line: int) -> list[str]:
    if row_result.validation_error is not None:
        error = row_result.validation_error
        if hasattr(error, "error_dict"):
            return [
                _("Line %(line)s: %(message)s") % {"line": line, "message": message}
                if field == "__all__"
                else _("Line %(line)s, column %(column)s: %(message)s")
                % {"line": line, "column": field, "message": message}
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        return list(error.messages)
    return [str(error.error) for error in row_result.errors]


def _outcomes(result, resource) -> tuple[list[dict], dict]:
    rows, summary = [], {"new": 0, "updated": 0, "skipped": 0, "error": 0}
    for number, row_result in enumerate(result.rows, start=1):
        outcome = OUTCOMES.get(row_result.import_type, "error")
        values = row_result.row_values or {}
        # The spreadsheet's own line number: line 1 is the header.
        line = number + 1
        entry = {
            "line": line,
            "outcome": outcome,
            "label": str(values.get("title") or values.get("name") or ""),
        }
        reasons = _reasons(row_result, line) if outcome == "error" else []
        if reasons:
            entry["reasons"] = reasons
        elif row_result.instance is not None:
            # What the file said next to what will be stored: a date, a kind or a
            # country read differently from what was meant shows before the import.
            entry["read_as"] = resource.read_as(row_result.instance, values)
        new_partners = getattr(row_result.instance, "_import_new_partners", None)
        if new_partners and outcome != "error":
            entry["new_partners"] = new_partners
        rows.append(entry)
        summary[outcome] += 1
    for error in result.base_errors:
        summary["error"] += 1
        rows.append({"line": 0, "outcome": "error", "label": "", "reasons": [str(error.error)]})
    return rows, summary


@contextlib.contextmanager
def _no_cycle_collection():
    """The cyclic garbage collector paused for one phase of a job.

    A file's rows keep tens of thousands of objects alive until the phase
    ends, and each full collection walks them all again: a fifth of a
    10,000-row import's CPU. Reference counting still frees what is dropped;
    only cycles made meanwhile wait for the first collection after the phase,
    and the file's size is bounded (``IMPORT_MAX_ROWS``).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _run(job: ImportJob, *, dry_run: bool, progress=None):
    with _no_cycle_collection():
        return _run_rows(job, dry_run=dry_run, progress=progress)


def _run_rows(job: ImportJob, *, dry_run: bool, progress=None):
    dataset = load_dataset(bytes(job.data), job.file_format)
    job.total_rows = len(dataset)
    resource = RESOURCES[job.kind](city=job.city, user=job.user, progress=progress)
    # One refresh per touched period for the whole file; a dry run's writes are
    # rolled back, and their refreshes with them.
    batch = contextlib.nullcontext() if dry_run else report_refresh_batch()
    with batch:
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            retain_instance_in_row_result=True,
        )
    return _outcomes(result, resource)


# What a finished phase of a job writes back to its row.
OUTCOME_FIELDS = ["rows", "summary", "status", "error", "total_rows", "processed_rows"]


def _phase(job: ImportJob, run) -> tuple[list, dict]:
    """The rows and summary of one phase; a file or an error that stops it leaves none,
    with the reason on the job for its page."""
    try:
        return run()
    except ImportFileError as exc:
        job.error = str(exc)
    except Exception as exc:
        logger.exception("import job %s: %s failed", job.pk, job.status)
        job.error = _unexpected(exc)
    return [], {}


def import_job_preview(*, job: ImportJob, progress=None) -> ImportJob:
    """Check every row of the file without writing anything; keep each row's outcome."""
    job.rows, job.summary = _phase(job, lambda: _run(job, dry_run=True, progress=progress))
    if not job.summary:
        job.status = ImportStatus.FAILED
    else:
        job.status = ImportStatus.INVALID if job.summary["error"] else ImportStatus.PREVIEWED
    job.processed_rows = job.total_rows
    job.save(update_fields=[*OUTCOME_FIELDS, "updated_at"])
    return job


def _commit(job: ImportJob, progress):
    with transaction.atomic():
        rows, summary = _run(job, dry_run=False, progress=progress)
        if summary["error"]:
            transaction.set_rollback(True)
    return rows, summary


def import_job_commit(*, job: ImportJob, progress=None) -> ImportJob:
    """Import the whole file in one transaction: every row, or (if one fails) none."""
    job.rows, job.summary = _phase(job, lambda: _commit(job, progress))
    ok = job.summary and not job.summary["error"]
    job.status = ImportStatus.DONE if ok else ImportStatus.FAILED
    job.processed_rows = job.total_rows
    job.finished_at = timezone.now()
    job.save(update_fields=[*OUTCOME_FIELDS, "finished_at", "updated_at"])
    return job


# What a user reads on the job's page when its worker died mid-way.
LOST_MESSAGES = {
    ImportStatus.PREVIEWING: gettext_lazy(
        "The server stopped while this file was being checked; nothing was saved. Upload it again."
    ),
    ImportStatus.IMPORTING: gettext_lazy(
        "The server stopped while this import ran; nothing was saved. Start it again."
    ),
}


def import_jobs_lost(*, older_than: datetime.timedelta) -> int:
    """End failed the jobs running with no sign of life for ``older_than``; returns how many.

    Their worker died. A preview writes nothing and an import is one
    transaction, so nothing was saved, and the job's page says so.
    """
    now = timezone.now()
    lost = 0
    for status, message in LOST_MESSAGES.items():
        lost += ImportJob.objects.filter(status=status, updated_at__lt=now - older_than).update(
            status=ImportStatus.FAILED, error=str(message), finished_at=now, updated_at=now
        )
    return lost


def import_jobs_waiting(*, status: str, older_than: datetime.timedelta) -> list[int]:
    """Jobs in the queued ``status`` that have not started ``older_than`` on, marked queued now.

    The broker was down when they were queued, or lost them: the caller
    queues them again.
    """
    now = timezone.now()
    waiting = list(
        ImportJob.objects.filter(status=status, updated_at__lt=now - older_than).values_list(
            "pk", flat=True
        )
    )
    ImportJob.objects.filter(pk__in=waiting).update(updated_at=now)
    return waiting
