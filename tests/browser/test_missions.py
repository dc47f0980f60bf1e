"""The joint-mission pages in a real browser, on a phone-sized screen."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import log_in
from tests.missions.test_joint_missions import (  # noqa: F401 - fixtures
    japan_in_march,
    new_york,
    trade,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def test_overlap_alert_and_shared_plans_fit_a_phone(
    page,
    live_server,
    editor,
    japan_in_march,  # noqa: F811
):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "la-editor")
    notice = page.locator("#mission-notice")
    notice.get_by_text("A planned mission overlaps another city").wait_for()
    notice.get_by_role("link", name="See the overlaps and coordinate").click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/missions/"
    assert page.get_by_role("alert").filter(has_text="overlaps another city").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SCREENSHOTS / "joint-missions.png"), full_page=True)

    page.get_by_role("link", name="Planned by other cities").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Planned by other cities"
    assert "Seattle" in page.locator("table").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SCREENSHOTS / "planned-by-other-cities.png"), full_page=True)
