"""``Idempotency-Key``: an API client that retries a create gets the first answer
back and no second record; the same key for another request is refused."""

import datetime

import pytest
from django.utils import timezone

from cities.models import IdempotencyKey, ProgressEntry
from engagements.models import Engagement
from tests.api.conftest import token_client
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

VISIT = {"kind": "meeting", "title": "Port call", "start_date": "2026-03-01", "status": "planned"}


def post(client, data, key, url="/api/v1/engagements/"):
    return client.post(url, data, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retried_create_answers_as_the_first_and_creates_nothing_new(api_editor, los_angeles):
    first = post(api_editor, VISIT, "7f1c9a60-retry")
    again = post(api_editor, VISIT, "7f1c9a60-retry")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert Engagement.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(api_editor, los_angeles):
    post(api_editor, VISIT, "key-1")

    response = post(api_editor, {**VISIT, "title": "Another visit"}, "key-1")

    assert response.status_code == 422
    assert "already used for a different request" in response.json()["detail"]
    assert list(Engagement.objects.values_list("title", flat=True)) == ["Port call"]


def test_without_a_key_every_post_creates(api_editor, los_angeles):
    api_editor.post("/api/v1/engagements/", VISIT, format="json")
    api_editor.post("/api/v1/engagements/", VISIT, format="json")

    assert Engagement.objects.count() == 2


def test_keys_are_each_users_own(api_editor, los_angeles, editor):
    from tests.factories import StaffMemberFactory, UserFactory

    colleague = StaffMemberFactory(user=UserFactory(username="la-colleague"), city=los_angeles)

    post(api_editor, VISIT, "shared-key")
    response = post(token_client(colleague.user), VISIT, "shared-key")

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response.headers
    assert Engagement.objects.count() == 2


def test_a_refused_create_keeps_no_key_so_the_corrected_request_can_use_it(api_editor, los_angeles):
    refused = post(api_editor, {**VISIT, "start_date": "9999-12-31"}, "key-2")
    corrected = post(api_editor, VISIT, "key-2")

    assert refused.status_code == 400
    assert corrected.status_code == 201
    assert Engagement.objects.count() == 1


def test_an_expired_key_is_forgotten(api_editor, los_angeles, settings):
    post(api_editor, VISIT, "old-key")
    IdempotencyKey.objects.update(
        created_at=timezone.now() - datetime.timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL + 1)
    )

    response = post(api_editor, VISIT, "old-key")

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response.headers
    assert Engagement.objects.count() == 2
    assert IdempotencyKey.objects.count() == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "clé", "tab\there"])
def test_an_unusable_key_is_a_400_naming_the_header(api_editor, los_angeles, key):
    response = post(api_editor, VISIT, key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert not Engagement.objects.exists()


def test_a_retried_progress_entry_is_recorded_once(api_editor, los_angeles):
    commitment = CommitmentFactory(city=los_angeles)
    url = f"/api/v1/commitments/{commitment.pk}/progress/"
    entry = {"date": "2026-03-01", "value": "12.5"}

    first = post(api_editor, entry, "progress-1", url=url)
    again = post(api_editor, entry, "progress-1", url=url)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert ProgressEntry.objects.count() == 1


def test_a_viewer_is_refused_whatever_the_key(api_viewer, los_angeles):
    assert post(api_viewer, VISIT, "viewer-key").status_code == 403
    assert not IdempotencyKey.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_with_one_key_create_once(editor, los_angeles):
    """The second waits on the key's unique index, then answers with the first's record."""
    import threading

    from django.db import connection, connections

    from tests.conftest import require_service

    if connection.vendor != "postgresql":
        require_service("concurrent requests need PostgreSQL (DATABASE_URL)")
    barrier = threading.Barrier(2)
    answers = []
    clients = [token_client(editor), token_client(editor)]

    def send(client):
        try:
            barrier.wait(timeout=10)
            answers.append(post(client, VISIT, "simultaneous"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert Engagement.objects.count() == 1
