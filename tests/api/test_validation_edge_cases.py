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
