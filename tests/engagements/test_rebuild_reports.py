"""``manage.py rebuild_reports`` rebuilds reports by hand and shows its progress."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from engagements.choices import PeriodKind
from engagements.models import CityReport
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def test_rebuild_reports_for_one_city_shows_progress_and_is_idempotent(los_angeles, seattle):
    EngagementFactory.create_batch(3, city=los_angeles, start_date=datetime.date(2026, 2, 3))
    out, err = StringIO(), StringIO()

    call_command("rebuild_reports", city="los-angeles", stdout=out, stderr=err)
    first = dict(CityReport.objects.values_list("pk", "figures"))
    call_command("rebuild_reports", city="los-angeles", stdout=StringIO(), stderr=StringIO())

    assert "Rebuilt" in out.getvalue()
    assert "100%" in err.getvalue(), "the progress bar reaches the end"
    assert dict(CityReport.objects.values_list("pk", "figures")) == first
    assert not CityReport.objects.filter(city=seattle).exists()
    february = CityReport.objects.get(
        city=los_angeles, period_kind=PeriodKind.MONTH, period_start=datetime.date(2026, 2, 1)
    )
    assert february.figures["engagements"] == 3


def test_rebuild_reports_for_every_city(los_angeles, seattle):
    call_command("rebuild_reports", "--no-progress", stdout=StringIO())

    assert set(CityReport.objects.values_list("city__slug", flat=True)) == {
        "los-angeles",
        "seattle",
    }


def test_rebuild_reports_names_an_unknown_city():
    with pytest.raises(CommandError, match="atlantis"):
        call_command("rebuild_reports", city="atlantis")
