"""Schemathesis fuzzes every operation of the live OpenAPI schema as an editor:
whatever it sends, the API answers without a server error (no 5xx).

Selected with ``-m fuzz``; part of the ordinary run too. Examples per
operation are few (``EXAMPLES``) so the run stays around a minute.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token

from diplomacy.wsgi import application
from tests.factories import (
    CommitmentFactory,
    DelegationFactory,
    FollowUpFactory,
    ItineraryItemFactory,
    PartnerFactory,
    PersonFactory,
    SisterCityTieFactory,
)

pytestmark = pytest.mark.fuzz

EXAMPLES = 15


@pytest.fixture
def editor_token(editor, los_angeles, seattle):
    # Records of both cities, so the fuzzer's ids sometimes hit real rows.
    for city in (los_angeles, seattle):
        partner = PartnerFactory(city=city)
        PersonFactory(partner=partner)
        delegation = DelegationFactory(engagement__city=city)
        ItineraryItemFactory(delegation=delegation)
        FollowUpFactory(engagement=delegation.engagement)
        SisterCityTieFactory(city=city)
        CommitmentFactory(city=city)
    return Token.objects.create(user=editor).key


@pytest.fixture
def api_schema(editor_token):
    # The app is called in this thread, inside the test's transaction: it must
    # not close the connection at the end of each request as a server would.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/schema/", application, headers={"Authorization": f"Token {editor_token}"}
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_api_never_answers_with_a_server_error(api_schema, editor_token):
    headers = {"Authorization": f"Token {editor_token}"}
    server_errors = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 50

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            # CI replays one fixed set of examples, so a green build stays green;
            # elsewhere every run explores new inputs.
            derandomize=os.environ.get("CI") == "true",
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            response = case.call(headers=headers)
            if response.status_code >= 500:
                server_errors.append(
                    f"{case.method} {case.formatted_path}: {case.as_curl_command()}"
                )

        fuzz()

    assert not server_errors, "\n".join(server_errors)
