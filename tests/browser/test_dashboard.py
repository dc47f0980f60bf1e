"""The dashboard in headless Chromium: charts and the offline map are drawn, the
screenshot and the PDF export's first page are saved to docs/screenshots/."""

import datetime
import random
import shutil
import subprocess
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from cities.choices import PartnerKind, TieStatus
from cities.models import SdgGoal
from engagements.choices import EngagementKind, EngagementStatus, FollowUpStatus
from engagements.models import Topic
from engagements.periods import add_months
from engagements.reporting.compute import reports_rebuild_city
from tests.conftest import log_in
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    EngagementFactory,
    FollowUpFactory,
    PartnerFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
    sdg_target,
)

# Serialized rollback restores the reference data (SDG goals, topics) that migrations
# load, and keeps this test from upsetting the other serialized browser tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
PDFTOPPM = "/usr/bin/pdftoppm"

# (partner, country, kind, seat: (city, latitude, longitude) or None)
PARTNERS = [
    ("City of Nagoya", "JP", PartnerKind.CITY_GOVERNMENT, ("Nagoya", "35.18147", "136.90641")),
    ("Consulate General of Japan", "JP", PartnerKind.DIPLOMATIC_MISSION, None),
    ("Guangzhou Municipal Government", "CN", PartnerKind.CITY_GOVERNMENT, None),
    (
        "Busan Metropolitan City",
        "KR",
        PartnerKind.CITY_GOVERNMENT,
        ("Busan", "35.10168", "129.03004"),
    ),
    (
        "Mexico City Government",
        "MX",
        PartnerKind.CITY_GOVERNMENT,
        ("Mexico City", "19.42847", "-99.12766"),
    ),
    ("Embassy of France", "FR", PartnerKind.DIPLOMATIC_MISSION, None),
    ("Ville de Bordeaux", "FR", PartnerKind.CITY_GOVERNMENT, ("Bordeaux", "44.84044", "-0.5805")),
    ("Port of Rotterdam", "NL", PartnerKind.BUSINESS, None),
    ("Mumbai Climate Action Cell", "IN", PartnerKind.CITY_GOVERNMENT, None),
    ("Government of Ghana", "GH", PartnerKind.NATIONAL_GOVERNMENT, None),
    ("City of Auckland", "NZ", PartnerKind.CITY_GOVERNMENT, ("Auckland", "-36.84853", "174.76349")),
    ("Universidade de São Paulo", "BR", PartnerKind.ACADEMIC, None),
    ("Canadian Trade Office", "CA", PartnerKind.NATIONAL_GOVERNMENT, None),
    ("City of Berlin", "DE", PartnerKind.CITY_GOVERNMENT, ("Berlin", "52.52437", "13.41053")),
    ("UN-Habitat", "KE", PartnerKind.INTERNATIONAL_ORGANISATION, None),
    ("Philippine Consulate", "PH", PartnerKind.DIPLOMATIC_MISSION, None),
]
GOALS = ["11.6", "13.2", "8.3", "17.17", "4.7", "9.1", "3.9", "7.2"]


@pytest.fixture
def reference_data():
    """The SDG framework and topics, reloaded if an earlier transactional test flushed them."""
    from django.apps import apps

    if not SdgGoal.objects.exists():
        import_module("cities.migrations.0002_load_sdg_framework").load(apps, None)
    if not Topic.objects.exists():
        import_module("engagements.migrations.0002_load_topics").load(apps, None)


