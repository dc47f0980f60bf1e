"""A real Celery worker, on Redis and PostgreSQL, builds a report the dashboard can read."""

import datetime

import pytest

from engagements.choices import PeriodKind
from engagements.models import CityReport
from engagements.services import engagement_create
from engagements.tasks import build_city_report
from tests.conftest import wait_for
from tests.factories import EngagementFactory

pytestmark = pytest.mark.services


def test_real_worker_builds_a_city_report_into_the_database(celery_worker_process, los_angeles):
    EngagementFactory.create_batch(3, city=los_angeles, start_date=datetime.date(2026, 2, 3))

    result = build_city_report.delay(los_angeles.pk, PeriodKind.MONTH, "2026-02-01")

    assert result.get(timeout=60) > 0
    report = CityReport.objects.get(city=los_angeles, period_kind=PeriodKind.MONTH)
    assert report.period_start == datetime.date(2026, 2, 1)
    assert report.figures["engagements"] == 3


def test_saving_an_engagement_has_the_worker_refresh_its_reports(
    celery_worker_process, los_angeles, editor
):
    engagement_create(
        city=los_angeles,
        author=editor,
        kind="meeting",
        title="Meeting with the Consul General of Japan",
        start_date=datetime.date(2026, 5, 20),
        status="completed",
    )

    yearly = wait_for(
        lambda: CityReport.objects.filter(
            city=los_angeles, period_kind=PeriodKind.YEAR, period_start=datetime.date(2026, 1, 1)
        ).first()
    )
    assert yearly is not None, "the worker never wrote the yearly report"
    assert yearly.figures["engagements"] == 1
