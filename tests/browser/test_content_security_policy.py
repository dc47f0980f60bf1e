"""Pages under the strict Content-Security-Policy in a real browser: the parts that
used inline styles or scripts (SDG chips, progress bars, the import job's polling,
htmx filtering, the API docs) still work, and the ``page`` fixture fails the test
on any "Refused to …" violation the browser reports."""

import importlib
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import log_in
from tests.factories import (
    CommitmentFactory,
    EngagementFactory,
    ProgressEntryFactory,
    sdg_target,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def sdg_framework(db):
    from django.apps import apps

    importlib.import_module("cities.migrations.0002_load_sdg_framework").load(apps, None)


def test_pages_keep_their_colours_bars_and_scripts_without_inline_code(
    page, live_server, editor, los_angeles, sdg_framework
):
    engagement = EngagementFactory(city=los_angeles, title="Green ports meeting")
    engagement.sdg_targets.set([sdg_target("13.2")])
    commitment = CommitmentFactory(city=los_angeles, title="Cut port emissions")
    commitment.sdg_targets.set([sdg_target("13.2")])
    ProgressEntryFactory(commitment=commitment)
    log_in(page, live_server, "la-editor")

    page.goto(f"{live_server.url}/engagements/{engagement.pk}/")
    chip = page.locator(".sdg-chip").first
    # Goal 13's official green, from the class rather than a style attribute.
    assert chip.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(63, 126, 68)"

    page.goto(f"{live_server.url}/commitments/{commitment.pk}/")
    fill = page.locator(".progress-fill").first
    assert re.search(r"\bpct-\d+\b", fill.get_attribute("class"))

    # htmx swaps the results in place when a filter changes.
    page.goto(f"{live_server.url}/engagements/")
    page.evaluate("window.notReloaded = true")
    page.locator("#id_q").fill("nothing matches this")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("Green ports meeting")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True

    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
