"""The mayor's-office dashboard reads stored reports, for the right city, in few queries."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache.backends.base import BaseCache
from django.urls import reverse
from django.utils import timezone

from engagements.choices import EngagementKind, EngagementStatus, PeriodKind, ReportJobState
from engagements.models import CityReport
from engagements.models.reports import ReportJob
from engagements.reporting.compute import report_build
from tests.factories import (
    EngagementFactory,
    FollowUpFactory,
    PartnerFactory,
    SisterCityTieFactory,
    sdg_target,
)

pytestmark = pytest.mark.django_db

URL = "/dashboard/"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def la_reports(los_angeles, today):
    """Two engagements this year, one last year, with partners, topics and a goal; reports built."""
    japan = PartnerFactory(city=los_angeles, country="JP", name="City of Nagoya")
    this_year = today.replace(month=1, day=15)
    first = EngagementFactory(
        city=los_angeles,
        kind=EngagementKind.INBOUND_DELEGATION,
        start_date=this_year,
        partners=[japan],
        title="Nagoya delegation",
    )
    first.sdg_targets.set([sdg_target("11.6")])
    EngagementFactory(city=los_angeles, kind=EngagementKind.AGREEMENT, start_date=this_year)
    EngagementFactory(city=los_angeles, start_date=this_year.replace(year=today.year - 1))
    for year in (today.year, today.year - 1):
        report_build(city=los_angeles, period_kind=PeriodKind.YEAR, day=datetime.date(year, 1, 1))
    for offset in range(24):
        month = datetime.date(today.year, today.month, 1)
        index = month.year * 12 + month.month - 1 - offset
        report_build(
            city=los_angeles,
            period_kind=PeriodKind.MONTH,
            day=datetime.date(index // 12, index % 12 + 1, 1),
        )
    return los_angeles


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_viewer_sees_their_citys_stored_figures_against_last_year(viewer_client, la_reports):
    response = viewer_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Los Angeles" in html
    kpis = {kpi["name"]: kpi for kpi in response.context["kpis"]}
    assert kpis["engagements"]["value"] == 2
    assert kpis["engagements"]["previous"] == 1
    assert kpis["engagements"]["change"] == 100
    assert kpis["inbound_delegations"]["value"] == 1
    assert kpis["agreements_signed"]["value"] == 1
    assert "▲ 100%" in html
    assert "Figures computed" in html


def test_dashboard_passes_chart_and_map_data_with_sdg_colours(viewer_client, la_reports):
    response = viewer_client.get(URL)

    html = response.content.decode()
    start = html.index('<script id="dashboard-data" type="application/json">')
    payload = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    data = json.loads(payload)
    assert data["countries"][0] == {
        "key": "JP",
        "label": "Japan",
        "numeric": "392",
        "count": 1,
    }
    assert data["map"] == {"392": 1}
    goal_11 = next(goal for goal in data["sdg"] if goal["key"] == "11")
    assert goal_11["count"] == 1
    assert goal_11["color"].upper() == "#FD9D24"
    assert len(data["monthly"]["labels"]) == 24
    assert data["atlas_url"].endswith("vendor/world-atlas/countries-110m.json")


def test_dashboard_counts_nothing_itself(viewer_client, los_angeles):
    EngagementFactory.create_batch(3, city=los_angeles, start_date=timezone.localdate())

    response = viewer_client.get(URL)

    assert "No report has been computed for this period yet" in response.content.decode()
    assert response.context["kpis"][0]["value"] == 0


def test_dashboard_runs_a_fixed_small_number_of_queries(
    viewer_client, la_reports, today, django_assert_max_num_queries
):
    for index in range(15):
        engagement = EngagementFactory(
            city=la_reports,
            kind=EngagementKind.INBOUND_DELEGATION,
            status=EngagementStatus.CONFIRMED,
            start_date=today + datetime.timedelta(days=index + 1),
        )
        FollowUpFactory(engagement=engagement, due_date=today - datetime.timedelta(days=index + 1))
    SisterCityTieFactory(city=la_reports)

    # session, user (with staff and city), which stored reports there are (no
    # figures), the open/overdue counts as of today (one aggregate), upcoming
    # delegations, overdue follow-ups (with engagement and owner), the latest
    # engagements and their partners; the first view also reads the reports'
    # figures and the SDG goals to render the report's part, which the next
    # views take from the cache
    with django_assert_max_num_queries(10):
        response = viewer_client.get(URL)
    with django_assert_max_num_queries(8):
        viewer_client.get(URL)

    assert len(response.context["upcoming"]) == 10
    assert len(response.context["overdue"]) == 10


def kpi_value(response, name):
    html = response.content.decode()
    return html.split(f'data-kpi="{name}">', 1)[1].split("<", 1)[0]


def test_a_rebuilt_report_shows_its_new_figures_at_once(viewer_client, la_reports, today):
    assert kpi_value(viewer_client.get(URL), "engagements") == "2"
    EngagementFactory(city=la_reports, start_date=today.replace(month=1, day=20))
    # Until the report is rebuilt the page shows the stored figures (from the cache).
    assert kpi_value(viewer_client.get(URL), "engagements") == "2"

    # What a refresh does: the month's report, then the year's from its months.
    for kind in (PeriodKind.MONTH, PeriodKind.YEAR):
        report_build(city=la_reports, period_kind=kind, day=today.replace(month=1, day=20))

    response = viewer_client.get(URL)
    assert kpi_value(response, "engagements") == "3"
    assert "▲ 200%" in response.content.decode()


def test_figures_as_of_today_are_never_taken_from_the_cache(viewer_client, la_reports, today):
    viewer_client.get(URL)
    FollowUpFactory(
        engagement=EngagementFactory(city=la_reports, title="Signing in Nagoya"),
        description="Send the signed copy",
        due_date=today - datetime.timedelta(days=2),
    )

    response = viewer_client.get(URL)

    assert kpi_value(response, "follow_ups_overdue") == "1"
    assert "Send the signed copy" in response.content.decode()


def test_each_language_gets_its_own_rendering(viewer_client, la_reports):
    assert "Show as table" in viewer_client.get(URL).content.decode()

    viewer_client.post(reverse("set_language"), {"language": "es", "next": URL})

    html = viewer_client.get(URL).content.decode()
    assert "Mostrar como tabla" in html
    assert "Show as table" not in html


class UnreachableCache(BaseCache):
    """A cache whose server does not answer, as production's Redis when it is down."""

    def __init__(self, location, params):
        super().__init__(params)

    def _unreachable(self, *args, **kwargs):
        raise ConnectionError("cache down")

    add = get = set = delete = touch = incr = clear = has_key = _unreachable


