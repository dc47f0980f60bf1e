"""Refreshes that can't be lost: recorded with the edit, queued best-effort after commit,
swept when lost; jobs that lost their worker end failed with a reason.

These run everywhere (SQLite too): a broker and a cache that refuse connections
are real faults a closed port gives. The outages with a real worker are in
test_faults.py.
"""

import datetime
import time
import uuid
from unittest import mock

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cities.services import (
    progress_entry_create,
    sister_city_tie_create,
)
from engagements.choices import (
    EngagementKind,
    EngagementStatus,
    ImportStatus,
    PeriodKind,
    ReportJobState,
)
from engagements.imports.tasks import import_jobs_sweep, run_import_job
from engagements.models import CityReport, Engagement, ImportJob, ReportJob, ReportRefresh
from engagements.reporting.compute import report_build
from engagements.services import engagement_create, engagement_update
from engagements.tasks import refresh_city_reports, report_refresh_sweep, run_report_job
from tests.engagements.faults import publishing_to
from tests.factories import CityFactory, CommitmentFactory, EngagementFactory

pytestmark = pytest.mark.django_db

MAY_20 = datetime.date(2026, 5, 20)
AUG_2 = datetime.date(2026, 8, 2)
# Nothing listens here: connecting is refused at once, as with a stopped Redis.
DEAD_REDIS = "redis://127.0.0.1:1/0"


def pending(city):
    return set(ReportRefresh.objects.filter(city=city).values_list("period_kind", "period_start"))


def test_an_edit_records_its_refreshes_in_its_own_transaction(los_angeles, editor):
    with transaction.atomic():
        engagement_create(
            city=los_angeles,
            author=editor,
            kind=EngagementKind.MEETING,
            title="Climate roundtable",
            start_date=MAY_20,
        )
        assert pending(los_angeles) == {
            (PeriodKind.MONTH, datetime.date(2026, 5, 1)),
            (PeriodKind.QUARTER, datetime.date(2026, 4, 1)),
            (PeriodKind.YEAR, datetime.date(2026, 1, 1)),
        }, "recorded before the commit, with the edit"
        transaction.set_rollback(True)

    assert not ReportRefresh.objects.exists(), "rolled back with the edit"


def test_moving_an_engagement_records_every_period_of_both_dates(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(city=los_angeles, start_date=MAY_20)

    with django_capture_on_commit_callbacks(execute=False):
        engagement_update(engagement=engagement, editor=editor, start_date=AUG_2)

    assert pending(los_angeles) == {
        (PeriodKind.MONTH, datetime.date(2026, 5, 1)),
        (PeriodKind.MONTH, datetime.date(2026, 8, 1)),
        (PeriodKind.QUARTER, datetime.date(2026, 4, 1)),
        (PeriodKind.QUARTER, datetime.date(2026, 7, 1)),
        (PeriodKind.YEAR, datetime.date(2026, 1, 1)),
    }


def test_a_broker_refusing_the_first_period_still_leaves_every_period_to_the_sweeper(
    los_angeles, editor, django_capture_on_commit_callbacks, caplog
):
    with publishing_to(DEAD_REDIS), django_capture_on_commit_callbacks(execute=True):
        engagement_create(
            city=los_angeles,
            author=editor,
            kind=EngagementKind.MEETING,
            title="Climate roundtable",
            start_date=MAY_20,
        )

    refusals = caplog.text.count("Could not queue")
    assert refusals == 1, "gave up at the first refusal instead of waiting on each period"
    assert len(pending(los_angeles)) == 3
    ReportRefresh.objects.update(queued_at=timezone.now() - datetime.timedelta(minutes=2))
    ReportRefresh.objects.update(requested_at=timezone.now() - datetime.timedelta(minutes=2))

    with mock.patch.object(refresh_city_reports, "apply_async") as queued:
        assert report_refresh_sweep() == 3
    [(city_id, periods)] = [call.args[0] for call in queued.call_args_list]
    assert city_id == los_angeles.pk
    assert sorted(kind for kind, _day in periods) == [
        PeriodKind.MONTH,
        PeriodKind.QUARTER,
        PeriodKind.YEAR,
    ]


def test_page_and_api_saves_answer_normally_with_the_broker_and_cache_down(
    editor_client, los_angeles, settings, django_capture_on_commit_callbacks, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
        }
    }
    began = time.monotonic()
    with publishing_to(DEAD_REDIS), django_capture_on_commit_callbacks(execute=True):
        page = editor_client.post(
            "/engagements/new/",
            {
                "kind": EngagementKind.MEETING,
                "status": EngagementStatus.CONFIRMED,
                "title": "Port of Nagoya working meeting",
                "start_date": "2026-05-04",
                "owner": "",
                "form_token": str(uuid.uuid4()),
            },
        )
        api = editor_client.post(
            "/api/v1/engagements/",
            {"kind": "meeting", "title": "Port call", "start_date": "2026-03-01"},
            content_type="application/json",
        )
        engagement = Engagement.objects.get(title="Port call")
        edit = editor_client.patch(
            f"/api/v1/engagements/{engagement.pk}/",
            {"start_date": "2026-04-01"},
            content_type="application/json",
        )

    assert (page.status_code, api.status_code, edit.status_code) == (302, 201, 200)
    assert time.monotonic() - began < 10, "the saves did not wait on the broker"
    assert Engagement.objects.filter(city=los_angeles).count() == 2
    assert (PeriodKind.MONTH, datetime.date(2026, 3, 1)) in pending(los_angeles)
    assert (PeriodKind.MONTH, datetime.date(2026, 4, 1)) in pending(los_angeles)
    assert "Could not queue engagements.tasks.refresh_city_reports" in caplog.text
    assert "Double-submit guard off" in caplog.text


