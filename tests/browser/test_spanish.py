"""A Los Angeles staff member who works in Spanish, in headless Chromium: they
switch to Español in the header; the dashboard has Spanish headings and Spanish
dates; the engagement form has Spanish labels, and a submission with a mistake
comes back in Spanish with what they typed. The laptop screenshot of the Spanish
dashboard is saved to docs/screenshots/dashboard-es-laptop.png."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from cities.models import UserPreference
from tests.browser.test_dashboard import a_year_of_work, reference_data  # noqa: F401
from tests.conftest import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def test_a_staff_member_works_in_spanish(
    browser,
    live_server,
    editor,
    los_angeles,
    reference_data,  # noqa: F811
):
    today = timezone.localdate()
    a_year_of_work(los_angeles, today)
    first_visit = today + datetime.timedelta(days=7)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/dashboard/?period=last-12-months")
    assert page.locator("h1 .dash-subtitle").inner_text() == "international work"

    language = page.get_by_role("group", name="Language")
    language.get_by_role("button", name="Español").click()
    page.wait_for_load_state("networkidle")

    # The dashboard, in Spanish: headings, and dates written the Spanish way.
    assert page.locator("html").get_attribute("lang").startswith("es")
    assert page.locator("h1 .dash-subtitle").inner_text() == "trabajo internacional"
    assert page.get_by_text("Cifras calculadas").is_visible()
    assert page.get_by_role("link", name="Exportar PDF").is_visible()
    visit_day = f"{first_visit.day} de {MESES[first_visit.month - 1]}"
    assert page.locator("time", has_text=visit_day).count() >= 1
    switch = page.get_by_role("group", name="Idioma")
    assert switch.get_by_role("button", name="Español").get_attribute("aria-pressed") == "true"
    assert UserPreference.objects.get(user=editor).language == "es"
    for chart in ("chart-monthly", "chart-countries", "chart-topics", "chart-sdg"):
        page.wait_for_selector(f"#{chart}[data-drawn='true']")
    page.wait_for_selector("#world-map[data-drawn='true'] svg")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-es-laptop.png"), full_page=True)

    # The engagement form, in Spanish; a mistake comes back in Spanish, nothing lost.
    page.goto(f"{live_server.url}/engagements/new/")
    assert page.locator("h1").inner_text() == "Registrar una actividad"
    assert page.locator("legend", has_text="Qué y cuándo").is_visible()
    page.locator("input[name=title]").fill("Visita de la delegación de Guadalajara")
    page.locator("input[name=start_date]").fill("")
    page.get_by_role("button", name="Guardar la actividad").click()
    page.wait_for_load_state("networkidle")

    summary = page.locator("#error-summary")
    assert "Corrija" in summary.inner_text()
    assert "Lo que escribió se conserva." in summary.inner_text()
    assert page.get_by_text("Este campo es requerido.").first.is_visible()
    title = page.locator("input[name=title]").input_value()
    assert title == "Visita de la delegación de Guadalajara"
    assert page.locator("html").get_attribute("lang").startswith("es")
    context.close()
