"""An import is a door like any page: its writes refresh the reports (once per
period for the whole file), stay within the importing city, and are kept in
history under the name of the person who imported the file."""

import datetime
from unittest import mock

from django.test import Client

from cities.models import Partner
from engagements.choices import ImportStatus, PeriodKind
from engagements.models import CityReport, Engagement, ImportJob, ReportRefresh
from engagements.tasks import refresh_city_reports, report_refresh_enqueue
from tests.factories import PartnerFactory
from tests.interop.test_imports import CLEAN_ROWS, confirm, csv_file, upload


def month_figures(city, month: datetime.date) -> dict:
    return CityReport.objects.get(
        city=city, period_kind=PeriodKind.MONTH, period_start=month
    ).figures


def test_moving_a_visit_in_the_spreadsheet_refreshes_both_months_once_for_the_whole_file(
    editor_client, los_angeles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        confirm(editor_client, upload(editor_client, csv_file(CLEAN_ROWS)))
    assert month_figures(los_angeles, datetime.date(2026, 3, 1))["engagements"] == 1
    # The Nagoya visit (same import key) moves from March to July; the two other
    # rows change their status and stay in April and May.
    edited = [list(row) for row in CLEAN_ROWS]
    edited[0][4:6] = ["2026-07-10", "2026-07-12"]
    edited[1][3] = "confirmed"
    edited[2][3] = "confirmed"

    with (
        mock.patch(
            "engagements.tasks.report_refresh_enqueue", wraps=report_refresh_enqueue
        ) as enqueue,
        mock.patch.object(
            refresh_city_reports, "apply_async", wraps=refresh_city_reports.apply_async
        ) as builds,
        django_capture_on_commit_callbacks(execute=True),
    ):
        job = confirm(editor_client, upload(editor_client, csv_file(edited)))

    assert job.summary == {"new": 0, "updated": 3, "skipped": 0, "error": 0}
    touched = {
        (PeriodKind.MONTH, datetime.date(2026, 3, 1)),  # where the visit was
        (PeriodKind.MONTH, datetime.date(2026, 7, 1)),  # where it is now
        (PeriodKind.MONTH, datetime.date(2026, 4, 1)),
        (PeriodKind.MONTH, datetime.date(2026, 5, 1)),
        (PeriodKind.QUARTER, datetime.date(2026, 1, 1)),
        (PeriodKind.QUARTER, datetime.date(2026, 4, 1)),
        (PeriodKind.QUARTER, datetime.date(2026, 7, 1)),
        (PeriodKind.YEAR, datetime.date(2026, 1, 1)),
    }
    # The preview queued nothing; the commit queued the whole file's periods at once.
    assert enqueue.call_count == 1
    assert enqueue.call_args.kwargs["city_id"] == los_angeles.pk
    assert set(enqueue.call_args.kwargs["periods"]) == touched
    # One job rebuilding each period once, though all three rows fall in 2026 and two in Q2.
    [(city_id, periods)] = _args(builds)
    built = [(kind, datetime.date.fromisoformat(day)) for kind, day in periods]
    assert city_id == los_angeles.pk
    assert sorted(built) == sorted(touched)
    assert month_figures(los_angeles, datetime.date(2026, 3, 1))["engagements"] == 0
    assert month_figures(los_angeles, datetime.date(2026, 7, 1))["engagements"] == 1
    assert not ReportRefresh.objects.exists(), "every queued refresh was built"


def _args(apply_async_mock):
    return [call.args[0] for call in apply_async_mock.call_args_list]


def test_a_partner_known_only_to_another_city_is_never_linked(editor_client, los_angeles, seattle):
    seattles_sony = PartnerFactory(city=seattle, name="Sony", country="JP", kind="business")
    row = ["sony-1", "Sony studio tour", "meeting", "completed", "2026-02-03", "",
           "Sony", "JP", "", ""]  # fmt: skip

    # Without a partner_kind the row cannot make Los Angeles its own Sony, and
    # Seattle's is no stand-in: the row is an error and nothing is written.
    job = upload(editor_client, csv_file([row]))

    assert job.status == ImportStatus.INVALID
    assert "Sony (JP) is a new partner and needs a partner_kind" in " ".join(job.rows[0]["reasons"])
    editor_client.post(f"/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert not Engagement.objects.exists()
    assert list(Partner.objects.all()) == [seattles_sony]

    # With a partner_kind, Los Angeles gets a Sony of its own.
    row[8] = "business"
    job = upload(editor_client, csv_file([row]))
    assert job.rows[0]["new_partners"] == ["Sony (JP)"]
    job = confirm(editor_client, job)

    assert job.status == ImportStatus.DONE
    tour = Engagement.objects.get(title="Sony studio tour")
    (linked,) = tour.partners.all()
    assert linked.city == los_angeles and linked != seattles_sony
    assert not seattles_sony.engagements.exists()
    assert Partner.objects.for_city(seattle).get() == seattles_sony


def test_an_imports_writes_are_kept_in_history_under_the_importing_user(
    editor_client, editor, site_admin, los_angeles
):
    confirm(editor_client, upload(editor_client, csv_file(CLEAN_ROWS)))

    visit = Engagement.objects.get(title="Visit of the Mayor of Nagoya")
    assert {version.history_user for version in visit.history.all()} == {editor}
    assert (visit.owner, visit.created_by, visit.updated_by) == (editor, editor, editor)
    busan = Partner.objects.get(city=los_angeles, name="Port of Busan")
    assert {version.history_user for version in busan.history.all()} == {editor}

    # A site admin corrects the visit's status for Los Angeles with a second file.
    changed = [list(CLEAN_ROWS[0])]
    changed[0][3] = "completed"
    admin_client = Client()
    admin_client.force_login(site_admin)
    response = admin_client.post(
        "/import/",
        {"kind": "engagements", "city": los_angeles.pk, "file": csv_file(changed)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    job = confirm(admin_client, ImportJob.objects.latest("pk"))

    assert job.status == ImportStatus.DONE
    visit.refresh_from_db()
    assert visit.status == "completed"
    latest = visit.history.latest()
    assert (latest.history_type, latest.history_user) == ("~", site_admin)
    assert visit.updated_by == site_admin
    assert (visit.owner, visit.created_by) == (editor, editor)  # still the editor's visit
