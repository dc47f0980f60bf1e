"""Outages cost no work and leave no wrong figure behind: real faults, real worker.

With PostgreSQL, a Redis of the test's own and a real Celery worker: the broker
stopped while an editor saves on the page and a client creates through the
API; the worker SIGKILLed half-way through a rebuild; the database cut for 15 s
while a refresh runs. Each ends by recounting the figures of every period the
edits touched against the stored reports (the oracle of test_reports_random).
"""

import datetime
import time
import uuid

import pytest
from django.db import connection, transaction
from django.utils import timezone

from engagements.choices import EngagementKind, EngagementStatus
from engagements.models import CityReport, Engagement, ReportRefresh
from engagements.periods import add_months, period_end, periods_containing
from engagements.services import engagement_create, report_refresh_batch
from engagements.tasks import report_refresh_sweep, task_publish
from tests.conftest import require_service, wait_for
from tests.engagements.faults import (
    DatabaseProxy,
    OwnRedis,
    Worker,
    database_url,
    new_queue,
    publishing_to,
)
from tests.engagements.test_reports_random import comparable, recompute

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The sweeper counts a refresh as lost this many seconds on (a minute in production).
RESEND_AFTER = "2"


class Faults:
    """The pieces a test breaks: our Redis, the workers on it, a proxy to the database."""

    def __init__(self):
        self.redis = OwnRedis()
        self.queue = new_queue()
        self.proxy = None
        self.workers = []

    def worker(self, *, through_proxy: bool = False) -> Worker:
        db_url = database_url(self.proxy.port if through_proxy else None)
        worker = Worker(
            self.redis.url, db_url, self.queue, REPORT_REFRESH_RESEND_AFTER=RESEND_AFTER
        )
        self.workers.append(worker)
        worker.start()
        return worker

    def database_proxy(self) -> DatabaseProxy:
        self.proxy = DatabaseProxy()
        self.proxy.start()
        return self.proxy

    def sweep(self) -> None:
        """What beat does every minute: send the sweeper to a worker."""
        task_publish(report_refresh_sweep, ())


@pytest.fixture
def faults(transactional_db):
    if connection.vendor != "postgresql":
        require_service("the fault tests need a real worker, so DATABASE_URL (PostgreSQL)")
    faults = Faults()
    faults.redis.start()
    try:
        with publishing_to(faults.redis.url, faults.queue):
            yield faults
    finally:
        for worker in faults.workers:
            worker.stop()
        if faults.proxy:
            faults.proxy.stop()
        faults.redis.stop()
        # The workers held connections to the test database; pytest-django drops it next.
        connection.close()


def touched(*days):
    return sorted({period for day in days for period in periods_containing(day)})


def assert_reports_match_a_recount(city, periods):
    today = timezone.localdate()
    for kind, start in periods:
        report = CityReport.objects.get(city=city, period_kind=kind, period_start=start)
        stored = comparable(report.figures)
        stored.pop("sister_cities_active")
        assert stored == recompute(city, start, period_end(kind, start), today), (kind, start)


def settled(faults, city, periods, *, sweep: bool) -> bool:
    """Every refresh done and every period stored (sending the sweeper, as beat would)."""
    if sweep:
        faults.sweep()
        time.sleep(1)
    stored = CityReport.objects.filter(city=city).values_list("period_kind", "period_start")
    return not ReportRefresh.objects.exists() and set(periods) <= set(stored)


def test_saves_during_a_broker_outage_answer_normally_and_their_reports_catch_up(
    faults, los_angeles, editor, client
):
    faults.worker()
    client.force_login(editor)
    faults.redis.stop()

    began = time.monotonic()
    page = client.post(
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
    api = client.post(
        "/api/v1/engagements/",
        {
            "kind": EngagementKind.INBOUND_DELEGATION,
            "title": "Delegation from the City of Busan",
            "start_date": "2026-08-19",
            "status": EngagementStatus.COMPLETED,
        },
        content_type="application/json",
    )
    answered_in = time.monotonic() - began

    assert page.status_code == 302, "the page saved and went on to the engagement"
    assert api.status_code == 201
    assert answered_in < 5, f"the saves waited {answered_in:.1f} s on the broker"
    assert Engagement.objects.filter(city=los_angeles).count() == 2
    periods = touched(datetime.date(2026, 5, 4), datetime.date(2026, 8, 19))
    recorded = set(ReportRefresh.objects.values_list("period_kind", "period_start"))
    assert recorded == set(periods), "every period the saves touched is pending"

    faults.redis.start()

    assert wait_for(lambda: settled(faults, los_angeles, periods, sweep=True), timeout=45)
    assert_reports_match_a_recount(los_angeles, periods)


def test_a_worker_killed_mid_rebuild_leaves_reports_that_end_correct(faults, los_angeles, editor):
    worker = faults.worker()
    # Twelve years: twelve refresh jobs (one per year), so the kill lands between them.
    days = [
        add_months(datetime.date(2014, 1, 1), month) + datetime.timedelta(days=9)
        for month in range(144)
    ]
    with transaction.atomic(), report_refresh_batch():
        for number, day in enumerate(days):
            engagement_create(
                city=los_angeles,
                author=editor,
                kind=EngagementKind.MEETING,
                title=f"Working meeting {number}",
                start_date=day,
                status=EngagementStatus.COMPLETED,
            )
    periods = touched(*days)

    assert wait_for(lambda: CityReport.objects.count() >= 3, timeout=30), worker.log()
    worker.kill()

    assert ReportRefresh.objects.exists(), "killed half-way, with refreshes still to do"
    faults.worker()
    assert wait_for(lambda: settled(faults, los_angeles, periods, sweep=True), timeout=45)
    assert_reports_match_a_recount(los_angeles, periods)


def test_a_refresh_outlasts_fifteen_seconds_without_the_database(faults, los_angeles, editor):
    proxy = faults.database_proxy()
    worker = faults.worker(through_proxy=True)

    engagement_create(
        city=los_angeles,
        author=editor,
        kind=EngagementKind.AGREEMENT,
        title="Memorandum of understanding with Nagoya",
        start_date=datetime.date(2026, 3, 12),
        status=EngagementStatus.COMPLETED,
    )
    proxy.cut()  # before the refresh's moment of grace ends: it runs without a database
    time.sleep(15)
    assert ReportRefresh.objects.exists(), "no refresh could finish without the database"
    proxy.start()

    periods = touched(datetime.date(2026, 3, 12))
    assert wait_for(lambda: settled(faults, los_angeles, periods, sweep=False), timeout=40), (
        worker.log()[-3000:]
    )
    assert "Retry in" in worker.log(), "the refresh ran into the outage and retried"
    assert_reports_match_a_recount(los_angeles, periods)