def a_year_of_work(city, today):
    """Two years of engagements, drawn with a fixed seed so the screenshot is stable."""
    chance = random.Random(4)
    partners = []
    for name, country, kind, seat in PARTNERS:
        partner_city = None
        if seat:
            partner_city = CityFactory(
                name=seat[0], country=country, latitude=Decimal(seat[1]), longitude=Decimal(seat[2])
            )
            SisterCityTieFactory(city=city, partner_city=partner_city, status=TieStatus.ACTIVE)
        partners.append(
            PartnerFactory(
                city=city, name=name, country=country, kind=kind, partner_city=partner_city
            )
        )
    topics = list(Topic.objects.all())
    targets = [sdg_target(code) for code in GOALS]
    kinds = EngagementKind.values
    for index in range(150):
        day = add_months(today, -chance.randint(0, 23)) + datetime.timedelta(
            days=chance.randint(0, 27)
        )
        engagement = EngagementFactory(
            city=city,
            kind=chance.choice(kinds),
            status=chance.choice([EngagementStatus.COMPLETED] * 4 + [EngagementStatus.CANCELLED]),
            start_date=day,
            title=f"Engagement {index}",
            investment_usd=Decimal(chance.choice([0, 0, 0, 250_000, 1_500_000, 12_000_000])),
            jobs_announced=chance.choice([None, None, 15, 40, 120]),
            partners=chance.sample(partners, chance.randint(1, 2)),
        )
        engagement.topics.set(chance.sample(topics, chance.randint(1, 2)))
        engagement.sdg_targets.set(chance.sample(targets, chance.randint(0, 2)))
        if index % 9 == 0:
            FollowUpFactory(
                engagement=engagement,
                due_date=today - datetime.timedelta(days=index),
                status=FollowUpStatus.OPEN,
            )
    for offset in range(3):
        EngagementFactory(
            city=city,
            kind=EngagementKind.INBOUND_DELEGATION,
            status=EngagementStatus.CONFIRMED,
            title=f"Delegation from {partners[offset * 3].name}",
            start_date=today + datetime.timedelta(days=7 * (offset + 1)),
            location="City Hall",
        )
    for value in (60, 90):
        ProgressEntryFactory(commitment=CommitmentFactory(city=city), value=value)
    reports_rebuild_city(city=city, today=today)


def test_dashboard_draws_its_charts_and_map_and_prints_a_pdf(
    page, live_server, viewer, los_angeles, reference_data
):
    today = timezone.localdate()
    a_year_of_work(los_angeles, today)

    log_in(page, live_server, "la-viewer")
    page.goto(f"{live_server.url}/dashboard/?period=last-12-months")

    for chart in ("chart-monthly", "chart-countries", "chart-topics", "chart-sdg"):
        page.wait_for_selector(f"#{chart}[data-drawn='true']")
    page.wait_for_selector("#world-map[data-drawn='true'] svg")
    assert page.locator("#world-map path.map-country").count() > 150
    assert page.locator("#world-map path.has-engagements").count() >= 10
    assert page.locator("#world-map circle.map-tie").count() == 6
    assert page.locator(".kpi-engagements .kpi-value").inner_text() != "0"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)

    pdf = page.request.get(f"{live_server.url}/dashboard/report.pdf?period=last-12-months")
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    if not shutil.which(PDFTOPPM):
        pytest.skip("pdftoppm is needed to render the PDF's first page")
    pdf_path = SCREENSHOTS / "report.pdf.tmp"
    pdf_path.write_bytes(pdf.body())
    try:
        subprocess.run(
            [
                PDFTOPPM,
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf_path),
                str(SCREENSHOTS / "report-pdf"),
            ],
            check=True,
            timeout=60,
        )
    finally:
        pdf_path.unlink()
    assert (SCREENSHOTS / "report-pdf.png").stat().st_size > 10_000


def test_refresh_now_shows_progress_until_the_new_figures_appear(
    page, live_server, editor, los_angeles
):
    EngagementFactory.create_batch(2, city=los_angeles, start_date=timezone.localdate())

    log_in(page, live_server, "la-editor")
    page.goto(f"{live_server.url}/dashboard/")
    assert page.locator(".kpi-engagements .kpi-value").inner_text() == "0"

    page.get_by_role("button", name="Refresh now").click()

    # A locator waits without evaluating a string in the page, which the CSP forbids.
    expect(page.locator(".kpi-engagements .kpi-value")).to_have_text("2", timeout=20_000)
    assert "Figures computed" in page.locator("#computed-at").inner_text()
