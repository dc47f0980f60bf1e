"""The benchmark (make bench) at a small size: a smoke test that every measurement
runs and every page answers, not a judgement of speed (docs/performance.md)."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from engagements.models import Engagement
from tests.conftest import require_service


@pytest.mark.django_db(transaction=True)
def test_a_small_benchmark_measures_every_page_behind_gunicorn():
    if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis"):
        require_service("the benchmark needs PostgreSQL and Redis (production settings)")
    out = io.StringIO()

    call_command(
        "benchmark",
        engagements=3000,
        cities=3,
        years=2,
        partners=300,
        requests=1,
        seconds=0.2,
        concurrency=2,
        import_rows=20,
        export_rows=1000,
        export_stream_max=500,  # the 1,000-row export goes through a job, as 500,000 would
        stdout=out,
    )

    table = out.getvalue()
    for line in (
        "| floor: one engagement by primary key |",
        "| engagement detail page |",
        "| list searching a common word |",
        "| one-city dashboard |",
        "| API engagement list |",
        "| Django admin changelist, same data |",
        "| full rebuild_reports |",
        "| refresh after one edit",
        "| import of 20 rows",
    ):
        assert line in table
    assert "(answered" not in table, table  # every page answered 200
    assert "whole, job (HTTP 200)" in table, table
    # The rows its import added are gone: the next run measures the same installation.
    assert Engagement.objects.count() == 3000
    assert not Engagement.history.exists()
