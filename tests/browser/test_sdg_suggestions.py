"""SDG suggestions in a real browser: they appear as the editor types, are never
ticked by themselves, and one click (or Enter) ticks one."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from cities.models import SdgTarget
from engagements.models import Engagement
from tests.browser.test_workflow import label, sdg_framework  # noqa: F401 - fixture
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def test_editor_accepts_suggested_targets_with_one_click_or_the_keyboard(
    page,
    live_server,
    editor,
    los_angeles,
    sdg_framework,  # noqa: F811
):
    transit = SdgTarget.objects.get(code="11.2")
    log_in(page, live_server, "la-editor")
    page.goto(f"{live_server.url}/engagements/new/")
    page.get_by_label(label("Kind")).select_option("outbound_mission")
    page.get_by_label(label("Title")).fill("Bus rapid transit study tour to Bogotá")
    page.get_by_label(label("Summary")).fill("Dedicated bus lanes and fare integration.")

    add_transit = page.get_by_role("button", name=re.compile(r"^Add 11\.2: "))
    add_transit.wait_for()
    picked = page.locator(f'input[name="sdg_targets"][value="{transit.pk}"]')
    assert not picked.is_checked()  # suggested, not applied
    assert page.locator("input[name=sdg_targets]:checked").count() == 0

    add_transit.focus()
    page.keyboard.press("Enter")
    assert picked.is_checked()
    assert picked.evaluate("box => box.closest('details').open")
    assert "11.2 ticked" in page.get_by_role("status").inner_text()
    assert add_transit.count() == 0  # an accepted suggestion leaves the list

    other = page.locator("button.sdg-accept").first
    other_code = other.inner_text().split()[-1]
    other.click()
    assert page.locator("input[name=sdg_targets]:checked").count() == 2

    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#sdg-suggestions").screenshot(path=str(SCREENSHOTS / "sdg-suggestions.png"))

    page.get_by_role("button", name="Save engagement").click()
    page.wait_for_load_state("networkidle")
    engagement = Engagement.objects.get(title="Bus rapid transit study tour to Bogotá")
    assert set(engagement.sdg_targets.values_list("code", flat=True)) == {"11.2", other_code}
