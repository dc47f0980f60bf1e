"""Follow-ups: added from an engagement, listed as "my follow-ups" with overdue
ones first, and marked done."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from engagements.choices import FollowUpStatus
from engagements.models import FollowUp
from tests.factories import EngagementFactory, FollowUpFactory

pytestmark = pytest.mark.django_db

LIST = reverse("follow_up_list")


@pytest.fixture
def engagement(los_angeles):
    return EngagementFactory(city=los_angeles, title="Nagoya port delegation")


def add_url(engagement):
    return reverse("part_add", args=[engagement.pk, "follow-ups"])


def test_editor_adds_a_follow_up_from_an_engagement(editor_client, engagement, editor):
    response = editor_client.post(
        add_url(engagement),
        {
            "new-follow-ups-description": "Send the MOU draft",
            "new-follow-ups-owner": editor.pk,
            "new-follow-ups-due_date": "2026-04-01",
            "form_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.owner == editor and follow_up.engagement == engagement


def test_a_follow_up_with_an_error_keeps_input(editor_client, engagement, other_editor):
    response = editor_client.post(
        add_url(engagement),
        {
            "new-follow-ups-description": "Kept description",
            "new-follow-ups-owner": other_editor.pk,  # not one of this city's staff
            "new-follow-ups-due_date": "2026-04-01",
        },
    )
    content = response.content.decode()
    assert 'value="Kept description"' in content
    assert "Select a valid choice" in content
    assert not FollowUp.objects.exists()


def test_my_follow_ups_lists_mine_open_with_overdue_first(
    editor_client, engagement, editor, viewer
):
    today = timezone.localdate()
    FollowUpFactory(
        engagement=engagement,
        owner=editor,
        description="Later one",
        due_date=today + datetime.timedelta(days=10),
    )
    FollowUpFactory(
        engagement=engagement,
        owner=editor,
        description="Overdue one",
        due_date=today - datetime.timedelta(days=3),
    )
    FollowUpFactory(engagement=engagement, owner=viewer, description="Someone else's")
    FollowUpFactory(
        engagement=engagement,
        owner=editor,
        description="Finished one",
        status=FollowUpStatus.DONE,
        completed_at=timezone.now(),
    )
    content = editor_client.get(LIST).content.decode()
    assert "My follow-ups" in content
    assert content.index("Overdue one") < content.index("Later one")
    assert "overdue</span>" in content
    assert "Someone else" not in content
    assert "Finished one" not in content


def test_editor_marks_a_follow_up_done(editor_client, engagement, editor):
    follow_up = FollowUpFactory(engagement=engagement, owner=editor)
    response = editor_client.post(reverse("follow_up_done", args=[follow_up.pk]))
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.DONE


def test_marking_done_with_htmx_returns_the_row(editor_client, engagement, editor):
    follow_up = FollowUpFactory(engagement=engagement, owner=editor)
    response = editor_client.post(
        reverse("follow_up_done", args=[follow_up.pk]), headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert content.lstrip().startswith(f'<tr id="follow-up-{follow_up.pk}"')
    assert "Done" in content


def test_viewer_sees_follow_ups_but_cannot_mark_them_done(viewer_client, engagement, viewer):
    follow_up = FollowUpFactory(engagement=engagement, owner=viewer, description="Viewer's")
    content = viewer_client.get(LIST).content.decode()
    assert "Viewer&#x27;s" in content or "Viewer's" in content
    assert "Mark done" not in content
    assert viewer_client.post(reverse("follow_up_done", args=[follow_up.pk])).status_code == 403


def test_another_citys_editor_gets_404_on_mark_done(other_client, engagement):
    follow_up = FollowUpFactory(engagement=engagement)
    assert other_client.post(reverse("follow_up_done", args=[follow_up.pk])).status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.OPEN


def test_follow_up_list_queries_do_not_grow_with_rows(
    editor_client, engagement, editor, django_assert_max_num_queries
):
    FollowUpFactory(engagement=engagement, owner=editor)
    # 11: the rows, the filters' choices, the user's saved views, the bulk owners.
    with django_assert_max_num_queries(11):
        response = editor_client.get(LIST)
    assert len(response.context["page"]) == 1
    for _ in range(49):
        FollowUpFactory(engagement=EngagementFactory(city=engagement.city), owner=editor)
    with django_assert_max_num_queries(11):
        response = editor_client.get(LIST)
    assert len(response.context["page"]) == 50
