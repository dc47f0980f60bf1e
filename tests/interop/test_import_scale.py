"""A large import costs what a small one does: the file's rows are checked one
by one in Python and written together, so the number of queries does not grow
with the rows, and every engagement still gets its history."""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import Partner
from engagements.choices import ImportStatus
from engagements.imports.jobs import import_job_commit, import_job_create, import_job_preview
from engagements.models import Engagement, ImportJob, Topic
from engagements.services import engagement_create
from tests.interop.test_imports import HEADERS, confirm, csv_file, upload


def meetings(count: int, prefix: str) -> list[list[str]]:
    """``count`` meetings, each with a partner the city does not know yet."""
    return [
        [f"{prefix}-{i}", f"Meeting {prefix} {i}", "meeting", "completed", "2026-03-10", "",
         f"Partner {prefix} {i}", "JP", "business", "trade"]
        for i in range(count)
    ]  # fmt: skip


def import_file(city, user, rows):
    """Preview then import ``rows``; the queries each phase ran."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADERS, *rows])
    job = import_job_create(
        city=city,
        user=user,
        kind="engagements",
        filename="meetings.csv",
        file_format="csv",
        data=buffer.getvalue().encode(),
        total_rows=len(rows),
    )
    with CaptureQueriesContext(connection) as preview:
        import_job_preview(job=job)
    with CaptureQueriesContext(connection) as commit:
        import_job_commit(job=job)
    assert job.status == ImportStatus.DONE, job.rows[:3]
    return len(preview), len(commit)


def test_a_hundred_rows_cost_the_queries_of_ten(editor, los_angeles):
    ten = import_file(los_angeles, editor, meetings(10, "small"))
    hundred = import_file(los_angeles, editor, meetings(100, "large"))

    preview, commit = 0, 1
    assert hundred[preview] == ten[preview]
    # The writes go in batches (SQLite caps the values one INSERT may carry),
    # never one per row: 90 more rows cost fewer than 9 more queries.
    assert hundred[commit] - ten[commit] < 9
    assert Engagement.objects.filter(city=los_angeles).count() == 110
    assert Partner.objects.filter(city=los_angeles).count() == 110


def test_every_imported_engagement_and_partner_has_its_history(editor, los_angeles):
    import_file(los_angeles, editor, meetings(3, "m"))

    for engagement in Engagement.objects.filter(city=los_angeles):
        (created,) = engagement.history.all()
        assert (created.history_type, created.history_user) == ("+", editor)
        assert created.title == engagement.title
        # The history entry holds the links the engagement was created with.
        assert [link.partner for link in created.partners.all()] == list(engagement.partners.all())
        assert [link.topic.code for link in created.topics.all()] == ["trade"]
    for partner in Partner.objects.filter(city=los_angeles):
        assert [(h.history_type, h.history_user) for h in partner.history.all()] == [("+", editor)]


def test_a_row_repeating_an_earlier_rows_key_updates_what_it_created(editor_client, los_angeles):
    first = ["k-1", "Trade mission", "outbound_mission", "planned", "2026-05-02", "", "", "", "",
             ""]  # fmt: skip
    again = [*first[:3], "confirmed", *first[4:6], "Port of Busan", "KR", "business", ""]

    job = upload(editor_client, csv_file([first, again]))

    assert [row["outcome"] for row in job.rows] == ["new", "updated"]
    assert not Engagement.objects.exists()
    job = confirm(editor_client, job)
    assert job.summary == {"new": 1, "updated": 1, "skipped": 0, "error": 0}
    mission = Engagement.objects.get()
    assert mission.status == "confirmed"
    assert [p.name for p in mission.partners.all()] == ["Port of Busan"]


def test_importing_a_file_again_reads_its_engagements_at_once(editor, los_angeles):
    small, large = meetings(10, "small"), meetings(100, "large")
    import_file(los_angeles, editor, small)
    import_file(los_angeles, editor, large)

    # Every row is unchanged, so skipped; telling so costs no query per row.
    assert import_file(los_angeles, editor, large) == import_file(los_angeles, editor, small)
    assert ImportJob.objects.latest("pk").summary == {
        "new": 0, "updated": 0, "skipped": 10, "error": 0
    }  # fmt: skip
    assert Engagement.objects.filter(city=los_angeles).count() == 110


def test_records_saved_one_by_one_after_an_import_get_ids_of_their_own(editor, los_angeles):
    # PostgreSQL's import draws its ids from the tables' sequences before it
    # copies the rows in: the next engagement, link and history entry saved
    # the usual way must not collide with them.
    import_file(los_angeles, editor, meetings(3, "m"))
    partner = Partner.objects.filter(city=los_angeles).first()

    engagement = engagement_create(
        city=los_angeles,
        author=editor,
        title="Follow-up call",
        kind="meeting",
        start_date=datetime.date(2026, 3, 11),
        partners=[partner],
        topics=list(Topic.objects.filter(code="trade")),
    )

    assert Engagement.objects.filter(city=los_angeles).count() == 4
    assert partner.engagements.count() == 2
    latest = engagement.history.first()
    assert [link.partner for link in latest.partners.all()] == [partner]
