"""A follow-up added on an engagement's page is found under "mine" (headless Chromium)."""

import re

import pytest

from engagements.models import FollowUp
from tests.conftest import log_in
from tests.factories import EngagementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def label(text):
    return re.compile(rf"^{re.escape(text)}( \*)?$")


def test_a_follow_up_created_on_an_engagement_is_found_under_mine(
    browser, page, live_server, editor, viewer, los_angeles
):
    editor.first_name, editor.last_name = "Dana", "Reyes"
    editor.save()
    engagement = EngagementFactory(city=los_angeles, title="Osaka trade mission debrief")
    log_in(page, live_server, "la-editor")
    page.goto(f"{live_server.url}/engagements/{engagement.pk}/")

    # The form comes when asked for, with its first field focused.
    page.locator("#section-follow-ups").get_by_role("link", name="Add a follow-up").click()
    form = page.locator("#section-follow-ups form.add-form")
    form.get_by_label(label("Description")).wait_for()
    assert form.get_by_label(label("Description")).evaluate("el => el === document.activeElement")
    owner = form.get_by_label(label("Owner"))
    # Whoever adds it owns it; viewers are not offered.
    assert owner.locator("option:checked").inner_text() == "Dana Reyes"
    assert owner.locator("option", has_text="la-viewer").count() == 0
    form.get_by_label(label("Description")).fill("Send the MOU draft to Osaka")
    form.get_by_label(label("Due date")).fill("2026-12-20")
    form.get_by_role("button", name="Add follow-up").click()
    page.locator("#section-follow-ups").get_by_role(
        "cell", name="Send the MOU draft to Osaka", exact=True
    ).wait_for()
    assert FollowUp.objects.get().owner == editor

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Follow-ups").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "My follow-ups"
    row = page.get_by_role("row", name=re.compile("Send the MOU draft to Osaka"))
    assert row.is_visible()
    assert "Dana Reyes" in row.inner_text()

    page.get_by_role("link", name="My city's open").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("row", name=re.compile("Send the MOU draft")).is_visible()
    page.get_by_role("link", name="Unassigned").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("row", name=re.compile("Send the MOU draft")).count() == 0

    # The list and its views work on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    for view in ("mine", "city", "unassigned", "overdue"):
        page.goto(f"{live_server.url}/follow-ups/?view={view}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), view
