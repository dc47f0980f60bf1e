"""The public page and the review draft in headless Chromium at a phone's 390 px:
no horizontal scrolling, the sister cities drawn on the offline map."""

import datetime

import pytest
from django.core.cache import cache

from engagements.choices import EngagementStatus
from reviews.services import local_review_create
from tests.conftest import log_in
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    EngagementFactory,
    PartnerFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
    sdg_target,
)
from transparency.services import public_profile_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def published_city(city, editor):
    cache.clear()
    public_profile_create(city=city, editor=editor, is_published=True, introduction="Hello.")
    partner = PartnerFactory(
        city=city, name="Guangzhou Municipal People's Government", country="CN"
    )
    for index in range(3):
        engagement = EngagementFactory(
            city=city,
            is_public=True,
            status=EngagementStatus.COMPLETED,
            title=f"A rather long public engagement title about port decarbonisation {index}",
            start_date=datetime.date(2026, 3, 1 + index),
        )
        engagement.partners.set([partner])
        engagement.sdg_targets.set([sdg_target("11.2"), sdg_target("13.2")])
    SisterCityTieFactory(
        city=city,
        partner_city=CityFactory(name="Nagoya", country="JP", latitude=35.18, longitude=136.9),
    )
    commitment = CommitmentFactory(city=city, title="Cut citywide greenhouse-gas emissions in half")
    commitment.sdg_targets.set([sdg_target("13.2")])
    for year, value in ((2022, 90), (2024, 80), (2026, 70)):
        ProgressEntryFactory(commitment=commitment, date=datetime.date(year, 6, 1), value=value)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_public_page_and_review_fit_a_phone(browser, live_server, editor, los_angeles):
    published_city(los_angeles, editor)
    local_review_create(city=los_angeles, year=2026, editor=editor)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/public/los-angeles/")
        page.wait_for_selector("#world-map[data-drawn='true'] svg")
        assert page.locator("#world-map circle.map-tie").count() == 1
        assert page.locator(".public-item").count() == 3
        assert fits(page)

        log_in(page, live_server, "la-editor")
        page.goto(f"{live_server.url}/vlr/los-angeles/2026/")
        assert page.locator("svg.progress-chart").count() >= 1
        assert page.get_by_label("Narrative").first.is_visible()
        assert fits(page)
    finally:
        context.close()
