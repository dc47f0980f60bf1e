"""The public visit-request form: what a requester sends, what a bot is refused,
and that nothing the public sends is ever shown unescaped."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from engagements.models import Engagement
from tests.visits.conftest import request_data
from visits.briefing import briefing_html
from visits.choices import VisitRequestStatus
from visits.models import VisitRequest

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script><b>bold</b>'


def public_url(city):
    return reverse("visit_request_public", args=[city.slug])


def test_public_form_needs_no_login_and_speaks_spanish(client, los_angeles):
    response = client.get(public_url(los_angeles), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Solicitar una visita de cortesía a Los Angeles" in page
    assert "Enviar la solicitud" in page
    assert "Embajada o consulado" in page
    assert 'lang="es"' in page


def test_request_lands_in_the_queue_and_the_requester_gets_its_reference(
    client, los_angeles, fast_intake, committed
):
    response = committed(client.post, public_url(los_angeles), request_data())
    assert response.status_code == 302
    visit_request = VisitRequest.objects.get()
    assert visit_request.city == los_angeles
    assert visit_request.status == VisitRequestStatus.PENDING
    assert client.get(response["Location"]).content.decode().count(visit_request.reference) == 1
    (email,) = mail.outbox
    assert email.to == ["ana.perez@example.mx"]
    assert visit_request.reference in email.subject and visit_request.reference in email.body


def test_a_city_closed_to_requests_has_no_public_form(client, los_angeles):
    los_angeles.accepts_visit_requests = False
    los_angeles.save()
    assert client.get(public_url(los_angeles)).status_code == 404


def test_honeypot_is_refused_without_saving(client, los_angeles, fast_intake):
    response = client.post(public_url(los_angeles), request_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "could not accept this submission" in response.content.decode()
    assert not VisitRequest.objects.exists()
    assert not mail.outbox


def test_a_form_sent_faster_than_a_person_can_is_refused(client, los_angeles, settings):
    settings.VISIT_REQUEST_MIN_FILL_SECONDS = 30
    response = client.post(public_url(los_angeles), request_data())
    assert response.status_code == 400
    assert not VisitRequest.objects.exists()
    # What was typed is kept for the person to send again.
    assert "Consulate General of Mexico" in response.content.decode()


def test_a_form_without_its_signed_start_is_refused(client, los_angeles, fast_intake):
    response = client.post(public_url(los_angeles), request_data(started="forged"))
    assert response.status_code == 400
    assert not VisitRequest.objects.exists()


def test_too_many_requests_from_one_address_are_refused(client, los_angeles, fast_intake):
    fast_intake.VISIT_REQUEST_RATE_LIMIT = 2
    statuses = [client.post(public_url(los_angeles), request_data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert VisitRequest.objects.count() == 2
    # Another address is not held back.
    other = client.post(public_url(los_angeles), request_data(), REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 302


def test_oversized_fields_are_refused_with_the_form_kept(client, los_angeles, fast_intake):
    response = client.post(public_url(los_angeles), request_data(purpose="x" * 5000))
    assert response.status_code == 400
    assert not VisitRequest.objects.exists()


def test_a_request_body_past_the_size_limit_is_refused(client, los_angeles, fast_intake):
    response = client.post(public_url(los_angeles), request_data(purpose="x" * 70_000))
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert not VisitRequest.objects.exists()


def test_behind_a_proxy_the_rate_limit_counts_the_forwarded_address(
    client, los_angeles, fast_intake
):
    fast_intake.VISIT_REQUEST_RATE_LIMIT = 1
    fast_intake.VISIT_REQUEST_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    url = public_url(los_angeles)
    first = client.post(url, request_data(), HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.7")
    second = client.post(url, request_data(), HTTP_X_FORWARDED_FOR="198.51.100.7")
    other = client.post(url, request_data(), HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert [first.status_code, second.status_code, other.status_code] == [302, 429, 302]


def test_form_errors_are_summarised_in_spanish(client, los_angeles, fast_intake):
    response = client.post(
        public_url(los_angeles), request_data(contact_email="no"), HTTP_ACCEPT_LANGUAGE="es"
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Corrija los problemas indicados abajo" in page
    assert "Please correct" not in page


def test_a_past_date_is_refused_with_what_was_typed(client, los_angeles, fast_intake):
    response = client.post(public_url(los_angeles), request_data(preferred_start="2001-01-01"))
    assert response.status_code == 400
    assert "Ana Pérez" in response.content.decode()


def test_html_in_every_field_is_shown_escaped_in_queue_engagement_and_briefing(
    client, editor, los_angeles, fast_intake, committed
):
    typed_fields = (
        "organisation",
        "contact_name",
        "visitors",
        "purpose",
        "interpretation_language",
    )
    payload_fields = dict.fromkeys(typed_fields, PAYLOAD)
    response = committed(client.post, public_url(los_angeles), request_data(**payload_fields))
    assert response.status_code == 302
    visit_request = VisitRequest.objects.get()
    client.force_login(editor)
    for url in (
        reverse("visit_request_queue"),
        reverse("visit_request_detail", args=[visit_request.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<b>bold</b>" not in page
        assert "&lt;script&gt;alert" in page
    committed(client.post, reverse("visit_request_accept", args=[visit_request.pk]))
    engagement = Engagement.objects.get()
    page = client.get(reverse("engagement_detail", args=[engagement.pk])).content.decode()
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert" in page
    html = briefing_html(engagement, today=datetime.date.today())
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert" in html
    assert len(mail.outbox) == 2
    for email in mail.outbox:
        assert "<script>alert" not in email.alternatives[0][0]
