"""The preview says how each row was understood, next to what the file said, and
refuses what could be understood two ways."""

from engagements.choices import ImportStatus
from tests.factories import PartnerFactory
from tests.interop.test_imports import csv_file, upload


def read_as(row):
    return {column: (given, stored) for column, given, stored in row["read_as"]}


def test_preview_shows_each_interpreted_cell_as_it_will_be_stored(editor_client, los_angeles):
    PartnerFactory(city=los_angeles, name="Consulate General of Mexico", country="MX")
    rows = [
        ["m-1", "Consular breakfast", "Meeting", "Confirmed", "25/12/2026", "12/31/2026",
         "Consulate General of Mexico; Mexico City Government", "Mexico; MX", "; city_government",
         "trade; climate"],
        ["m-2", "Port call", "inbound_delegation", "", "10 March 2026", "", "", "", "", ""],
    ]  # fmt: skip

    job = upload(editor_client, csv_file(rows))

    assert job.status == ImportStatus.PREVIEWED, job.rows
    first, second = (read_as(row) for row in job.rows)
    assert first["kind"] == ("Meeting", "Meeting (meeting)")
    assert first["status"] == ("Confirmed", "Confirmed (confirmed)")
    assert first["start_date"] == ("25/12/2026", "December 25, 2026")
    assert first["end_date"] == ("12/31/2026", "December 31, 2026")
    assert first["partner_name"][1] == (
        "Consulate General of Mexico (MX), already known; Mexico City Government (MX), new"
    )
    assert first["topics"] == ("trade; climate", "Trade and investment; Climate")
    assert second["start_date"] == ("10 March 2026", "March 10, 2026")
    page = editor_client.get(f"/import/{job.pk}/").content.decode()
    assert (
        "Read as" in page
        and "Meeting (meeting)" in page
        and "Mexico City Government (MX), new" in page
    )


def test_an_ambiguous_date_is_refused_naming_the_row_the_column_and_the_formats(
    editor_client, los_angeles
):
    rows = [
        ["a-1", "Clear", "meeting", "", "2026-02-12", "", "", "", "", ""],
        ["a-2", "Ambiguous", "meeting", "", "12/02/2026", "", "", "", "", ""],
    ]

    job = upload(editor_client, csv_file(rows))

    assert job.status == ImportStatus.INVALID
    reasons = " ".join(job.rows[1]["reasons"])
    assert "Line 3, column start_date" in reasons
    assert "“12/02/2026” could be 12 February 2026 or 2 December 2026" in reasons
    assert "2026-03-10 (year-month-day)" in reasons
    assert "Value could not be parsed" not in reasons


def test_a_date_that_is_not_a_date_is_refused_in_our_own_words(editor_client, los_angeles):
    rows = [["b-1", "Bad", "meeting", "", "31/31/2026", "", "", "", "", ""]]

    job = upload(editor_client, csv_file(rows))

    reasons = " ".join(job.rows[0]["reasons"])
    assert "Line 2, column start_date: “31/31/2026” is not a date" in reasons
