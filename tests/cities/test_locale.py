"""For everyone, in their language and their city's ways: a staff member switches
to Spanish in the header and finds it again on their next log-in, on any device; a
Los Angeles office reads month-first dates, dollars as "$1,200,000" and times in
Pacific time, while Barcelona and Mexico City read day-first dates; each city's
PDFs come on its own paper (US Letter in the United States, A4 elsewhere)."""

import datetime
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cities.choices import StaffRole
from cities.models import UserPreference
from engagements.choices import PeriodKind
from engagements.models import CityReport
from engagements.reporting.compute import report_build
from tests.factories import (
    CityFactory,
    EngagementFactory,
    ParticipatingCityFactory,
    StaffMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"
NBSP = "\u00a0"


@pytest.fixture
def barcelona(db):
    return ParticipatingCityFactory(
        city=CityFactory(name="Barcelona", country="ES", time_zone="Europe/Madrid"),
        slug="barcelona",
        locale="es",
        time_zone="Europe/Madrid",
    )


@pytest.fixture
def mexico_city(db):
    return ParticipatingCityFactory(
        city=CityFactory(name="Mexico City", country="MX", time_zone="America/Mexico_City"),
        slug="mexico-city",
        locale="es-mx",
        time_zone="America/Mexico_City",
    )


def staff_of(city, username):
    return StaffMemberFactory(
        user=UserFactory(username=username), city=city, role=StaffRole.EDITOR
    ).user


def logged_in(user) -> Client:
    """A browser that logs in through the log-in form (no language cookie yet)."""
    browser = Client()
    response = browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the log-in failed"
    return browser


def page(browser, url) -> str:
    response = browser.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_language_switched_in_the_header_follows_the_user_to_their_next_log_in(editor):
    laptop = logged_in(editor)
    dashboard = page(laptop, reverse("dashboard"))
    assert 'aria-pressed="true">English</button>' in dashboard
    assert "international work" in dashboard

    response = laptop.post(reverse("set_language"), {"language": "es", "next": "/dashboard/"})

    assert response.status_code == 302 and response.url == "/dashboard/"
    assert UserPreference.objects.get(user=editor).language == "es"
    assert "trabajo internacional" in page(laptop, reverse("dashboard"))

    laptop.post(reverse("logout"))
    # Another device, whose browser asks for English and holds no language cookie.
    phone = logged_in(editor)
    dashboard = phone.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "trabajo internacional" in dashboard
    assert 'aria-pressed="true">Español</button>' in dashboard

    # Switching back is remembered the same way.
    phone.post(reverse("set_language"), {"language": "en", "next": "/dashboard/"})
    assert "international work" in page(logged_in(editor), reverse("dashboard"))


def test_without_a_choice_staff_read_their_citys_language_and_visitors_their_browsers(
    client, mexico_city, editor
):
    mexican = staff_of(mexico_city, "cdmx-editor")

    assert "trabajo internacional" in page(logged_in(mexican), reverse("dashboard"))
    assert "international work" in page(logged_in(editor), reverse("dashboard"))
    login_page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Iniciar sesión" in login_page


def test_the_language_switch_refuses_a_language_the_desk_does_not_speak(editor):
    browser = logged_in(editor)

    browser.post(reverse("set_language"), {"language": "xx", "next": "/dashboard/"})

    assert not UserPreference.objects.filter(user=editor).exists()
    assert "international work" in page(browser, reverse("dashboard"))


def test_los_angeles_reads_month_first_dates_and_barcelona_and_mexico_day_first(
    los_angeles, barcelona, mexico_city
):
    la_staff = staff_of(los_angeles, "la-staff")
    barcelona_staff = staff_of(barcelona, "bcn-staff")
    mexican = staff_of(mexico_city, "cdmx-staff")
    UserPreference.objects.create(user=barcelona_staff, language="en")
    when = datetime.date(2026, 12, 14)
    meetings = {
        city: EngagementFactory(city=city, start_date=when, end_date=when)
        for city in (los_angeles, barcelona, mexico_city)
    }

    def detail(user, city):
        return page(logged_in(user), reverse("engagement_detail", args=[meetings[city].pk]))

    assert "Monday, December 14, 2026" in detail(la_staff, los_angeles)
    assert "Monday, 14 December 2026" in detail(barcelona_staff, barcelona)
    # Django's Mexican Spanish capitalises day and month names ("Lunes, 14 de Diciembre").
    assert "lunes, 14 de diciembre de 2026" in detail(mexican, mexico_city).lower()


def test_dollar_amounts_are_written_as_each_language_writes_them(editor, los_angeles):
    engagement = EngagementFactory(city=los_angeles, investment_usd=Decimal("1200000.00"))
    url = reverse("engagement_detail", args=[engagement.pk])
    browser = logged_in(editor)

    assert "$1,200,000" in page(browser, url)
    browser.post(reverse("set_language"), {"language": "es", "next": url})
    assert f"1.200.000{NBSP}US$" in page(browser, url)


def test_staff_read_times_in_their_citys_time_zone(los_angeles, barcelona):
    los_angeles.time_zone = "America/Los_Angeles"
    los_angeles.save()
    la_staff = staff_of(los_angeles, "la-staff")
    barcelona_staff = staff_of(barcelona, "bcn-staff")
    UserPreference.objects.create(user=barcelona_staff, language="en")
    year_start = timezone.localdate().replace(month=1, day=1)
    for city in (los_angeles, barcelona):
        report_build(city=city, period_kind=PeriodKind.YEAR, day=year_start)
    computed = datetime.datetime(2026, 12, 14, 20, 0, tzinfo=datetime.UTC)
    CityReport.objects.update(computed_at=computed)
    url = f"{reverse('dashboard')}?period=this-year"

    la_dashboard = page(logged_in(la_staff), url)
    barcelona_dashboard = page(logged_in(barcelona_staff), url)

    assert "12/14/2026 12:00 PM" in la_dashboard  # 20:00 UTC, in Pacific time
    assert "14/12/2026 21:00" in barcelona_dashboard  # in Central European time


@pytest.mark.parametrize(
    ("city_fixture", "paper"),
    [("los_angeles", "612 x 792"), ("barcelona", "595.276 x 841.89")],
    ids=["US Letter in Los Angeles", "A4 in Barcelona"],
)
def test_a_citys_report_pdf_is_printed_on_its_paper(request, city_fixture, paper):
    city = request.getfixturevalue(city_fixture)
    browser = logged_in(staff_of(city, "staff"))

    response = browser.get(reverse("dashboard_pdf"), {"period": "this-year"})

    assert response.status_code == 200
    sizes = page_sizes(response.content)
    assert sizes and all(size.startswith(paper) for size in sizes), sizes


def page_sizes(pdf: bytes) -> list[str]:
    """The size of every page of a PDF in points ("612 x 792 pts (letter)"), by pdfinfo."""
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) reads the PDF's page sizes")
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return re.findall(r"^Page\s+\d+ size:\s+(.+)$", info, flags=re.MULTILINE)
