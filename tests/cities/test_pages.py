"""Logging in, the home page, and the health check."""

import pytest
from django.urls import reverse

from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def test_the_login_page_is_served(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Log in" in response.content


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert b"Log in" in response.content


def test_an_editor_logs_in_and_lands_on_their_citys_home(client, editor, los_angeles, seattle):
    EngagementFactory(city=los_angeles, title="Nagoya port delegation")
    EngagementFactory(city=seattle, title="Kobe mayor visit")
    response = client.post(
        reverse("login"), {"username": "la-editor", "password": "secret-pass-123"}, follow=True
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Los Angeles" in content
    assert "Nagoya port delegation" in content
    assert "Kobe mayor visit" not in content


def test_a_wrong_password_keeps_the_username_and_says_why(client, editor):
    response = client.post(reverse("login"), {"username": "la-editor", "password": "nope"})
    assert response.status_code == 200
    assert b'value="la-editor"' in response.content
    assert b"Please enter a correct username and password" in response.content


def test_repeated_failed_logins_are_throttled(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "la-editor", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "la-editor", "password": "secret-pass-123"}
    )
    assert response.status_code == 429
    assert b"Too many failed" in response.content


def test_health_check_reports_database_and_broker(client, settings):
    settings.CELERY_BROKER_URL = settings.CELERY_REAL_BROKER_URL
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": True, "broker": True, "cache": True}


def test_health_check_names_what_is_down(client, monkeypatch):
    from cities import health

    monkeypatch.setattr(health, "broker_ok", lambda: False)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["down"] == ["broker"]


def test_health_check_finds_an_unreachable_broker(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert "broker" in response.json()["down"]


def test_readiness_checks_the_cache_too(client, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get(reverse("healthz-ready"))
    assert response.status_code == 503
    assert response.json()["down"] == ["cache"]


def test_liveness_answers_while_every_dependency_is_down(client, monkeypatch):
    from cities import health

    for check in ("database_ok", "broker_ok", "cache_ok"):
        monkeypatch.setattr(health, check, lambda: False)
    assert client.get(reverse("healthz-ready")).status_code == 503
    response = client.get(reverse("healthz-live"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
