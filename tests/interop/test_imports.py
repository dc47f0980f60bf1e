"""Spreadsheet imports: preview of every row, all-or-nothing commit, re-import
changes nothing, XLSX, and a large file through the Celery job."""

import csv
import io
import os
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cities.models import Partner
from engagements.choices import ImportStatus
from engagements.models import Engagement, ImportJob
from tests.factories import PartnerFactory

HEADERS = [
    "Import key",
    "Title",
    "Kind",
    "Status",
    "Start date",
    "End date",
    "Partner name",
    "Partner country",
    "Partner kind",
    "Topics",
]

CLEAN_ROWS = [
    ["ngo-1", "Visit of the Mayor of Nagoya", "inbound_delegation", "confirmed", "2026-03-10",
     "2026-03-12", "City of Nagoya", "JP", "city_government", "trade; climate"],
    ["ngo-2", "Port MOU signing", "Agreement or MOU signed", "completed", "2026-04-02", "",
     "City of Nagoya; Port of Busan", "Japan; KR", "; business", ""],
    ["", "Consular corps breakfast", "meeting", "", "2026-05-20", "", "", "", "", "other"],
]  # fmt: skip


def csv_file(rows, headers=HEADERS, name="engagements.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, headers=HEADERS, name="engagements.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, file, kind="engagements"):
    response = client.post("/import/", {"kind": kind, "file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def confirm(client, job):
    response = client.post(f"/import/{job.pk}/confirm/")
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def test_clean_file_is_previewed_without_writing_then_imported(editor_client, los_angeles):
    PartnerFactory(city=los_angeles, name="City of Nagoya", country="JP")

    job = upload(editor_client, csv_file(CLEAN_ROWS))

    assert job.status == ImportStatus.PREVIEWED, job.rows
    assert [row["outcome"] for row in job.rows] == ["new", "new", "new"]
    assert job.rows[1]["new_partners"] == ["Port of Busan (KR)"]
    assert not Engagement.objects.exists()
    assert Partner.objects.count() == 1
    page = editor_client.get(f"/import/{job.pk}/").content.decode()
    assert "Port MOU signing" in page and "Import these 3 rows" in page

    job = confirm(editor_client, job)

    assert job.status == ImportStatus.DONE
    assert job.summary == {"new": 3, "updated": 0, "skipped": 0, "error": 0}
    mou = Engagement.objects.get(title="Port MOU signing")
    assert mou.kind == "agreement" and mou.city == los_angeles
    assert sorted(p.name for p in mou.partners.all()) == ["City of Nagoya", "Port of Busan"]
    assert Partner.objects.count() == 2  # Nagoya matched by name and country, Busan created
    visit = Engagement.objects.get(title="Visit of the Mayor of Nagoya")
    assert sorted(t.code for t in visit.topics.all()) == ["climate", "trade"]
    assert Engagement.objects.get(title="Consular corps breakfast").status == "planned"


def test_file_with_bad_rows_writes_nothing_and_names_every_bad_row(editor_client, los_angeles):
    rows = [
        CLEAN_ROWS[0],
        ["b-1", "", "meeting", "", "2026-01-01", "", "", "", "", ""],
        ["b-2", "Backwards", "meeting", "", "2026-02-10", "2026-02-01", "", "", "", ""],
        ["b-3", "Odd kind", "picnic", "", "2026-02-10", "", "", "", "", ""],
        ["b-4", "Bad date", "meeting", "", "10/31/2026x", "", "", "", "", ""],
        ["b-5", "No kind for new partner", "meeting", "", "2026-02-10", "", "Acme", "US", "", ""],
        ["b-6", "Unknown topic", "meeting", "", "2026-02-10", "", "", "", "", "golf"],
    ]

    job = upload(editor_client, csv_file(rows))

    assert job.status == ImportStatus.INVALID
    errors = {
        row["line"]: " ".join(row["reasons"]) for row in job.rows if row["outcome"] == "error"
    }
    assert sorted(errors) == [3, 4, 5, 6, 7, 8]
    assert "title" in errors[3]
    assert "end date cannot be before the start date" in errors[4]
    assert "picnic" in errors[5]
    assert "start_date" in errors[6]
    assert "partners" in errors[7]
    assert "golf" in errors[8]
    page = editor_client.get(f"/import/{job.pk}/?outcome=error").content.decode()
    assert "picnic" in page and "Import these" not in page

    editor_client.post(f"/import/{job.pk}/confirm/")  # refused: the preview has errors

    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert not Engagement.objects.exists()
    assert not Partner.objects.exists()


def test_reimporting_the_same_file_changes_nothing(editor_client, los_angeles):
    confirm(editor_client, upload(editor_client, csv_file(CLEAN_ROWS)))
    before = list(Engagement.objects.order_by("pk").values_list("pk", "updated_at"))

    again = upload(editor_client, csv_file(CLEAN_ROWS))

    assert [row["outcome"] for row in again.rows] == ["skipped"] * 3
    again = confirm(editor_client, again)
    assert again.summary == {"new": 0, "updated": 0, "skipped": 3, "error": 0}
    assert list(Engagement.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert Partner.objects.count() == 2


def test_changed_row_with_the_same_key_updates(editor_client, los_angeles):
    confirm(editor_client, upload(editor_client, csv_file(CLEAN_ROWS)))
    changed = [list(CLEAN_ROWS[0]), CLEAN_ROWS[1], CLEAN_ROWS[2]]
    changed[0][3] = "completed"

    job = confirm(editor_client, upload(editor_client, csv_file(changed)))

    assert [row["outcome"] for row in job.rows] == ["updated", "skipped", "skipped"]
    assert Engagement.objects.get(title="Visit of the Mayor of Nagoya").status == "completed"
    assert Engagement.objects.count() == 3


def test_xlsx_file_imports_with_date_cells(editor_client, los_angeles):
    import datetime

    rows = [list(row) for row in CLEAN_ROWS]
    rows[0][4] = datetime.datetime(2026, 3, 10)  # a date cell, as Excel stores it

    job = confirm(editor_client, upload(editor_client, xlsx_file(rows)))

    assert job.status == ImportStatus.DONE
    assert Engagement.objects.get(title="Visit of the Mayor of Nagoya").start_date == (
        datetime.date(2026, 3, 10)
    )
    again = upload(editor_client, xlsx_file(rows))
    assert [row["outcome"] for row in again.rows] == ["skipped"] * 3


def test_partners_import_matches_by_name_and_country(editor_client, los_angeles, seattle):
    PartnerFactory(city=los_angeles, name="Toyota", country="JP", kind="business")
    PartnerFactory(city=seattle, name="Sony", country="JP", kind="business")
    rows = [
        ["Toyota", "JP", "business", "https://toyota.example", ""],
        ["Sony", "Japan", "business", "", ""],
        ["Toyota", "US", "business", "", ""],
    ]

    job = upload(
        editor_client,
        csv_file(rows, headers=["Name", "Country", "Kind", "Website", "Notes"]),
        kind="partners",
    )
    assert [row["outcome"] for row in job.rows] == ["updated", "new", "new"]
    confirm(editor_client, job)

    assert Partner.objects.for_city(los_angeles).count() == 3
    assert Partner.objects.for_city(seattle).count() == 1  # another city's Sony untouched
    assert Partner.objects.get(city=los_angeles, name="Toyota", country="JP").website


def test_template_downloads_and_imports_cleanly(editor_client, los_angeles):
    for fmt in ("csv", "xlsx"):
        response = editor_client.get(f"/import/template/engagements.{fmt}")
        assert response.status_code == 200
        name = f"template.{fmt}"
        job = upload(editor_client, SimpleUploadedFile(name, response.content))
        assert job.status == ImportStatus.PREVIEWED, job.rows


def test_viewer_cannot_import_and_other_city_cannot_see_the_job(
    viewer_client, editor, los_angeles, seattle, other_editor
):
    from django.test import Client

    assert viewer_client.get("/import/").status_code == 403
    editor_client = Client()
    editor_client.force_login(editor)
    job = upload(editor_client, csv_file(CLEAN_ROWS))
    assert viewer_client.get(f"/import/{job.pk}/").status_code == 200
    assert viewer_client.post(f"/import/{job.pk}/confirm/").status_code == 403

    other = Client()
    other.force_login(other_editor)
    assert other.get(f"/import/{job.pk}/").status_code == 404
    assert other.get(f"/import/{job.pk}/status.json").status_code == 404
    assert other.post(f"/import/{job.pk}/confirm/").status_code == 404


def test_unreadable_file_is_refused_at_upload(editor_client, los_angeles):
    bad = SimpleUploadedFile("x.xlsx", b"not a workbook")

    response = editor_client.post("/import/", {"kind": "engagements", "file": bad})

    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
    assert not ImportJob.objects.exists()


def _big_rows(count):
    return [
        [f"big-{n}", f"Engagement {n}", "meeting", "completed", f"2025-{1 + n % 12:02d}-15",
         "", f"Partner {n % 50}", "JP", "business", "trade"]
        for n in range(count)
    ]  # fmt: skip


# Big enough to go through the job; LARGE_IMPORT_ROWS=10000 gives the figure of a
# real large file (about 20 rows a second each way on SQLite: a benchmark, not a test).
LARGE_IMPORT_ROWS = int(os.environ.get("LARGE_IMPORT_ROWS", "600"))


def test_a_large_file_goes_through_the_celery_job_all_or_nothing(
    editor_client, los_angeles, django_capture_on_commit_callbacks, capsys, settings
):
    settings.IMPORT_ASYNC_ROW_THRESHOLD = min(settings.IMPORT_ASYNC_ROW_THRESHOLD, 500)
    rows = LARGE_IMPORT_ROWS
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as queued:
        job = upload(editor_client, csv_file(_big_rows(rows)))
    assert len(queued) == 1  # handed to Celery, not run in the request
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED
    assert job.summary["new"] == rows
    status = editor_client.get(f"/import/{job.pk}/status.json").json()
    assert status["percent"] == 100 and not status["running"]
    previewed = time.monotonic()

    with django_capture_on_commit_callbacks(execute=True) as queued:
        editor_client.post(f"/import/{job.pk}/confirm/")
    job.refresh_from_db()

    assert len(queued) >= 1
    assert job.status == ImportStatus.DONE, job.rows[:3]
    assert Engagement.objects.for_city(los_angeles).count() == rows
    assert Partner.objects.for_city(los_angeles).count() == 50
    with capsys.disabled():
        print(
            f"\n{rows:,}-row import: preview {previewed - started:.1f} s, "
            f"commit {time.monotonic() - previewed:.1f} s"
        )


def test_a_worker_knows_the_import_task_without_loading_the_pages():
    """A worker that does not know the task would leave a large file queued forever.

    Asked in a fresh process, as a worker starts: with Django's checks off,
    nothing imports the URLconf (and with it the import pages) for it.
    """
    import os
    import subprocess
    import sys

    from django.conf import settings

    from engagements.imports.tasks import run_import_job

    script = (
        "import sys, django; django.setup();"
        "from diplomacy.celery import app; app.loader.import_default_modules();"
        "print(sorted(app.tasks)); print('engagements.imports.views' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "diplomacy.settings.test"}
    env["CELERY_SKIP_CHECKS"] = "1"
    worker = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    registered, pages_loaded = worker.stdout.strip().splitlines()[-2:]
    assert repr(run_import_job.name) in registered
    assert pages_loaded == "False"


@pytest.mark.services
def test_real_worker_imports_a_large_file(celery_worker_process, editor, los_angeles, settings):
    from django.test import Client

    from tests.conftest import wait_for

    settings.IMPORT_ASYNC_ROW_THRESHOLD = 100
    client = Client()
    client.force_login(editor)

    job = upload(client, csv_file(_big_rows(300)))
    job = wait_for(
        lambda: ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEWED).first(), 120
    )
    assert job is not None, "the worker never previewed the file"
    client.post(f"/import/{job.pk}/confirm/")

    done = wait_for(
        lambda: ImportJob.objects.filter(pk=job.pk, status=ImportStatus.DONE).first(), 120
    )
    assert done is not None, "the worker never imported the file"
    assert Engagement.objects.for_city(los_angeles).count() == 300
