"""Inputs PostgreSQL cannot hold (found by the fuzz run) answer 400, never 500."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_sdg_target_code_with_a_nul_byte_is_a_field_error(editor_client, los_angeles):
    response = editor_client.post(
        "/api/v1/engagements/",
        {
            "kind": "meeting",
            "title": "Port call",
            "start_date": "2026-03-01",
            "status": "planned",
            "sdg_targets": ["11.6\x00"],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "sdg_targets" in response.json()


def test_a_huge_partner_id_is_a_field_error(editor_client, los_angeles):
    response = editor_client.post(
        "/api/v1/engagements/",
        {
            "kind": "meeting",
            "title": "Port call",
            "start_date": "2026-03-01",
            "partners": [10**30],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "partners" in response.json()


def test_a_filter_value_with_a_nul_byte_is_refused(editor_client, los_angeles):
    response = editor_client.get("/engagements/", {"topic": "climate\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_an_implausible_date_is_a_field_error_and_the_calendar_feed_stays_up(
    editor_client, editor, los_angeles, day
):
    from cities.services import calendar_feed_issue

    response = editor_client.post(
        "/api/v1/engagements/",
        {"kind": "meeting", "title": "Typo", "start_date": day, "status": "planned"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "between 1900 and 2100" in response.json()["start_date"][0]

    feed = calendar_feed_issue(user=editor, city=los_angeles)
    assert editor_client.get(f"/calendar/{feed.token}.ics").status_code == 200


def test_the_page_refuses_an_implausible_date_beside_the_field(editor_client, los_angeles):
    import uuid

    response = editor_client.post(
        "/engagements/new/",
        {
            "kind": "meeting",
            "status": "planned",
            "title": "Typo",
            "start_date": "9999-12-31",
            "form_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    assert "between 1900 and 2100" in response.content.decode()
