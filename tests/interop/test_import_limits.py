"""Hostile and careless files: refused at upload, before anything parses them, with
a message a person can act on; and a job that fails for any reason ends "failed"."""

import io
import time
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagements.choices import ImportStatus
from engagements.imports import resources
from engagements.models import Engagement, ImportJob
from tests.interop.test_imports import CLEAN_ROWS, HEADERS, csv_file, upload


def refusal(client, file):
    response = client.post("/import/", {"kind": "engagements", "file": file})
    assert response.status_code == 200, "a refused file re-renders the form"
    assert not ImportJob.objects.exists()
    return response.content.decode()


def _workbook_with_sheet(sheet_xml_chunks, name="bomb.xlsx"):
    """A real workbook whose first sheet is replaced by the given XML, streamed into
    the zip so the test never holds the expanded sheet in memory."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["title"])
    template = io.BytesIO()
    workbook.save(template)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb,
    ):
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with bomb.open(item.filename, "w", force_zip64=True) as sheet:
                    for chunk in sheet_xml_chunks:
                        sheet.write(chunk)
            else:
                bomb.writestr(item, source.read(item.filename))
    return SimpleUploadedFile(name, out.getvalue())


def _bomb_chunks(expanded_mb):
    yield (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><dimension ref="A1:A2"/><sheetData>'
    )
    row = b'<row><c t="inlineStr"><is><t>' + b"x" * 200 + b"</t></is></c></row>"
    block = row * (1_048_576 // len(row))
    for _ in range(expanded_mb):
        yield block
    yield b"</sheetData></worksheet>"


@pytest.fixture(scope="module")
def zip_bomb():
    # About 270 MB of sheet when opened (above the 200 MB limit), under 2 MB on the wire.
    return _workbook_with_sheet(_bomb_chunks(256))


def test_a_zip_bomb_is_refused_within_a_second_without_inflating_it(editor_client, zip_bomb):
    zip_bomb.seek(0)
    assert len(zip_bomb.read()) < 10_000_000  # under the upload limit: only its expansion is wrong
    zip_bomb.seek(0)
    started = time.monotonic()
    page = refusal(editor_client, zip_bomb)
    elapsed = time.monotonic() - started
    zip_bomb.seek(0)
    tracemalloc.start()  # measured apart: tracing slows every allocation down
    refusal(editor_client, zip_bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert "expands to 268 MB" in page
    assert elapsed < 1.0
    assert peak < 40_000_000  # a few copies of the upload, never the expanded sheet


def test_a_small_file_declaring_300000_rows_is_refused_before_it_becomes_a_job(editor_client):
    def chunks():
        yield (
            b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><dimension ref="A1:P300001"/><sheetData>'
        )
        yield b"".join(
            b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 2000)
        )
        yield b"</sheetData></worksheet>"

    page = refusal(editor_client, _workbook_with_sheet(chunks(), "wide.xlsx"))

    assert "300,000 rows" in page and "at most 50,000" in page


def test_too_many_csv_rows_are_refused_naming_the_limit(editor_client, settings):
    settings.IMPORT_MAX_ROWS = 100
    rows = [
        [f"k{n}", f"Meeting {n}", "meeting", "", "2026-03-10", "", "", "", "", ""]
        for n in range(150)
    ]

    page = refusal(editor_client, csv_file(rows))

    assert "150 rows" in page and "at most 100" in page


def test_a_file_above_the_size_limit_is_refused(editor_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1_000

    page = refusal(editor_client, csv_file(CLEAN_ROWS * 20))

    assert "an import takes files up to" in page


def test_a_nul_byte_is_refused_naming_its_line(editor_client):
    text = ",".join(HEADERS) + "\n" + ",".join(CLEAN_ROWS[0]) + "\nbad\x00row,meeting\n"
    page = refusal(editor_client, SimpleUploadedFile("nul.csv", text.encode()))

    assert "Line 3 of the file holds a NUL character" in page


def test_text_that_is_not_utf8_is_refused_naming_its_line(editor_client):
    data = (",".join(HEADERS) + "\n" + "k1,Visite à Montréal,meeting,,2026-03-10\n").encode(
        "latin-1"
    )

    page = refusal(editor_client, SimpleUploadedFile("latin.csv", data))

    assert "Line 2 of the file is not UTF-8 text" in page


def test_a_row_longer_than_the_header_is_refused_naming_its_line(editor_client):
    data = "title,kind,start_date\nOne,meeting,2026-03-10\nTwo,meeting,2026-03-11,surprise\n"

    job = upload(editor_client, SimpleUploadedFile("ragged.csv", data.encode()))

    assert job.status == ImportStatus.FAILED
    assert "Line 3 has more cells than the header row" in job.error


def test_a_job_that_fails_for_an_unforeseen_reason_ends_failed_with_the_reason(
    editor_client, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(resources.EngagementResource, "import_data", broken)

    job = upload(editor_client, csv_file(CLEAN_ROWS))

    assert job.status == ImportStatus.FAILED
    assert "unexpected error (RuntimeError)" in job.error and "nothing was imported" in job.error
    page = editor_client.get(f"/import/{job.pk}/").content.decode()
    assert "Nothing was imported." in page
    assert not Engagement.objects.exists()


def test_with_a_broker_even_a_small_file_is_parsed_by_a_worker_not_the_request(
    editor_client, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a deployment with a broker and workers

    with django_capture_on_commit_callbacks(execute=False) as queued:
        job = upload(editor_client, csv_file(CLEAN_ROWS))

    assert job.status == ImportStatus.PREVIEW_QUEUED and not job.rows
    assert len(queued) == 1  # handed to a worker once the upload commits
