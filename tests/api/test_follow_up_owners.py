"""The API refuses a viewer as a follow-up's owner, as every door does."""

import pytest

from engagements.models import FollowUp
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_the_api_refuses_a_viewer_as_a_follow_ups_owner(api_editor, los_angeles, viewer, editor):
    engagement = EngagementFactory(city=los_angeles)
    response = api_editor.post(
        f"{API}/follow-ups/",
        {"engagement": engagement.pk, "description": "Call back", "owner": viewer.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "only editors own follow-ups" in str(response.json()["owner"])
    assert not FollowUp.objects.exists()

    accepted = api_editor.post(
        f"{API}/follow-ups/",
        {"engagement": engagement.pk, "description": "Call back", "owner": editor.pk},
        format="json",
    )
    assert accepted.status_code == 201
