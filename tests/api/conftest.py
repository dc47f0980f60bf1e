"""API clients for the shared personas, each authenticated with its own token."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fuzz: schemathesis fuzzing of the live OpenAPI schema (select with -m fuzz)"
    )


def token_client(user) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api_editor(editor):
    return token_client(editor)


@pytest.fixture
def api_viewer(viewer):
    return token_client(viewer)


@pytest.fixture
def api_other(other_editor):
    return token_client(other_editor)


@pytest.fixture
def api_admin(site_admin):
    return token_client(site_admin)
