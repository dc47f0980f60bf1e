"""The briefing pack: the visit at a glance, the partner, the tie with its city
(1959), earlier engagements, open follow-ups and the commitments whose SDG
targets overlap; in the city's language, on Letter and on A4."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from engagements.models import Gift
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    DelegationFactory,
    DelegationMemberFactory,
    EngagementFactory,
    FollowUpFactory,
    ItineraryItemFactory,
    PartnerFactory,
    SisterCityTieFactory,
    sdg_target,
)
from visits.briefing import briefing_html
from visits.models import Briefing

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def nagoya_visit(los_angeles, editor):
    nagoya = CityFactory(name="Nagoya", country="JP")
    SisterCityTieFactory(
        city=los_angeles, partner_city=nagoya, established_on=datetime.date(1959, 4, 1)
    )
    partner = PartnerFactory(
        city=los_angeles,
        name="City of Nagoya",
        country="JP",
        kind="city_government",
        partner_city=nagoya,
        sensitivity_note="Mayoral election in April: no policy announcements.",
    )
    ministry = PartnerFactory(
        city=los_angeles, name="Ministry of Land", country="JP", kind="national_government"
    )
    target = sdg_target("9.1")
    earlier = EngagementFactory(
        city=los_angeles,
        title="Port of Nagoya green shipping MOU",
        kind="agreement",
        start_date=datetime.date(2024, 9, 3),
        outcomes="Green shipping corridor MOU signed.",
        partners=[partner],
    )
    EngagementFactory(
        city=los_angeles,
        title="Japanese infrastructure ministry call",
        start_date=datetime.date(2025, 2, 1),
        partners=[ministry],
    )
    FollowUpFactory(engagement=earlier, description="Report corridor emissions", owner=editor)
    visit = EngagementFactory(
        city=los_angeles,
        title="Nagoya mayor's delegation",
        kind="inbound_delegation",
        status="confirmed",
        start_date=datetime.date(2026, 6, 20),
        location="Los Angeles City Hall",
        partners=[partner],
    )
    visit.sdg_targets.set([target])
    commitment = CommitmentFactory(city=los_angeles, title="Zero-emission port by 2035")
    commitment.sdg_targets.set([target])
    CommitmentFactory(city=los_angeles, title="Unrelated housing pledge")
    delegation = DelegationFactory(
        engagement=visit, protocol_level="mayor", interpreters_needed=True, press_needed=True
    )
    DelegationMemberFactory(delegation=delegation, name="Takashi Kawamura", role="head")
    ItineraryItemFactory(delegation=delegation, date=visit.start_date, activity="Port tour")
    Gift.objects.create(
        delegation=delegation,
        direction="given",
        description="Framed print of City Hall",
        giver="Mayor",
        recipient="Mayor of Nagoya",
    )
    Briefing.objects.create(
        engagement=visit, talking_points="Thank Nagoya for the 2025 youth exchange."
    )
    return visit


def test_briefing_shows_the_visit_the_tie_earlier_engagements_and_overlapping_commitments(
    nagoya_visit,
):
    html = briefing_html(nagoya_visit, today=TODAY)
    for expected in (
        "Nagoya mayor&#x27;s delegation",
        "Mayor or governor",  # protocol level
        "Takashi Kawamura",
        "Framed print of City Hall",
        "Mayoral election in April",
        "Established in 1959.",
        f"70th anniversary on {date_format(datetime.date(2029, 4, 1), 'DATE_FORMAT')}.",
        "Port of Nagoya green shipping MOU",
        "Green shipping corridor MOU signed.",
        "Japanese infrastructure ministry call",  # an earlier engagement with its country
        "Report corridor emissions",
        "Zero-emission port by 2035",
        "9.1",
        "Port tour",
        "Thank Nagoya for the 2025 youth exchange.",
    ):
        assert expected in html, expected
    assert "Unrelated housing pledge" not in html
    assert "size: letter" in html  # a U.S. city's default paper


def test_briefing_is_in_the_citys_language(nagoya_visit):
    nagoya_visit.city.locale = "es"
    nagoya_visit.city.save()
    html = briefing_html(nagoya_visit, today=TODAY)
    assert "La visita de un vistazo" in html and "Establecido en 1959." in html
    assert "The visit at a glance" not in html


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_briefing_pdf_prints_on_letter_and_a4(viewer_client, nagoya_visit, paper):
    response = viewer_client.get(reverse("briefing_pdf", args=[nagoya_visit.pk]), {"paper": paper})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) reads the PDF's text")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Port of Nagoya green shipping MOU" in text and "Zero-emission port by 2035" in text
    info = subprocess.run(
        ["pdfinfo", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert ("612 x 792" if paper == "letter" else "595.276 x 841.89") in info


def test_briefing_pack_is_scoped_like_its_engagement(other_client, nagoya_visit):
    assert other_client.get(reverse("briefing_pdf", args=[nagoya_visit.pk])).status_code == 404


def test_editor_writes_talking_points_a_viewer_cannot(editor_client, client, viewer, nagoya_visit):
    url = reverse("briefing_edit", args=[nagoya_visit.pk])
    response = editor_client.post(url, {"talking_points": "Congratulate the new port director."})
    assert response.status_code == 302
    assert Briefing.objects.get(engagement=nagoya_visit).talking_points.startswith("Congratulate")
    client.force_login(viewer)
    assert client.get(url).status_code == 403
