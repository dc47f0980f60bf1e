"""Reports are built by sets: a rebuild costs the same queries for one city or many.

The nightly rebuild of every city, the "Refresh now" job and the refresh after
an edit each run a fixed handful of GROUP BY queries, whatever the number of
cities, periods and engagements; and they store the very figures a report
built on its own has.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagements.choices import EngagementKind, EngagementStatus, FollowUpStatus, PeriodKind
from engagements.models import CityReport, Delegation, ReportRefresh
from engagements.reporting.compute import (
    periods_figures,
    rebuild_periods,
    report_build,
    reports_rebuild,
)
from engagements.reporting.refresh import (
    report_refresh_covered,
    report_refresh_pending,
    report_refresh_record,
)
from engagements.services import engagement_update
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    EngagementFactory,
    FollowUpFactory,
    ParticipatingCityFactory,
    PartnerFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def a_busy_city(city, years=(2019, 2023, 2026)):
    """A city with partners in a tied city, visits, follow-ups and a commitment."""
    nagoya = CityFactory(name=f"Nagoya of {city.slug}", country="JP")
    SisterCityTieFactory(city=city, partner_city=nagoya, established_on=datetime.date(2018, 1, 1))
    consulate = PartnerFactory(city=city, country="JP", partner_city=nagoya)
    chamber = PartnerFactory(city=city, country="FR")
    for year in years:
        visit = EngagementFactory(
            city=city,
            kind=EngagementKind.INBOUND_DELEGATION,
            start_date=datetime.date(year, 3, 4),
            partners=[consulate, chamber],
        )
        Delegation.objects.create(engagement=visit, direction="inbound")
        FollowUpFactory(engagement=visit, status=FollowUpStatus.OPEN)
        EngagementFactory(
            city=city,
            kind=EngagementKind.AGREEMENT,
            status=EngagementStatus.CANCELLED,
            start_date=datetime.date(year, 11, 30),
        )
    ProgressEntryFactory(commitment=CommitmentFactory(city=city), value=90)


def statements_of(action) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        action()
    # Savepoints come and go with the test's transactions; the work is the rest.
    return [query["sql"] for query in captured.captured_queries if "SAVEPOINT" not in query["sql"]]


def queries_of(action) -> int:
    return len(statements_of(action))


def reads(statements):
    return [sql for sql in statements if not sql.startswith("INSERT")]


def test_the_nightly_rebuild_of_many_cities_takes_the_queries_of_one(los_angeles, seattle):
    portland = ParticipatingCityFactory(city=CityFactory(name="Portland"), slug="portland")
    for city in (los_angeles, seattle, portland):
        a_busy_city(city)

    one_city = statements_of(lambda: reports_rebuild(city_ids=[los_angeles.pk], today=TODAY))
    three_cities = statements_of(
        lambda: reports_rebuild(city_ids=[los_angeles.pk, seattle.pk, portland.pk], today=TODAY)
    )

    assert len(reads(three_cities)) == len(reads(one_city)) <= 13
    # Writing is one upsert per batch of reports (SQLite caps a statement's parameters).
    written = CityReport.objects.count()
    assert len(three_cities) - len(reads(three_cities)) <= written // 100 + 1
    assert CityReport.objects.filter(city=portland).count() == len(
        rebuild_periods([portland.pk], TODAY)[portland.pk]
    )


def test_the_rebuild_stores_the_figures_of_each_report_built_alone(los_angeles, seattle):
    for city in (los_angeles, seattle):
        a_busy_city(city)
    reports_rebuild(today=TODAY)
    together = {
        (report.city_id, report.period_kind, report.period_start): report.figures
        for report in CityReport.objects.all()
    }

    for (city_id, kind, start), figures in together.items():
        city = los_angeles if city_id == los_angeles.pk else seattle
        alone = report_build(city=city, period_kind=kind, day=start, today=TODAY).figures
        assert alone == figures, (city.slug, kind, start)
    march_2023 = together[los_angeles.pk, PeriodKind.MONTH, datetime.date(2023, 3, 1)]
    assert (march_2023["engagements"], march_2023["partners"], march_2023["ties_active"]) == (
        1,
        2,
        1,
    )


def test_a_year_reads_its_distinct_partners_once_however_many_months_saw_them(los_angeles):
    consulate = PartnerFactory(city=los_angeles, country="JP")
    for month in (1, 5, 9):
        EngagementFactory(
            city=los_angeles, start_date=datetime.date(2025, month, 2), partners=[consulate]
        )

    figures = periods_figures(
        {los_angeles.pk: [(PeriodKind.YEAR, datetime.date(2025, 1, 1))]}, TODAY
    )[los_angeles.pk, PeriodKind.YEAR, datetime.date(2025, 1, 1)]

    assert (figures["engagements"], figures["partners"], figures["partner_countries"]) == (3, 1, 1)
    assert figures["by_country"] == {"JP": 3}


def test_the_refresh_after_an_edit_takes_a_few_queries_however_big_the_city(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    def refresh_after_moving_a_visit(to_day):
        engagement = EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 2, 2))
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            engagement_update(engagement=engagement, editor=editor, start_date=to_day)
        return queries_of(lambda: [callback() for callback in callbacks])

    a_busy_city(los_angeles, years=(2019,))
    small = refresh_after_moving_a_visit(datetime.date(2025, 7, 1))
    for year in range(2015, 2027):
        EngagementFactory.create_batch(5, city=los_angeles, start_date=datetime.date(year, 7, 1))
    big = refresh_after_moving_a_visit(datetime.date(2024, 8, 1))

    assert big == small, "the same queries for a city ten times as busy"
    # The old and the new month, quarter and year: six small jobs of ~16 queries.
    assert small <= 6 * 17


def test_a_refreshed_year_reads_its_stored_months_instead_of_its_engagements(los_angeles):
    a_busy_city(los_angeles, years=(2025,))
    reports_rebuild(city_ids=[los_angeles.pk], today=TODAY)
    # A month's stored figures are what the year adds up: the year does not
    # scan its engagements again.
    march = CityReport.objects.get(
        city=los_angeles, period_kind=PeriodKind.MONTH, period_start=datetime.date(2025, 3, 1)
    )
    march.figures["jobs_announced"] += 7
    march.save()

    year = report_build(
        city=los_angeles, period_kind=PeriodKind.YEAR, day=datetime.date(2025, 5, 5), today=TODAY
    )

    scanned = periods_figures(
        {los_angeles.pk: [(PeriodKind.YEAR, datetime.date(2025, 1, 1))]}, TODAY
    )
    assert year.figures["jobs_announced"] == (
        scanned[los_angeles.pk, PeriodKind.YEAR, datetime.date(2025, 1, 1)]["jobs_announced"] + 7
    )


def test_a_month_whose_refresh_is_pending_is_counted_afresh_for_its_quarter(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    a_busy_city(los_angeles, years=(2025,))
    reports_rebuild(city_ids=[los_angeles.pk], today=TODAY)
    visit = EngagementFactory(city=los_angeles, start_date=datetime.date(2024, 12, 5))
    with django_capture_on_commit_callbacks(execute=False):
        # Moved into March 2025; the month's job has not run yet.
        engagement_update(engagement=visit, editor=editor, start_date=datetime.date(2025, 3, 9))

    quarter = report_build(
        city=los_angeles,
        period_kind=PeriodKind.QUARTER,
        day=datetime.date(2025, 1, 1),
        today=TODAY,
    )

    scanned = periods_figures(
        {los_angeles.pk: [(PeriodKind.QUARTER, datetime.date(2025, 1, 1))]}, TODAY
    )[los_angeles.pk, PeriodKind.QUARTER, datetime.date(2025, 1, 1)]
    assert quarter.figures == scanned
    assert quarter.figures["engagements"] == 2


def test_a_year_counts_overdue_follow_ups_as_of_today_not_as_of_its_months(los_angeles):
    visit = EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 2, 2))
    FollowUpFactory(
        engagement=visit, status=FollowUpStatus.OPEN, due_date=datetime.date(2026, 3, 1)
    )
    # February was stored before the follow-up fell due.
    report_build(
        city=los_angeles,
        period_kind=PeriodKind.MONTH,
        day=datetime.date(2026, 2, 1),
        today=datetime.date(2026, 2, 10),
    )

    year = report_build(
        city=los_angeles, period_kind=PeriodKind.YEAR, day=datetime.date(2026, 1, 1), today=TODAY
    )

    assert (year.figures["follow_ups_open"], year.figures["follow_ups_overdue"]) == (1, 1)


def test_a_full_rebuild_clears_the_refreshes_it_covered_and_keeps_later_ones(los_angeles):
    march = (PeriodKind.MONTH, datetime.date(2026, 3, 1))
    april = (PeriodKind.MONTH, datetime.date(2026, 4, 1))
    report_refresh_record(city_id=los_angeles.pk, periods=[march, april])

    pending = report_refresh_pending(city_ids=[los_angeles.pk])
    # An edit of April commits while the rebuild computes: its refresh must stay.
    report_refresh_record(city_id=los_angeles.pk, periods=[april])
    report_refresh_covered(pending)

    left = ReportRefresh.objects.filter(city=los_angeles)
    assert sorted(left.values_list("period_kind", "period_start")) == [april]

    reports_rebuild(city_ids=[los_angeles.pk], today=TODAY)
    assert not ReportRefresh.objects.filter(city=los_angeles).exists()