def test_dashboard_renders_without_the_cache_when_it_is_down(viewer_client, la_reports, settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.UnreachableCache"}}

    response = viewer_client.get(URL)

    assert response.status_code == 200
    assert kpi_value(response, "engagements") == "2"
    assert '<script id="dashboard-data" type="application/json">' in response.content.decode()


def test_last_12_months_combines_monthly_reports(viewer_client, la_reports):
    response = viewer_client.get(URL, {"period": "last-12-months"})

    assert response.context["period"].key == "last-12-months"
    kpis = {kpi["name"]: kpi for kpi in response.context["kpis"]}
    january = timezone.localdate().replace(month=1, day=15)
    expected = 2 if (timezone.localdate() - january).days < 330 else 0
    assert kpis["engagements"]["value"] == expected


def test_other_citys_editor_sees_only_their_city(other_client, la_reports):
    response = other_client.get(URL, {"city": "los-angeles"})

    assert response.context["city"].slug == "seattle"
    assert response.context["kpis"][0]["value"] == 0


def test_site_admin_gets_the_cross_city_report_and_can_pick_a_city(
    admin_client_, la_reports, seattle
):
    overview = admin_client_.get(URL)
    picked = admin_client_.get(URL, {"city": "los-angeles"})
    unknown = admin_client_.get(URL, {"city": "atlantis"})

    assert overview.status_code == 200
    assert [row["city"].slug for row in overview.context["rows"]] == ["los-angeles", "seattle"]
    assert overview.context["rows"][0]["cells"][0]["value"] == 2
    assert overview.context["totals"][0]["value"] == 2
    assert picked.context["city"].slug == "los-angeles"
    assert unknown.status_code == 404


def test_refresh_now_enqueues_a_job_and_reports_its_progress(
    viewer_client, los_angeles, django_capture_on_commit_callbacks
):
    EngagementFactory(city=los_angeles, start_date=timezone.localdate())

    with django_capture_on_commit_callbacks(execute=True):
        response = viewer_client.post(
            reverse("dashboard_refresh"),
            {"period": "this-year"},
            HTTP_ACCEPT="application/json",
        )

    assert response.status_code == 202
    job = response.json()
    progress = viewer_client.get(job["url"]).json()
    assert progress["state"] == ReportJobState.DONE
    assert progress["done"] == progress["total"] == 26
    page = viewer_client.get(URL)
    assert page.context["kpis"][0]["value"] == 1


def test_refresh_now_without_javascript_redirects_back_with_the_job(
    editor_client, los_angeles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("dashboard_refresh"), {"period": "last-year"})

    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response.url == f"{URL}?period=last-year&job={job.pk}"
    assert "reports rebuilt" in editor_client.get(response.url).content.decode()


def test_another_citys_refresh_job_is_not_found(other_client, los_angeles, viewer):
    job = ReportJob.objects.create(city=los_angeles, requested_by=viewer, total=1)

    assert other_client.get(reverse("dashboard_job", args=[job.pk])).status_code == 404


def test_refresh_needs_a_post(viewer_client, los_angeles):
    assert viewer_client.get(reverse("dashboard_refresh")).status_code == 405


def test_csv_export_lists_each_figure_against_last_year(viewer_client, la_reports):
    response = viewer_client.get(reverse("dashboard_csv"), {"period": "this-year"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["City", "Los Angeles"]
    engagements = next(row for row in rows if row and row[0] == "Engagements")
    assert engagements[1:] == ["2", "1", "100"]
    assert ["Japan", "1", "0"] in rows


def test_cross_city_csv_for_site_admins(admin_client_, la_reports, seattle):
    response = admin_client_.get(reverse("dashboard_csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["City", "Engagements"]
    assert [row[:2] for row in rows[1:]] == [["Los Angeles", "2"], ["Seattle", "0"]]


def test_pdf_export_is_a_printable_pdf(viewer_client, la_reports):
    response = viewer_client.get(reverse("dashboard_pdf"), {"period": "this-year"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000


def test_report_rows_are_never_written_by_reading_the_dashboard(viewer_client, la_reports):
    before = list(CityReport.objects.values_list("pk", "computed_at"))

    viewer_client.get(URL)

    assert list(CityReport.objects.values_list("pk", "computed_at")) == before


def test_user_without_a_city_is_told_to_ask_for_one(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="newcomer"))

    response = client.get(URL)

    assert response.status_code == 200
    assert "No city assigned" in response.content.decode()


def test_every_chart_and_the_map_show_the_same_numbers_as_a_table(viewer_client, la_reports):
    response = viewer_client.get(URL)

    html = response.content.decode()
    assert html.count("<summary>Show as table</summary>") == 5
    charts = response.context["charts"]
    # The map's table lists each partner country with its count.
    assert '<tr><th scope="row">Japan</th><td class="num">1</td></tr>' in html
    # The monthly table: the kinds drawn, a row per month, totals matching the bars.
    series, rows = response.context["monthly_series"], response.context["monthly_rows"]
    assert [s["key"] for s in series] == ["inbound_delegation", "meeting", "agreement"]
    assert [row["label"] for row in rows] == charts["monthly"]["labels"]
    assert [row["total"] for row in rows] == charts["monthly"]["totals"]
    assert sum(row["total"] for row in rows) == 3
    # SDG goal 11's orange is under 3:1 on white: its bar is outlined; goal 17's navy is not.
    outlines = {row["key"]: row["outline"] for row in charts["sdg"]}
    assert outlines["11"] and not outlines["17"]


def test_dashboard_counts_and_lists_only_its_own_citys_follow_ups(
    viewer_client, la_reports, seattle, today, editor
):
    from engagements.services import follow_up_create

    ours = EngagementFactory(city=la_reports, title="Ours")
    theirs = EngagementFactory(city=seattle, title="Theirs")
    overdue = today - datetime.timedelta(days=3)
    follow_up_create(engagement=ours, editor=editor, description="Call back", due_date=overdue)
    follow_up_create(engagement=ours, editor=editor, description="Later", due_date=today)
    FollowUpFactory(engagement=theirs, description="Seattle's letter", due_date=overdue)

    response = viewer_client.get(URL)

    assert response.context["figures"]["follow_ups_open"] == 2
    assert response.context["figures"]["follow_ups_overdue"] == 1
    assert [f.description for f in response.context["overdue"]] == ["Call back"]


def test_an_engagement_moved_to_another_city_takes_its_follow_ups_along(
    la_reports, seattle, today, editor, site_admin
):
    from engagements.models import FollowUp
    from engagements.services import engagement_update, follow_up_create

    engagement = EngagementFactory(city=la_reports, owner=None)
    follow_up_create(
        engagement=engagement,
        editor=editor,
        description="Send the minutes",
        due_date=today - datetime.timedelta(days=1),
    )

    engagement_update(engagement=engagement, editor=site_admin, city=seattle)

    assert FollowUp.objects.for_city(la_reports).standing(today) == {"open": 0, "overdue": 0}
    assert FollowUp.objects.for_city(seattle).standing(today) == {"open": 1, "overdue": 1}
