"""Hostile or mistyped input answers 4xx with a reason, never 500 (issue 10)."""

import base64
import inspect
import uuid

import pytest

from cities.services import calendar_feed_issue
from diplomacy.api_urls import router
from engagements.choices import ImportStatus
from engagements.models import Engagement, Gift
from tests.factories import CommitmentFactory, DelegationFactory, EngagementFactory
from tests.interop.test_imports import HEADERS, csv_file, upload

pytestmark = pytest.mark.django_db


def test_a_json_body_nested_too_deeply_to_read_is_a_400(api_editor, los_angeles):
    body = "[" * 100_000 + "]" * 100_000

    response = api_editor.post("/api/v1/engagements/", body, content_type="application/json")

    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]
    assert not Engagement.objects.exists()


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode("utf-8", "surrogatepass")).decode().rstrip("=")


FORGED_CURSORS = {
    "nul byte": _cursor('["2026-01-01\\u0000", 1]'),
    "lone surrogate": _cursor('["\\ud800", 1]'),
    "deep nesting": _cursor("[" * 5000 + "]" * 5000),
    "nested values": _cursor('[[["2026-01-01"]], {"pk": 1}]'),
    "not base64": "%%%not-a-cursor\x01",
    "huge": "A" * 100_000,
}


@pytest.mark.parametrize("direction", ["after", "before"])
@pytest.mark.parametrize("forged", FORGED_CURSORS.values(), ids=FORGED_CURSORS.keys())
@pytest.mark.parametrize("url", ["/engagements/", "/gifts/"])
def test_a_forged_list_cursor_shows_the_first_page(
    editor_client, los_angeles, url, forged, direction
):
    delegation = DelegationFactory(engagement__city=los_angeles, engagement__title="Port call")
    Gift.objects.create(
        delegation=delegation, direction="received", description="A ceremonial key",
        giver="Mayor", recipient="Council",
    )  # fmt: skip

    response = editor_client.get(url, {direction: forged})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Port call" in page if url == "/engagements/" else "A ceremonial key" in page


@pytest.mark.parametrize(
    "url", ["/partners/", "/commitments/", "/follow-ups/", "/ties/", "/upcoming/"]
)
def test_every_list_answers_a_forged_cursor_with_a_page(editor_client, los_angeles, url):
    for forged in FORGED_CURSORS.values():
        for direction in ("after", "before"):
            assert editor_client.get(url, {direction: forged}).status_code == 200, (url, forged)


def test_a_format_suffix_on_a_custom_action_works(api_editor, los_angeles):
    commitment = CommitmentFactory(city=los_angeles)

    response = api_editor.post(
        f"/api/v1/commitments/{commitment.pk}/progress.json",
        {"date": "2026-03-01", "value": "12.5"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert commitment.progress_entries.get().value == 12.5


def test_every_custom_api_action_takes_the_format_suffix():
    """The router adds ``.json`` to every route, custom actions included."""
    for _prefix, viewset, _basename in router.registry:
        for action in viewset.get_extra_actions():
            assert "format" in inspect.signature(action).parameters or any(
                p.kind is p.VAR_KEYWORD for p in inspect.signature(action).parameters.values()
            ), f"{viewset.__name__}.{action.__name__} does not take format="


IMPLAUSIBLE_DAYS = ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"]


@pytest.mark.parametrize("day", IMPLAUSIBLE_DAYS)
def test_the_api_refuses_an_implausible_date_with_a_field_message(api_editor, los_angeles, day):
    response = api_editor.post(
        "/api/v1/engagements/",
        {"kind": "meeting", "title": "Typo", "start_date": day, "status": "planned"},
        format="json",
    )

    assert response.status_code == 400
    assert "between 1900 and 2100" in response.json()["start_date"][0]
    assert not Engagement.objects.exists()


def test_the_page_refuses_an_implausible_date_beside_the_field(editor_client, los_angeles):
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
    page = response.content.decode()
    assert "between 1900 and 2100" in page and 'value="Typo"' in page
    assert not Engagement.objects.exists()


def test_the_import_refuses_an_implausible_date_naming_the_line(editor_client, los_angeles):
    row = ["typo-1", "Typo", "meeting", "planned", "9999-12-31", "", "", "", "", ""]

    job = upload(editor_client, csv_file([row], headers=HEADERS))

    assert job.status == ImportStatus.INVALID
    (bad,) = job.rows
    assert bad["line"] == 2 and "between 1900 and 2100" in " ".join(bad["reasons"])
    assert not Engagement.objects.exists()


def test_the_edges_of_the_range_are_accepted(api_editor, los_angeles):
    for day in ("1900-01-01", "2100-12-31"):
        response = api_editor.post(
            "/api/v1/engagements/",
            {"kind": "meeting", "title": day, "start_date": day, "status": "planned"},
            format="json",
        )
        assert response.status_code == 201, response.content


def test_the_calendar_feed_stays_up_beside_a_date_stored_before_the_rule(
    editor, editor_client, los_angeles
):
    # A row saved before dates were checked (the factory writes without the service).
    EngagementFactory(
        city=los_angeles, title="Legacy typo", start_date="9999-12-31", status="planned"
    )
    EngagementFactory(
        city=los_angeles, title="Real visit", start_date="2026-05-04", status="planned"
    )
    feed = calendar_feed_issue(user=editor, city=los_angeles)

    response = editor_client.get(f"/calendar/{feed.token}.ics")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Real visit" in body and "Legacy typo" not in body
