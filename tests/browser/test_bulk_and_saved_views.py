"""An editor works on several follow-ups at once and keeps a view of the list, in a
real browser: tick three, mark them done in one go; save "Japan, last 12 months"
and open it again from the list."""

import datetime

import pytest
from django.utils import timezone

from engagements.models import FollowUp
from tests.conftest import log_in
from tests.factories import EngagementFactory, FollowUpFactory, PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_marks_three_follow_ups_done_in_one_go(page, live_server, editor, los_angeles):
    visit = EngagementFactory(city=los_angeles, title="Nagoya port visit")
    for task in ("Send thank-you letter", "Share port data", "Book return visit", "Draft MOU"):
        FollowUpFactory(engagement=visit, owner=editor, description=task)

    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/follow-ups/")
    for task in ("Send thank-you letter", "Share port data", "Book return visit"):
        page.get_by_label(f"Tick {task}").check()
    assert "3 ticked" in page.locator("[data-selected-count]").inner_text()
    page.get_by_role("button", name="Mark ticked done").click()
    page.wait_for_load_state("networkidle")

    assert "Changed 3 follow-ups." in page.locator(".messages").inner_text()
    assert list(FollowUp.objects.filter(status="open").values_list("description", flat=True)) == [
        "Draft MOU"
    ]


def test_a_saved_view_is_reopened_from_the_list(page, live_server, editor, los_angeles):
    today = timezone.localdate()
    nagoya = PartnerFactory(city=los_angeles, name="City of Nagoya", country="JP")
    EngagementFactory(
        city=los_angeles, title="Nagoya port talks", partners=[nagoya], start_date=today
    )
    EngagementFactory(
        city=los_angeles,
        title="Old Nagoya visit",
        partners=[nagoya],
        start_date=today - datetime.timedelta(days=400),
    )
    EngagementFactory(city=los_angeles, title="Busan trade call", start_date=today)

    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/engagements/?partner_country=JP&period=last_12_months")
    page.get_by_text("Saved views").click()
    page.get_by_label("Save these filters as").fill("Japan, last 12 months")
    page.get_by_role("button", name="Save view").click()
    page.wait_for_load_state("networkidle")

    page.goto(f"{live_server.url}/engagements/")
    assert "Busan trade call" in page.content()
    page.get_by_role("link", name="Japan, last 12 months").click()
    page.wait_for_load_state("networkidle")

    results = page.locator("#results").inner_text()
    assert "Nagoya port talks" in results
    assert "Old Nagoya visit" not in results and "Busan trade call" not in results
