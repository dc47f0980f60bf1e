"""Ties and commitments kept on the staff pages, in a real browser (headless
Debian Chromium via Playwright), without the Django admin.

An editor adds a sister-city tie from the ties list (the world city suggested as
its name is typed), edits its signatories and
focus areas, and ends it on a date; then adds a commitment with two SDG targets,
an indicator, a baseline and a target, records a progress entry and corrects it.
The pages fit a 390 px phone without sideways scrolling.
"""

import datetime
import importlib
import re
from decimal import Decimal

import pytest

from cities.choices import TieStatus
from cities.models import Commitment, ProgressEntry, SdgIndicator, SisterCityTie
from tests.conftest import log_in
from tests.factories import CityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sdg_framework(db):
    """The SDG framework: loaded by migration, but an earlier transactional test's
    flush may have emptied it, so load it again (idempotent)."""
    from django.apps import apps

    importlib.import_module("cities.migrations.0002_load_sdg_framework").load(apps, None)


def label(text):
    """A field's label, ignoring the asterisk that marks a required one."""
    return re.compile(rf"^{re.escape(text)}( \*)?$")


def nav(page, name):
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def save(page, button):
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    page.wait_for_load_state("networkidle")


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 390, "height": 844})
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return fits


def test_editor_keeps_a_tie_and_a_commitment_on_the_staff_pages(
    page, live_server, editor, los_angeles, sdg_framework
):
    CityFactory(name="Nagoya", country="JP", region="Aichi")
    log_in(page, live_server, "la-editor")

    # A new tie, from the ties list.
    nav(page, "Ties")
    page.get_by_role("link", name="Add a tie").click()
    assert fits_a_phone(page)
    page.get_by_label(label("Partner city")).fill("Nagoya")
    page.get_by_label(label("Partner city's country")).select_option("JP")
    # The box suggests world cities as the name is typed.
    page.locator("#city-matches option[value='Nagoya']").wait_for(state="attached")
    page.get_by_label(label("Kind of tie")).select_option("sister_city")
    page.get_by_label(label("Established on")).fill("1959-12-01")
    page.get_by_label(label("Signatories")).fill("Mayor Norris Poulson")
    page.get_by_label(label("Focus areas")).fill("Ports")
    save(page, "Save tie")

    tie = SisterCityTie.objects.get(city=los_angeles)
    assert page.url.endswith(f"/ties/{tie.pk}/")
    assert page.locator("h1").first.inner_text().startswith("Nagoya")
    assert page.get_by_text("Mayor Norris Poulson").is_visible()

    # Edited: a second signatory and the focus areas.
    page.get_by_role("link", name="Edit", exact=True).click()
    assert page.get_by_label(label("Partner city")).input_value() == "Nagoya"
    page.get_by_label(label("Signatories")).fill("Mayor Norris Poulson\nMayor Kuwabara")
    page.get_by_label(label("Focus areas")).fill("Ports, youth exchange")
    save(page, "Save tie")
    assert page.get_by_text("Ports, youth exchange").is_visible()

    # Ended on a date, with the reason kept in its notes.
    page.get_by_role("link", name="End tie").click()
    assert fits_a_phone(page)
    page.get_by_label(label("Ended on")).fill("2025-03-31")
    page.get_by_label(label("Why it ended")).fill("Council vote")
    save(page, "End tie")
    assert page.get_by_text("on March 31, 2025").is_visible()  # a U.S. city: month first
    assert page.get_by_role("link", name="End tie").count() == 0
    tie.refresh_from_db()
    assert (tie.status, tie.ended_on) == (TieStatus.ENDED, datetime.date(2025, 3, 31))
    assert tie.signatories.splitlines() == ["Mayor Norris Poulson", "Mayor Kuwabara"]

    # A commitment with two SDG targets, an indicator, a baseline and a target.
    nav(page, "Commitments")
    page.get_by_role("link", name="Add a commitment").click()
    assert fits_a_phone(page)
    page.get_by_label(label("Title")).fill("Clean air for every district")
    page.get_by_label(label("Framework")).select_option("sdgs")
    page.locator(".sdg-picker summary", has_text="Show the 17 goals").click()
    page.locator(".sdg-picker summary", has_text="Goal 11:").click()
    page.locator(".sdg-picker label", has_text="11.6").locator("input").check()
    page.locator(".sdg-picker summary", has_text="Goal 3:").click()
    page.locator(".sdg-picker label", has_text="3.9").locator("input").check()
    pm25 = SdgIndicator.objects.get(code="11.6.2")
    page.get_by_label(label("SDG indicator")).select_option(str(pm25.pk))
    page.get_by_label(label("Unit")).fill("µg/m³")
    page.get_by_label(label("Baseline value")).fill("14.2")
    page.get_by_label(label("Baseline year")).fill("2019")
    page.get_by_label(label("Target value")).fill("5")
    page.get_by_label(label("Target year")).fill("2030")
    save(page, "Save commitment")

    commitment = Commitment.objects.get(city=los_angeles)
    assert page.url.endswith(f"/commitments/{commitment.pk}/")
    assert sorted(t.code for t in commitment.sdg_targets.all()) == ["11.6", "3.9"]
    assert commitment.indicator.code == "11.6.2"
    assert page.locator(".sdg-chip", has_text="11.6").is_visible()

    # A progress entry, added in place, then corrected.
    progress = page.locator("#progress")
    progress.get_by_label(label("Date")).fill("2025-07-01")
    progress.get_by_label(label("Value")).fill("12.9")
    progress.get_by_role("button", name="Add entry").click()
    progress.get_by_role("cell", name="07/01/2025", exact=True).wait_for()  # month first
    entry = ProgressEntry.objects.get(commitment=commitment)

    page.locator("#progress").get_by_role("link", name=re.compile(r"^Correct")).click()
    page.wait_for_load_state("networkidle")
    page.get_by_label(label("Value")).fill("11.8")
    page.get_by_label(label("Note")).fill("Audited by the air district")
    save(page, "Save entry")
    audited = page.locator("#progress").get_by_role("cell", name="Audited by the air district")
    assert audited.is_visible()
    entry.refresh_from_db()
    assert (entry.value, entry.note) == (Decimal("11.8"), "Audited by the air district")
    assert fits_a_phone(page)
