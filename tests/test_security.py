"""Login lockout, the client's address behind a proxy, and the Content-Security-Policy."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from diplomacy.client_ip import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def log_in(client, username, password, address):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_guessing_one_users_password_from_many_addresses_locks_that_user(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "la-editor", "wrong", f"203.0.113.{n + 1}")

    response = log_in(client, "la-editor", "secret-pass-123", "198.51.100.7")

    assert response.status_code == 429
    assert b"Too many failed" in response.content


def test_spraying_passwords_over_many_users_from_one_address_locks_the_address(
    client, editor, settings
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        UserFactory(username=f"sprayed-{n}")
        log_in(client, f"sprayed-{n}", "Summer2026!", "203.0.113.9")

    assert log_in(client, "la-editor", "secret-pass-123", "203.0.113.9").status_code == 429
    # The editor can still log in from their own address.
    assert log_in(client, "la-editor", "secret-pass-123", "198.51.100.7").status_code == 302


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_behind_one_proxy_the_client_is_the_address_the_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged the first entry; the proxy appended the real one.
    request = _request("10.0.0.2", "192.0.2.66, 203.0.113.1")
    assert client_ip(request) == "203.0.113.1"
    assert client_ip(_request("10.0.0.2")) == "10.0.0.2"
    assert client_ip(_request("10.0.0.2", "not-an-address")) == "10.0.0.2"


def test_lockout_behind_a_proxy_counts_the_clients_address(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        UserFactory(username=f"sprayed-{n}")
        client.post(
            reverse("login"),
            {"username": f"sprayed-{n}", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )

    from_the_sprayer = client.post(
        reverse("login"),
        {"username": "la-editor", "password": "secret-pass-123"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    from_the_editor = client.post(
        reverse("login"),
        {"username": "la-editor", "password": "secret-pass-123"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert from_the_sprayer.status_code == 429
    assert from_the_editor.status_code == 302


def test_every_page_carries_a_strict_content_security_policy(editor_client, los_angeles):
    for url in ("/login/", "/dashboard/", "/engagements/", "/api/docs/"):
        policy = editor_client.get(url).headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_holds_inline_script_style_or_event_handlers(settings):
    """The policy refuses them, so they would silently stop working in the browser."""
    import re

    forbidden = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"  # inline code
        r"|<style\b|\sstyle=|\son[a-z]+=",
        re.IGNORECASE,
    )
    offenders = []
    for path in sorted((settings.BASE_DIR / "templates").rglob("*.html")):
        if path.name.endswith("_pdf.html"):
            continue  # rendered by WeasyPrint into a PDF, never served as a page
        if "emails" in path.parts:
            continue  # email clients need inline styles; the CSP governs pages only
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if forbidden.search(line):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
