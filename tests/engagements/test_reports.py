"""Stored reports: idempotent, atomic, refreshed after commit with bursts collapsed."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from engagements.choices import (
    EngagementKind,
    EngagementStatus,
    FollowUpStatus,
    PeriodKind,
    ReportJobState,
)
from engagements.models import CityReport
from engagements.models.reports import ReportJob, ReportRefresh
from engagements.periods import dashboard_period
from engagements.reporting.compute import refreshed_figures, report_build
from engagements.reporting.read import cross_city_report
from engagements.reporting.refresh import report_refresh_record
from engagements.services import (
    engagement_create,
    engagement_delete,
    engagement_update,
    follow_up_complete,
    report_job_create,
)
from engagements.tasks import (
    build_city_report,
    rebuild_all_reports,
    refresh_city_reports,
    report_refresh_enqueue,
    report_refresh_sweep,
)
from tests.factories import EngagementFactory, FollowUpFactory, PartnerFactory

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 1)


def stored(city, kind, start):
    return CityReport.objects.get(city=city, period_kind=kind, period_start=start)


def test_building_a_report_twice_leaves_one_row_with_the_same_figures(los_angeles):
    EngagementFactory.create_batch(
        2, city=los_angeles, start_date=datetime.date(2026, 3, 4), investment_usd=Decimal("10.5")
    )

    first = build_city_report(los_angeles.pk, PeriodKind.MONTH, "2026-03-04")
    figures = stored(los_angeles, PeriodKind.MONTH, MARCH).figures
    second = build_city_report(los_angeles.pk, PeriodKind.MONTH, "2026-03-20")

    assert first == second
    assert CityReport.objects.filter(city=los_angeles).count() == 1
    report = stored(los_angeles, PeriodKind.MONTH, MARCH)
    assert report.figures == figures
    assert report.figures["engagements"] == 2
    assert Decimal(report.figures["investment_usd"]) == Decimal("21.00")


def test_a_job_failing_half_way_leaves_the_previous_report_in_place(los_angeles):
    EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 4))
    report_build(city=los_angeles, period_kind=PeriodKind.MONTH, day=MARCH)
    EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 5))

    with (
        mock.patch(
            "engagements.reporting.compute._commitment_figures", side_effect=DatabaseError("killed")
        ),
        pytest.raises(DatabaseError),
    ):
        report_build(city=los_angeles, period_kind=PeriodKind.MONTH, day=MARCH)

    assert stored(los_angeles, PeriodKind.MONTH, MARCH).figures["engagements"] == 1


def test_report_counts_only_its_own_city_and_period(los_angeles, seattle):
    EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 31))
    EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 4, 1))
    EngagementFactory(city=seattle, start_date=datetime.date(2026, 3, 10))

    report = report_build(city=los_angeles, period_kind=PeriodKind.MONTH, day=MARCH)

    assert report.figures["engagements"] == 1


def test_delegations_agreements_and_overdue_follow_ups_are_counted(los_angeles):
    japan = PartnerFactory(city=los_angeles, country="JP", name="Consulate of Japan")
    EngagementFactory(city=los_angeles, kind=EngagementKind.INBOUND_DELEGATION, partners=[japan])
    EngagementFactory(city=los_angeles, kind=EngagementKind.OUTBOUND_MISSION)
    EngagementFactory(city=los_angeles, kind=EngagementKind.AGREEMENT)
    cancelled = EngagementFactory(
        city=los_angeles, kind=EngagementKind.AGREEMENT, status=EngagementStatus.CANCELLED
    )
    FollowUpFactory(engagement=cancelled, due_date=datetime.date(2026, 3, 1))
    FollowUpFactory(engagement=cancelled, due_date=datetime.date(2026, 9, 1))

    report = report_build(
        city=los_angeles,
        period_kind=PeriodKind.YEAR,
        day=MARCH,
        today=datetime.date(2026, 6, 1),
    )

    figures = report.figures
    assert figures["engagements"] == 3
    assert figures["cancelled"] == 1
    assert figures["inbound_delegations"] == 1
    assert figures["outbound_delegations"] == 1
    assert figures["agreements_signed"] == 1
    assert figures["by_country"] == {"JP": 1}
    assert figures["partner_countries"] == 1
    assert (figures["follow_ups_open"], figures["follow_ups_overdue"]) == (2, 1)


def test_saving_an_engagement_refreshes_its_month_quarter_and_year_after_commit(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        engagement_create(
            city=los_angeles,
            author=editor,
            kind=EngagementKind.MEETING,
            title="Meeting with the Consul General of Korea",
            start_date=datetime.date(2026, 5, 20),
        )
    assert not CityReport.objects.exists(), "nothing is built before the commit"

    for callback in callbacks:
        callback()

    periods = set(CityReport.objects.values_list("period_kind", "period_start"))
    assert periods == {
        (PeriodKind.MONTH, datetime.date(2026, 5, 1)),
        (PeriodKind.QUARTER, datetime.date(2026, 4, 1)),
        (PeriodKind.YEAR, datetime.date(2026, 1, 1)),
    }
    assert not ReportRefresh.objects.exists(), "the jobs claimed their pending refreshes"


def test_moving_and_deleting_an_engagement_refresh_the_old_and_new_periods(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement = engagement_create(
            city=los_angeles,
            author=editor,
            kind=EngagementKind.MEETING,
            title="Climate roundtable",
            start_date=datetime.date(2026, 5, 20),
        )
    with django_capture_on_commit_callbacks(execute=True):
        engagement_update(
            engagement=engagement, editor=editor, start_date=datetime.date(2026, 7, 2)
        )

    assert (
        stored(los_angeles, PeriodKind.MONTH, datetime.date(2026, 5, 1)).figures["engagements"] == 0
    )
    assert (
        stored(los_angeles, PeriodKind.MONTH, datetime.date(2026, 7, 1)).figures["engagements"] == 1
    )

    with django_capture_on_commit_callbacks(execute=True):
        engagement_delete(engagement=engagement, editor=editor)

    assert (
        stored(los_angeles, PeriodKind.YEAR, datetime.date(2026, 1, 1)).figures["engagements"] == 0
    )


def test_completing_a_follow_up_refreshes_the_open_follow_ups(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    follow_up = FollowUpFactory(
        engagement=EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 3))
    )
    report_build(city=los_angeles, period_kind=PeriodKind.MONTH, day=MARCH)

    with django_capture_on_commit_callbacks(execute=True):
        follow_up_complete(follow_up=follow_up, editor=editor)

    assert follow_up.status == FollowUpStatus.DONE
    assert stored(los_angeles, PeriodKind.MONTH, MARCH).figures["follow_ups_open"] == 0


def _record(city, periods):
    """What an edit's transaction does: record the refreshes it needs."""
    with transaction.atomic():
        report_refresh_record(city_id=city.pk, periods=periods)


