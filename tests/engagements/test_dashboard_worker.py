"""With PostgreSQL, Redis and a real Celery worker: saving an engagement refreshes the
dashboard's figures, and "Refresh now" shows a job the worker runs to the end."""

import datetime

import pytest
from django.utils import timezone

from engagements.choices import PeriodKind
from engagements.models import CityReport
from engagements.services import engagement_create
from tests.conftest import wait_for

# Serialized rollback keeps the reference data (SDG goals, topics) for later tests.
pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_worker_refresh_after_saving_an_engagement_shows_on_the_dashboard(
    celery_worker_process, los_angeles, editor, client
):
    client.force_login(editor)
    today = timezone.localdate()
    assert client.get("/dashboard/").context["kpis"][0]["value"] == 0

    engagement_create(
        city=los_angeles,
        author=editor,
        kind="inbound_delegation",
        title="Delegation from the City of Guangzhou",
        start_date=today,
        status="confirmed",
    )

    year = datetime.date(today.year, 1, 1)
    report = wait_for(
        lambda: CityReport.objects.filter(
            city=los_angeles,
            period_kind=PeriodKind.YEAR,
            period_start=year,
            figures__engagements=1,
        ).first(),
        timeout=60,
    )
    assert report is not None, "the worker never refreshed this year's report"
    kpis = {kpi["name"]: kpi["value"] for kpi in client.get("/dashboard/").context["kpis"]}
    assert kpis["engagements"] == 1
    assert kpis["inbound_delegations"] == 1


def test_worker_runs_refresh_now_and_the_job_reports_done(
    celery_worker_process, los_angeles, viewer, client
):
    client.force_login(viewer)

    job = client.post(
        "/dashboard/refresh/", {"period": "last-12-months"}, HTTP_ACCEPT="application/json"
    ).json()

    final = wait_for(lambda: (p := client.get(job["url"]).json())["finished"] and p, timeout=60)
    assert final and final["state"] == "done"
    assert final["done"] == final["total"] == 24
