"""Exports too large to stream within the server's timeout: written by a job, downloaded whole.

Tests lower ``EXPORT_STREAM_MAX_ROWS`` to a handful of rows; the jobs run
in-process (eager), except the last test's, which a real worker runs.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone

from engagements.choices import ExportJobState
from engagements.export_jobs import EXPORT_JOB_LOST_AFTER
from engagements.models import ExportJob
from engagements.tasks import export_files_purge, export_jobs_sweep, run_export_job
from tests.factories import EngagementFactory, PartnerFactory


@pytest.fixture
def small_limit(settings):
    settings.EXPORT_STREAM_MAX_ROWS = 5
    return settings


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _streamed(client, path, params, settings) -> list[list[str]]:
    """The same export as it streams when the limit allows it."""
    limit = settings.EXPORT_STREAM_MAX_ROWS
    settings.EXPORT_STREAM_MAX_ROWS = 1_000
    try:
        response = client.get(path, params)
    finally:
        settings.EXPORT_STREAM_MAX_ROWS = limit
    assert isinstance(response, StreamingHttpResponse)
    return _csv(b"".join(response.streaming_content))


def _ask(client, path, params, capture):
    """Ask for an export that becomes a job; the job runs as the request commits."""
    with capture(execute=True):
        response = client.get(path, params)
    assert response.status_code == 303, response.content
    job = ExportJob.objects.get()
    assert response["Location"] == f"/export/jobs/{job.pk}/"
    return job


def _engagements(city, n, **fields):
    nagoya = city.partners.filter(name="City of Nagoya").first() or PartnerFactory(
        city=city, name="City of Nagoya"
    )
    return [
        EngagementFactory(city=city, title=f"Meeting {i}", partners=[nagoya], **fields)
        for i in range(n)
    ]


def test_an_export_within_the_limit_still_streams(editor_client, los_angeles, small_limit):
    _engagements(los_angeles, 5)

    response = editor_client.get("/export/engagements.csv")

    assert isinstance(response, StreamingHttpResponse)
    assert len(_csv(b"".join(response.streaming_content))) == 1 + 5
    assert not ExportJob.objects.exists()


def test_a_workbook_becomes_a_job_from_fewer_rows_than_a_csv(editor_client, los_angeles, settings):
    settings.EXPORT_STREAM_MAX_ROWS = 100
    settings.EXPORT_XLSX_STREAM_MAX_ROWS = 3
    _engagements(los_angeles, 4)

    assert isinstance(editor_client.get("/export/engagements.csv"), StreamingHttpResponse)
    assert editor_client.get("/export/engagements.xlsx").status_code == 303


def test_a_large_csv_export_is_a_job_whose_file_holds_every_row_of_the_stream(
    editor_client, los_angeles, seattle, small_limit, django_capture_on_commit_callbacks
):
    _engagements(los_angeles, 8, status="planned")
    _engagements(los_angeles, 2, status="completed")
    EngagementFactory(city=seattle, title="Seattle's visit", status="planned")

    job = _ask(
        editor_client,
        "/export/engagements.csv",
        {"status": "planned"},
        django_capture_on_commit_callbacks,
    )

    job.refresh_from_db()
    assert (job.state, job.rows_total, job.rows_done) == (ExportJobState.DONE, 8, 8)
    assert (job.list_name, job.file_format, job.query) == ("engagements", "csv", "status=planned")
    assert job.city == los_angeles
    page = editor_client.get(f"/export/jobs/{job.pk}/").content.decode()
    assert "The file is ready: 8 rows." in page
    assert f'href="/export/jobs/{job.pk}/download/"' in page
    assert "hx-trigger" not in page, "a finished job stops polling"

    download = editor_client.get(f"/export/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{job.filename}"' in download["Content-Disposition"]
    rows = _csv(b"".join(download.streaming_content))
    streamed = _streamed(
        editor_client, "/export/engagements.csv", {"status": "planned"}, small_limit
    )
    assert rows == streamed
    assert len(rows) == 1 + 8
    assert rows[1][rows[0].index("partners")] == "City of Nagoya (JP)"


def test_a_large_xlsx_export_is_a_job_whose_workbook_holds_every_row(
    viewer_client, los_angeles, small_limit, django_capture_on_commit_callbacks
):
    _engagements(los_angeles, 7)

    job = _ask(viewer_client, "/export/engagements.xlsx", {}, django_capture_on_commit_callbacks)

    download = viewer_client.get(f"/export/jobs/{job.pk}/download/")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    body = b"".join(download.streaming_content)
    rows = list(openpyxl.load_workbook(io.BytesIO(body), read_only=True).active.values)
    assert rows[0][:3] == ("id", "title", "kind")
    assert len(rows) == 1 + 7


def test_asking_again_while_the_file_is_written_answers_the_same_job(
    editor_client, editor, los_angeles, small_limit
):
    _engagements(los_angeles, 6)

    # No commit callbacks run here: the first job stays queued.
    first = editor_client.get("/export/engagements.csv")
    again = editor_client.get("/export/engagements.csv")

    assert first["Location"] == again["Location"]
    assert ExportJob.objects.count() == 1


def test_only_the_requester_or_a_site_admin_sees_a_job_and_its_file(
    client,
    editor,
    viewer,
    other_editor,
    site_admin,
    los_angeles,
    small_limit,
    django_capture_on_commit_callbacks,
):
    _engagements(los_angeles, 6)
    client.force_login(editor)
    job = _ask(client, "/export/engagements.csv", {}, django_capture_on_commit_callbacks)

    for someone in (viewer, other_editor):  # a colleague of the same city, another city's editor
        client.force_login(someone)
        assert client.get(f"/export/jobs/{job.pk}/").status_code == 404
        assert client.get(f"/export/jobs/{job.pk}/download/").status_code == 404
    client.logout()
    assert client.get(f"/export/jobs/{job.pk}/").status_code == 302  # to sign in
    client.force_login(site_admin)
    assert client.get(f"/export/jobs/{job.pk}/").status_code == 200
    assert client.get(f"/export/jobs/{job.pk}/download/").status_code == 200


def test_a_job_being_written_shows_its_progress_and_polls(editor_client, editor, los_angeles):
    job = ExportJob.objects.create(
        user=editor,
        city=los_angeles,
        list_name="engagements",
        file_format="csv",
        state=ExportJobState.RUNNING,
        rows_total=120_000,
        rows_done=30_000,
    )

    page = editor_client.get(f"/export/jobs/{job.pk}/").content.decode()

    assert 'role="status" aria-live="polite"' in page
    assert '<progress id="export-bar" class="export-bar" max="100" value="25">' in page
    assert '<label for="export-bar">' in page
    assert "30,000 of 120,000 rows written" in page
    assert f'hx-get="/export/jobs/{job.pk}/" hx-trigger="every 2s"' in page
    assert editor_client.get(f"/export/jobs/{job.pk}/download/").status_code == 404

    part = editor_client.get(f"/export/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert part.lstrip().startswith('<div id="export-job"')
    assert "HX-Request" in editor_client.get(f"/export/jobs/{job.pk}/")["Vary"]
    assert "<html" not in part


def test_a_failed_job_says_so_and_offers_to_try_again(editor_client, editor, los_angeles):
    job = ExportJob.objects.create(
        user=editor,
        city=los_angeles,
        list_name="engagements",
        file_format="xlsx",
        query="status=planned&kind=meeting",
        state=ExportJobState.FAILED,
        error="The server stopped while this file was being written.",
        finished_at=timezone.now(),
    )

    page = editor_client.get(f"/export/jobs/{job.pk}/").content.decode()

    assert "This export could not be finished." in page
    assert "The server stopped while this file was being written." in page
    assert 'href="/export/engagements.xlsx?status=planned&amp;kind=meeting"' in page
    assert "hx-trigger" not in page
    assert editor_client.get(f"/export/jobs/{job.pk}/download/").status_code == 404


def test_a_job_that_cannot_be_written_ends_failed_with_its_reason(
    editor_client, editor, los_angeles
):
    job = ExportJob.objects.create(
        user=editor, city=los_angeles, list_name="engagements", file_format="csv", query="kind=x"
    )

    with pytest.raises(ValueError, match="invalid filter"):
        run_export_job(job.pk)

    job.refresh_from_db()
    assert job.state == ExportJobState.FAILED
    assert "ValueError" in job.error
    assert "This export could not be finished." in editor_client.get(
        f"/export/jobs/{job.pk}/"
    ).content.decode("utf-8")


def test_a_job_runs_once_however_often_its_message_arrives(editor, los_angeles):
    _engagements(los_angeles, 3)
    job = ExportJob.objects.create(
        user=editor, city=los_angeles, list_name="engagements", file_format="csv"
    )

    assert run_export_job(job.pk) == ExportJobState.DONE
    file_name = ExportJob.objects.get(pk=job.pk).file.name
    assert run_export_job(job.pk) == "already claimed"
    assert ExportJob.objects.get(pk=job.pk).file.name == file_name


def test_the_sweeper_queues_waiting_jobs_again_and_fails_lost_ones(editor, los_angeles):
    _engagements(los_angeles, 3)
    long_ago = timezone.now() - EXPORT_JOB_LOST_AFTER - datetime.timedelta(minutes=1)

    def job(state, updated_at):
        made = ExportJob.objects.create(
            user=editor, city=los_angeles, list_name="engagements", file_format="csv", state=state
        )
        ExportJob.objects.filter(pk=made.pk).update(updated_at=updated_at)
        return made

    forgotten = job(ExportJobState.QUEUED, long_ago)  # the broker never delivered it
    just_queued = job(ExportJobState.QUEUED, timezone.now())
    lost = job(ExportJobState.RUNNING, long_ago)  # its worker died
    busy = job(ExportJobState.RUNNING, timezone.now())

    assert export_jobs_sweep() == 2

    states = dict(ExportJob.objects.values_list("pk", "state"))
    assert states[forgotten.pk] == ExportJobState.DONE  # queued again, and run (eager)
    assert states[just_queued.pk] == ExportJobState.QUEUED
    assert states[lost.pk] == ExportJobState.FAILED
    assert states[busy.pk] == ExportJobState.RUNNING
    assert "The server stopped" in ExportJob.objects.get(pk=lost.pk).error


def test_a_large_export_asked_for_while_the_broker_is_down_waits_then_runs(
    editor_client, los_angeles, small_limit, django_capture_on_commit_callbacks
):
    import time

    from tests.engagements.faults import publishing_to

    _engagements(los_angeles, 6)
    began = time.monotonic()
    with publishing_to("redis://127.0.0.1:1/0"):  # nothing listens there
        job = _ask(editor_client, "/export/engagements.csv", {}, django_capture_on_commit_callbacks)

    # Refused at once; 10 s leaves room for a loaded machine importing the Redis client.
    assert time.monotonic() - began < 10, "the page waited on the broker"
    job.refresh_from_db()
    assert job.state == ExportJobState.QUEUED
    assert "Waiting for the server to start" in editor_client.get(
        f"/export/jobs/{job.pk}/"
    ).content.decode("utf-8")

    # The broker is back; a minute on, the sweeper queues the job again.
    ExportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert export_jobs_sweep() == 1
    job.refresh_from_db()
    assert (job.state, job.rows_done) == (ExportJobState.DONE, 6)


def test_files_are_deleted_after_the_retention_days(editor, los_angeles, settings):
    _engagements(los_angeles, 2)
    old, recent = (
        ExportJob.objects.create(
            user=editor, city=los_angeles, list_name="engagements", file_format="csv"
        )
        for _ in range(2)
    )
    for job in (old, recent):
        run_export_job(job.pk)
    ExportJob.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=settings.EXPORT_RETENTION_DAYS + 1)
    )
    old_file = ExportJob.objects.get(pk=old.pk).file
    assert old_file.storage.exists(old_file.name)

    assert export_files_purge() == 1

    assert not old_file.storage.exists(old_file.name)
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [recent.pk]


def test_job_page_queries_do_not_grow_with_the_rows(
    editor_client, editor, los_angeles, django_assert_max_num_queries
):
    job = ExportJob.objects.create(
        user=editor,
        city=los_angeles,
        list_name="engagements",
        file_format="csv",
        state=ExportJobState.RUNNING,
        rows_total=1_000_000,
        rows_done=10,
    )

    with django_assert_max_num_queries(4):
        assert editor_client.get(f"/export/jobs/{job.pk}/").status_code == 200
    with django_assert_max_num_queries(4):
        editor_client.get(f"/export/jobs/{job.pk}/", HTTP_HX_REQUEST="true")


def test_large_export_counts_and_redirects_in_few_queries(
    editor_client, los_angeles, small_limit, django_assert_max_num_queries
):
    _engagements(los_angeles, 30)

    with django_assert_max_num_queries(8):
        response = editor_client.get("/export/engagements.csv")

    assert response.status_code == 303


@pytest.mark.services
def test_real_worker_writes_a_large_export(celery_worker_process, editor, los_angeles, settings):
    from django.test import Client

    from tests.conftest import wait_for

    settings.EXPORT_STREAM_MAX_ROWS = 5
    _engagements(los_angeles, 12)
    client = Client()
    client.force_login(editor)

    response = client.get("/export/engagements.csv")

    assert response.status_code == 303
    job = wait_for(lambda: ExportJob.objects.filter(state=ExportJobState.DONE).first(), timeout=120)
    assert job is not None, f"the worker never wrote the file: {ExportJob.objects.values()}"
    download = client.get(f"/export/jobs/{job.pk}/download/")
    assert len(_csv(b"".join(download.streaming_content))) == 1 + 12