def test_a_burst_of_saves_queues_one_job_for_the_periods_it_touched(los_angeles):
    periods = [(PeriodKind.MONTH, MARCH), (PeriodKind.YEAR, datetime.date(2026, 1, 1))]

    with mock.patch.object(refresh_city_reports, "apply_async") as apply_async:
        for _ in range(5):
            _record(los_angeles, periods)
            report_refresh_enqueue(city_id=los_angeles.pk, periods=periods)

    assert apply_async.call_count == 1
    assert apply_async.call_args.args[0] == (
        los_angeles.pk,
        [[PeriodKind.YEAR, "2026-01-01"], [PeriodKind.MONTH, "2026-03-01"]],
    )
    assert ReportRefresh.objects.count() == 2


def test_an_edit_moved_across_new_year_queues_a_job_per_year(los_angeles):
    periods = [(PeriodKind.MONTH, datetime.date(2025, 12, 1)), (PeriodKind.MONTH, MARCH)]

    with mock.patch.object(refresh_city_reports, "apply_async") as apply_async:
        _record(los_angeles, periods)
        assert report_refresh_enqueue(city_id=los_angeles.pk, periods=periods) == 2

    assert [call.args[0] for call in apply_async.call_args_list] == [
        (los_angeles.pk, [[PeriodKind.MONTH, "2025-12-01"]]),
        (los_angeles.pk, [[PeriodKind.MONTH, "2026-03-01"]]),
    ]


def test_a_started_job_lets_the_next_save_queue_again(los_angeles):
    periods = [(PeriodKind.MONTH, MARCH)]
    with mock.patch.object(refresh_city_reports, "apply_async") as apply_async:
        _record(los_angeles, periods)
        report_refresh_enqueue(city_id=los_angeles.pk, periods=periods)
        refresh_city_reports(los_angeles.pk, [[PeriodKind.MONTH, MARCH.isoformat()]])
        _record(los_angeles, periods)
        report_refresh_enqueue(city_id=los_angeles.pk, periods=periods)

    assert apply_async.call_count == 2


def test_an_edit_while_the_job_computes_keeps_its_refresh_pending(los_angeles):
    periods = [(PeriodKind.MONTH, MARCH), (PeriodKind.YEAR, datetime.date(2026, 1, 1))]
    _record(los_angeles, periods)
    real_figures = refreshed_figures

    def compute_while_someone_saves(**kwargs):
        _record(los_angeles, periods[:1])  # committed after the job read the pending versions
        return real_figures(**kwargs)

    with mock.patch("engagements.reporting.compute.refreshed_figures", compute_while_someone_saves):
        assert (
            refresh_city_reports(los_angeles.pk, [[kind, day.isoformat()] for kind, day in periods])
            == 2
        )

    still_due = ReportRefresh.objects.filter(city=los_angeles)
    assert list(still_due.values_list("period_kind", flat=True)) == [PeriodKind.MONTH]


