"""An editor imports a spreadsheet in a real browser: the preview shows how every
row was read, and a date that could be read two ways is refused, naming its row."""

import pytest

from engagements.models import Engagement
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "title,kind,status,start_date,partner_name,partner_country,partner_kind\n"


def choose_file(page, name, text):
    page.get_by_label("File", exact=True).set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode()}
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state("networkidle")


def test_an_editor_sees_how_each_row_is_read_and_an_ambiguous_date_is_refused(
    page, live_server, editor
):
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/import/")

    choose_file(
        page,
        "visits.csv",
        HEADER + "Consular breakfast,Meeting,Confirmed,25/12/2026,Consulado de México,Mexico,"
        "diplomatic_mission\n",
    )

    rows = page.locator("#import-rows")
    assert "Meeting (meeting)" in rows.inner_text()
    assert "25/12/2026 → December 25, 2026" in rows.inner_text()
    assert "Consulado de México (MX), new" in rows.inner_text()
    page.get_by_role("button", name="Import this 1 row").click()
    page.wait_for_load_state("networkidle")
    assert "The file was imported." in page.content()
    assert Engagement.objects.get(title="Consular breakfast").start_date.isoformat() == "2026-12-25"

    page.goto(f"{live_server.url}/import/")
    choose_file(page, "ambiguous.csv", HEADER + "Port call,meeting,,12/02/2026,,,\n")

    error = page.locator("#import-rows .outcome-error")
    assert "Line 2, column start_date" in error.inner_text()
    assert "could be 12 February 2026 or 2 December 2026" in error.inner_text()
    assert page.get_by_role("button", name="Import this 1 row").count() == 0
    assert not Engagement.objects.filter(title="Port call").exists()
