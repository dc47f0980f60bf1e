"""The staff workflow in a real browser (headless Debian Chromium via Playwright).

An editor logs an inbound delegation with a new partner and an SDG target,
adds two members and a two-item itinerary, finds it with the country filter
and on the partner's profile; a viewer sees it and cannot edit it.
"""

import datetime
import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings

from engagements.models import DelegationMember, Engagement, ItineraryItem
from tests.conftest import log_in
from tests.factories import EngagementFactory, PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
TITLE = "Busan mayor's delegation on green ports"


@pytest.fixture
def sdg_framework(db):
    """The SDG goals and targets: loaded by migration, but an earlier transactional
    test's flush may have emptied them, so load them again (idempotent)."""
    from django.apps import apps

    importlib.import_module("cities.migrations.0002_load_sdg_framework").load(apps, None)


def label(text):
    """A field's label, ignoring the asterisk that marks a required one."""
    return re.compile(rf"^{re.escape(text)}( \*)?$")


def add_part(page, section, fields, button, opener):
    """Fill a part's add form, opening it first ("Add a member") unless it is open."""
    form = page.locator(f"#section-{section} form.add-form")
    if not form.count():
        page.locator(f"#section-{section}").get_by_role("link", name=opener).click()
        form.wait_for()
    for name, value in fields.items():
        field = form.get_by_label(label(name))
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.get_by_role("button", name=button).click()


def background_engagements(city):
    """A few earlier engagements, so the list looks like a working office's."""
    nagoya = PartnerFactory(city=city, name="City of Nagoya", country="JP")
    consulate = PartnerFactory(
        city=city,
        name="Consulate General of Mexico",
        country="MX",
        kind="diplomatic_mission",
        sensitivity_note="Election period: protocol review before any public event.",
    )
    rows = [
        ("Nagoya port partnership review", "meeting", "completed", (2026, 11, 3), nagoya),
        (
            "Consular corps briefing on emergencies",
            "consular_training",
            "completed",
            (2026, 10, 21),
            consulate,
        ),
        (
            "Sister-city youth exchange planning",
            "virtual_meeting",
            "planned",
            (2026, 12, 15),
            nagoya,
        ),
        ("C40 clean-ports working group", "conference", "confirmed", (2026, 12, 2), None),
    ]
    for title, kind, status, day, partner in rows:
        EngagementFactory(
            city=city,
            title=title,
            kind=kind,
            status=status,
            start_date=datetime.date(*day),
            location="City Hall, Los Angeles",
            partners=[partner] if partner else [],
        )


def test_editor_logs_a_delegation_and_a_viewer_reads_it(
    browser, page, live_server, editor, viewer, los_angeles, sdg_framework
):
    background_engagements(los_angeles)
    log_in(page, live_server, "la-editor")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Engagements").click()
    page.get_by_role("link", name="Log an engagement").click()

    # The engagement, with a partner that is not in the directory yet.
    page.get_by_label(label("Kind")).select_option("inbound_delegation")
    page.get_by_label(label("Status")).select_option("confirmed")
    page.get_by_label(label("Title")).fill(TITLE)
    page.get_by_label(label("Start date")).fill("2026-12-08")
    page.get_by_label(label("End date")).fill("2026-12-09")
    page.get_by_label(label("Location")).fill("City Hall, Los Angeles")
    page.get_by_text("Partner not in the directory? Add it here").click()
    page.get_by_label("New partner's name").fill("Busan Metropolitan City")
    page.get_by_label("New partner's country").select_option("KR")
    page.get_by_label("New partner's kind").select_option("city_government")
    page.locator(".sdg-picker summary", has_text="Show the 17 goals").click()
    page.locator(".sdg-picker summary", has_text="Goal 11:").click()
    page.locator(".sdg-picker label", has_text="11.6").locator("input").check()
    page.get_by_role("button", name="Save engagement").click()
    page.wait_for_load_state("networkidle")

    engagement = Engagement.objects.get(title=TITLE)
    assert page.url.endswith(f"/engagements/{engagement.pk}/")
    assert page.locator("h1").first.inner_text() == TITLE

    # Two members and a two-item itinerary, added in place.
    add_part(
        page,
        "members",
        {"Name": "Park Heong-joon", "Title": "Mayor of Busan", "Role": "head"},
        "Add member",
        "Add a member",
    )
    page.locator("#section-members").get_by_role(
        "cell", name="Park Heong-joon", exact=True
    ).wait_for()
    add_part(
        page,
        "members",
        {"Name": "Kim Min-ji", "Title": "Port director"},
        "Add member",
        "Add a member",
    )
    page.locator("#section-members").get_by_role("cell", name="Kim Min-ji", exact=True).wait_for()
    add_part(
        page,
        "itinerary",
        {
            "Date": "2026-12-08",
            "Start time": "09:00",
            "End time": "10:00",
            "Place": "City Hall",
            "Activity": "Courtesy call on the Mayor",
        },
        "Add itinerary item",
        "Add an itinerary item",
    )
    page.locator("#section-itinerary").get_by_role(
        "cell", name="Courtesy call on the Mayor", exact=True
    ).wait_for()
    add_part(
        page,
        "itinerary",
        {
            "Date": "2026-12-09",
            "Start time": "14:00",
            "End time": "16:00",
            "Place": "Port of Los Angeles",
            "Activity": "Green shipping corridor tour",
        },
        "Add itinerary item",
        "Add an itinerary item",
    )
    page.locator("#section-itinerary").get_by_role(
        "cell", name="Green shipping corridor tour", exact=True
    ).wait_for()
    assert DelegationMember.objects.filter(delegation__engagement=engagement).count() == 2
    assert ItineraryItem.objects.filter(delegation__engagement=engagement).count() == 2

    page.reload()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "delegation-detail.png"), full_page=True)

    # Found with the partner-country filter…
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Engagements").click()
    page.screenshot(path=str(SCREENSHOTS / "engagement-list.png"), full_page=True)
    page.get_by_label("Partner country").select_option("KR")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state("networkidle")
    results = page.locator("#results")
    results.get_by_text("Partner country:").wait_for()
    assert results.get_by_role("link", name=TITLE).is_visible()
    assert results.get_by_role("link", name="Nagoya port partnership review").count() == 0

    # …and on the partner's profile.
    results.get_by_role("link", name="Busan Metropolitan City").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "Busan Metropolitan City"
    assert page.get_by_role("link", name=TITLE).is_visible()

    # A viewer of the same city reads it, without a way to change it.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    viewer_page = context.new_page()
    try:
        log_in(viewer_page, live_server, "la-viewer")
        viewer_page.goto(f"{live_server.url}/engagements/{engagement.pk}/")
        assert viewer_page.locator("h1").first.inner_text() == TITLE
        assert viewer_page.get_by_role("cell", name="Park Heong-joon", exact=True).is_visible()
        assert viewer_page.get_by_role("link", name="Edit", exact=True).count() == 0
        assert viewer_page.get_by_role("button", name="Add member").count() == 0
        response = viewer_page.goto(f"{live_server.url}/engagements/{engagement.pk}/edit/")
        assert response.status == 403
    finally:
        context.close()