def test_adding_a_progress_entry_refreshes_commitments_in_every_stored_report(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    commitment = CommitmentFactory(city=los_angeles)  # 100 → 50 by 2030, no progress yet
    old_year = datetime.date(2019, 1, 1)
    report_build(city=los_angeles, period_kind=PeriodKind.YEAR, day=old_year)
    assert CityReport.objects.get(period_start=old_year).figures["commitments_on_track"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        progress_entry_create(
            commitment=commitment, editor=editor, date=timezone.localdate(), value=50
        )

    report = CityReport.objects.get(period_kind=PeriodKind.YEAR, period_start=old_year)
    assert report.figures["commitments_on_track"] == 1, "a period no edit touched, refreshed"
    this_year = CityReport.objects.get(
        period_kind=PeriodKind.YEAR, period_start=timezone.localdate().replace(month=1, day=1)
    )
    assert this_year.figures["commitments_on_track"] == 1
    assert not ReportRefresh.objects.exists()


def test_a_progress_entry_added_on_the_page_shows_on_the_dashboard_figures(
    editor_client, los_angeles, django_capture_on_commit_callbacks
):
    commitment = CommitmentFactory(city=los_angeles)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("progress_add", args=[commitment.pk]),
            {
                "progress-date": timezone.localdate().isoformat(),
                "progress-value": "50",
                "progress-note": "Audit",
                "form_token": str(uuid.uuid4()),
            },
        )

    assert response.status_code == 302
    this_year = CityReport.objects.get(
        period_kind=PeriodKind.YEAR, period_start=timezone.localdate().replace(month=1, day=1)
    )
    assert this_year.figures["commitments_on_track"] == 1


def test_a_new_sister_city_tie_is_counted_in_this_years_report(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sister_city_tie_create(
            city=los_angeles,
            partner_city=CityFactory(name="Nagoya", country="JP"),
            editor=editor,
            established_on=datetime.date(1959, 4, 1),
        )

    this_year = CityReport.objects.get(
        period_kind=PeriodKind.YEAR, period_start=timezone.localdate().replace(month=1, day=1)
    )
    assert this_year.figures["ties_active"] + this_year.figures["ties_dormant"] == 1


def test_a_refresh_now_job_that_lost_its_worker_ends_failed_with_a_reason(los_angeles, viewer):
    job = ReportJob.objects.create(
        city=los_angeles,
        requested_by=viewer,
        periods=[["month", "2026-03-01"]] * 26,
        total=26,
        done=3,
        state=ReportJobState.RUNNING,
        updated_at=timezone.now() - datetime.timedelta(minutes=6),
    )
    alive = ReportJob.objects.create(
        city=los_angeles, periods=[], total=0, state=ReportJobState.RUNNING
    )
    never_started = ReportJob.objects.create(
        city=los_angeles,
        periods=[],
        total=0,
        updated_at=timezone.now() - datetime.timedelta(minutes=2),
    )

    with mock.patch.object(run_report_job, "apply_async") as queued:
        report_refresh_sweep()

    job.refresh_from_db()
    alive.refresh_from_db()
    assert job.state == ReportJobState.FAILED
    assert "The server stopped while these reports were being rebuilt" in job.error
    assert job.finished_at is not None
    assert alive.state == ReportJobState.RUNNING, "a job showing progress is left to run"
    assert [call.args[0] for call in queued.call_args_list] == [(never_started.pk,)]


def test_an_import_that_lost_its_worker_ends_failed_and_a_waiting_one_is_queued_again(
    los_angeles, editor
):
    def job(status, minutes_ago):
        created = ImportJob.objects.create(
            city=los_angeles,
            user=editor,
            kind="engagements",
            filename="visits.csv",
            file_format="csv",
            data=b"",
            status=status,
        )
        ImportJob.objects.filter(pk=created.pk).update(
            updated_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
        )
        return created

    lost = job(ImportStatus.IMPORTING, 45)
    running = job(ImportStatus.IMPORTING, 2)
    waiting = job(ImportStatus.IMPORT_QUEUED, 3)

    with mock.patch.object(run_import_job, "apply_async") as queued:
        import_jobs_sweep()

    lost.refresh_from_db()
    running.refresh_from_db()
    assert lost.status == ImportStatus.FAILED
    assert lost.error == (
        "The server stopped while this import ran; nothing was saved. Start it again."
    )
    assert running.status == ImportStatus.IMPORTING
    assert [call.args[0] for call in queued.call_args_list] == [(waiting.pk, "commit")]


def test_a_saved_edit_is_never_an_error_when_queueing_fails(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    with (
        publishing_to(DEAD_REDIS),
        mock.patch.object(
            refresh_city_reports, "apply_async", side_effect=RuntimeError("result store gone")
        ) as refused,
        django_capture_on_commit_callbacks(execute=True),
    ):
        engagement = engagement_create(
            city=los_angeles,
            author=editor,
            kind=EngagementKind.MEETING,
            title="Climate roundtable",
            start_date=MAY_20,
        )

    assert refused.called
    assert Engagement.objects.filter(pk=engagement.pk).exists()
    assert len(pending(los_angeles)) == 3