def test_a_job_whose_refreshes_another_job_did_writes_nothing(los_angeles):
    EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 4))

    assert refresh_city_reports(los_angeles.pk, [[PeriodKind.MONTH, MARCH.isoformat()]]) == 0
    assert not CityReport.objects.filter(city=los_angeles).exists()


def test_one_refresh_job_stores_the_figures_a_full_build_would(los_angeles):
    partner = PartnerFactory(city=los_angeles, country="JP")
    for day in (datetime.date(2026, 1, 20), MARCH, datetime.date(2026, 5, 2)):
        EngagementFactory(city=los_angeles, start_date=day, partners=[partner])
    rebuild_all_reports()
    # A second March engagement, stored by a door that records the refresh itself.
    EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 9), partners=[partner])
    periods = [
        (PeriodKind.MONTH, MARCH),
        (PeriodKind.QUARTER, datetime.date(2026, 1, 1)),
        (PeriodKind.YEAR, datetime.date(2026, 1, 1)),
    ]
    _record(los_angeles, periods)

    assert refresh_city_reports(los_angeles.pk, [[k, d.isoformat()] for k, d in periods]) == 3

    refreshed = {period: stored(los_angeles, *period).figures for period in periods}
    rebuild_all_reports()
    for period in periods:
        assert refreshed[period] == stored(los_angeles, *period).figures, period
    assert refreshed[PeriodKind.MONTH, MARCH]["engagements"] == 2
    assert refreshed[PeriodKind.YEAR, datetime.date(2026, 1, 1)]["engagements"] == 4


def test_a_refresh_lost_by_the_broker_is_queued_again_by_the_sweeper(los_angeles, settings):
    periods = [(PeriodKind.MONTH, MARCH)]
    with mock.patch.object(refresh_city_reports, "apply_async") as apply_async:
        _record(los_angeles, periods)
        report_refresh_enqueue(city_id=los_angeles.pk, periods=periods)
        assert report_refresh_sweep() == 0, "queued a moment ago: not lost yet"
        ReportRefresh.objects.update(
            requested_at=timezone.now() - datetime.timedelta(minutes=2),
            queued_at=timezone.now() - datetime.timedelta(minutes=2),
        )
        assert report_refresh_sweep() == 1
        assert report_refresh_sweep() == 0, "queued again a moment ago"

    assert apply_async.call_count == 2
    assert apply_async.call_args.args[0] == (los_angeles.pk, [[PeriodKind.MONTH, "2026-03-01"]])


def test_refresh_now_job_rebuilds_the_dashboard_reports_and_records_progress(
    los_angeles, viewer, django_capture_on_commit_callbacks
):
    EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 4))
    period = dashboard_period("this-year", datetime.date(2026, 6, 15))

    with django_capture_on_commit_callbacks(execute=True):
        job = report_job_create(city=los_angeles, user=viewer, period=period)

    job.refresh_from_db()
    assert job.state == ReportJobState.DONE
    assert job.done == job.total == ReportJob.objects.get().total
    assert job.total == 2 + 24  # this year, last year and the 24 months of the chart
    assert (
        stored(los_angeles, PeriodKind.YEAR, datetime.date(2026, 1, 1)).figures["engagements"] == 1
    )


def test_nightly_job_rebuilds_every_city(los_angeles, seattle):
    EngagementFactory(city=seattle, start_date=datetime.date(2019, 5, 5))

    assert rebuild_all_reports() == 2

    may_2019 = stored(seattle, PeriodKind.MONTH, datetime.date(2019, 5, 1))
    assert may_2019.figures["engagements"] == 1
    assert CityReport.objects.filter(city=los_angeles, period_kind=PeriodKind.YEAR).exists()


def test_nightly_rebuild_is_on_the_beat_schedule():
    from diplomacy.celery import app

    entry = app.conf.beat_schedule["rebuild-all-reports-nightly"]
    assert entry["task"] == rebuild_all_reports.name


def test_cross_city_report_puts_every_city_side_by_side(los_angeles, seattle):
    EngagementFactory.create_batch(2, city=los_angeles, start_date=datetime.date(2026, 2, 2))
    EngagementFactory(city=seattle, start_date=datetime.date(2026, 2, 2))
    for city in (los_angeles, seattle):
        report_build(city=city, period_kind=PeriodKind.YEAR, day=MARCH)

    rows = cross_city_report(period=dashboard_period("this-year", datetime.date(2026, 6, 1)))

    assert [(city.slug, figures["engagements"]) for city, figures, _ in rows] == [
        ("los-angeles", 2),
        ("seattle", 1),
    ]


@pytest.mark.parametrize("day", [datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)])
def test_reports_of_engagements_at_the_ends_of_the_calendar_are_built(
    los_angeles, editor, django_capture_on_commit_callbacks, day
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement_create(
            city=los_angeles,
            author=editor,
            kind=EngagementKind.MEETING,
            title="A date typed wrong",
            start_date=day,
        )

    year = stored(los_angeles, PeriodKind.YEAR, day.replace(month=1, day=1))
    assert year.figures["engagements"] == 1
