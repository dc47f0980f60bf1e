"""The life of a visit request in a real browser (headless Debian Chromium).

A consulate fills in Los Angeles' public form in Spanish; the request lands in
the editors' triage queue flagged as a duplicate of last year's engagement on
the same topic; the editor accepts it with a reason, and it becomes an
engagement with its delegation and members. The requester's emails (locmem)
carry the reference number, in Spanish.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from engagements.models import DelegationMember, Engagement, Topic
from tests.conftest import log_in
from tests.factories import EngagementFactory, PartnerFactory
from visits.choices import VisitRequestStatus
from visits.models import VisitRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def label(text):
    return re.compile(rf"^{re.escape(text)}( \*)?$")


@pytest.fixture
def last_years_visit(los_angeles):
    consulate = PartnerFactory(
        city=los_angeles,
        name="Consulado General de México",
        country="MX",
        kind="diplomatic_mission",
    )
    engagement = EngagementFactory(
        city=los_angeles,
        kind="inbound_delegation",
        title="Consul general courtesy call on trade",
        start_date=timezone.localdate() - datetime.timedelta(days=320),
        partners=[consulate],
    )
    engagement.topics.set([Topic.objects.get(code="trade")])
    return engagement


def test_a_spanish_request_is_triaged_as_a_duplicate_and_accepted_into_an_engagement(
    browser, live_server, editor, los_angeles, last_years_visit, settings
):
    settings.VISIT_REQUEST_MIN_FILL_SECONDS = 0
    start = timezone.localdate() + datetime.timedelta(days=45)

    # The requester, whose browser asks for Spanish, on a phone-sized screen.
    requester = browser.new_context(locale="es-ES", viewport={"width": 390, "height": 844})
    page = requester.new_page()
    page.goto(f"{live_server.url}/request/los-angeles/")
    assert page.locator("h1").inner_text() == "Solicitar una visita de cortesía a Los Angeles"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label(label("Organización")).fill("Consulado General de México")
    page.get_by_label(label("País")).select_option("MX")
    page.get_by_label(label("Tipo de organización")).select_option("consulate")
    page.get_by_label(label("Persona de contacto")).fill("Ana Pérez")
    page.get_by_label(label("Correo electrónico de contacto")).fill("ana.perez@example.mx")
    page.get_by_label(label("Quién viene")).fill(
        "Carlos Gómez, Cónsul General\nLucía Torres, Agregada comercial"
    )
    page.get_by_label(label("Propósito de la visita")).fill(
        "Visita de cortesía a la alcaldesa sobre el comercio portuario."
    )
    page.get_by_label("Comercio e inversión").check()
    page.get_by_label(label("Primer día preferido")).fill(start.isoformat())
    page.get_by_label(label("Nivel solicitado")).select_option("mayor")
    page.get_by_label("Se necesita interpretación").check()
    page.get_by_label("Se espera prensa").check()
    page.get_by_role("button", name="Enviar la solicitud").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Solicitud recibida"
    visit_request = VisitRequest.objects.get()
    assert visit_request.reference in page.locator(".reference").inner_text()
    assert visit_request.language == "es"
    requester.close()

    # The editor finds it in the queue, flagged as a duplicate of last year's visit.
    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    page = staff.new_page()
    log_in(page, live_server, "la-editor")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    row = page.get_by_role("row").filter(has_text=visit_request.reference)
    assert "possible duplicate" in row.inner_text()
    row.get_by_role("link", name=visit_request.reference).click()
    flag = page.locator(".duplicate-flag")
    assert "Possible duplicate request." in flag.inner_text()
    assert last_years_visit.title in flag.inner_text()

    # Accepting it without a reason is refused; with one, it becomes an engagement.
    page.get_by_role("button", name="Accept and create the engagement").click()
    page.wait_for_load_state("networkidle")
    assert "say why it is accepted anyway" in page.content()
    page.get_by_label("Why accept it although it is a duplicate request?").fill(
        "New consul general: first courtesy call."
    )
    page.get_by_role("button", name="Accept and create the engagement").click()
    page.wait_for_load_state("networkidle")

    visit_request.refresh_from_db()
    assert visit_request.status == VisitRequestStatus.ACCEPTED
    assert visit_request.duplicate_reason == "New consul general: first courtesy call."
    engagement = Engagement.objects.get(pk=visit_request.engagement_id)
    assert page.url.endswith(f"/engagements/{engagement.pk}/")
    assert list(engagement.partners.all()) == list(last_years_visit.partners.all())
    members = DelegationMember.objects.filter(delegation__engagement=engagement).order_by("pk")
    assert [(m.name, m.role) for m in members] == [
        ("Carlos Gómez", "head"),
        ("Lucía Torres", "member"),
    ]
    assert page.locator("#section-members").get_by_role("cell", name="Carlos Gómez").count()

    # The queue and the request read on a phone too.
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/visit-requests/?show=all", f"/visit-requests/{visit_request.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    staff.close()

    # The requester was written to at each step, in Spanish, with the reference.
    to_requester = [m for m in mail.outbox if m.to == ["ana.perez@example.mx"]]
    assert len(to_requester) == 2
    for email in to_requester:
        assert visit_request.reference in email.subject
        assert visit_request.reference in email.body
        assert "Número de referencia" in email.body
    assert "aceptada" in to_requester[1].subject
