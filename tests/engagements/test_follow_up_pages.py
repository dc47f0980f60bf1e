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


# --- Owners, views and the dashboard's figure ------------------------------------


def opened_add_form(client, engagement):
    """The add form as "Add a follow-up" opens it (htmx) in its section."""
    section = client.get(add_url(engagement), headers={"HX-Request": "true"})
    return section.context["section"]["add_form"]


def test_a_new_follow_up_form_offers_its_author_as_owner(editor_client, engagement, editor):
    form = opened_add_form(editor_client, engagement)
    assert form["owner"].value() == editor.pk


def test_viewers_are_not_offered_as_owners(editor_client, engagement, editor, viewer):
    owners = opened_add_form(editor_client, engagement).fields["owner"].queryset
    assert editor in owners and viewer not in owners


def test_every_door_refuses_a_viewer_as_owner(engagement, editor, viewer):
    from django.core.exceptions import ValidationError

    from engagements import services

    with pytest.raises(ValidationError, match="only editors own follow-ups"):
        services.follow_up_create(
            engagement=engagement, editor=editor, description="x", owner=viewer
        )
    follow_up = services.follow_up_create(
        engagement=engagement, editor=editor, description="y", owner=editor
    )
    with pytest.raises(ValidationError, match="only editors own follow-ups"):
        services.follow_up_update(follow_up=follow_up, editor=editor, owner=viewer)


def test_a_follow_up_whose_owner_became_a_viewer_can_still_be_closed(engagement, editor):
    from engagements import services

    follow_up = services.follow_up_create(
        engagement=engagement, editor=editor, description="y", owner=editor
    )
    editor.staff.role = "viewer"
    editor.staff.save()
    services.follow_up_complete(follow_up=follow_up, editor=editor)
    assert follow_up.status == FollowUpStatus.DONE


def test_a_follow_up_added_without_choosing_is_found_under_mine(editor_client, engagement, editor):
    form = opened_add_form(editor_client, engagement)
    editor_client.post(
        add_url(engagement),
        {
            "new-follow-ups-description": "Book the interpreter",
            "new-follow-ups-owner": form["owner"].value(),
            "new-follow-ups-due_date": "",
        },
    )
    content = editor_client.get(LIST).content.decode()
    assert "My follow-ups" in content and "Book the interpreter" in content


@pytest.fixture
def city_follow_ups(engagement, editor, los_angeles):
    from tests.factories import StaffMemberFactory, UserFactory

    colleague = StaffMemberFactory(
        user=UserFactory(username="colleague", first_name="Aiko", last_name="Tanaka"),
        city=los_angeles,
    ).user
    today = timezone.localdate()
    past = today - datetime.timedelta(days=5)
    return {
        "mine": FollowUpFactory(
            engagement=engagement,
            owner=editor,
            description="Mine open",
            due_date=today + datetime.timedelta(days=5),
        ),
        "colleague": FollowUpFactory(
            engagement=engagement, owner=colleague, description="Colleague open", due_date=past
        ),
        "nobody": FollowUpFactory(
            engagement=engagement, owner=None, description="Nobody's open", due_date=past
        ),
        "done": FollowUpFactory(
            engagement=engagement,
            owner=colleague,
            description="Colleague done",
            status=FollowUpStatus.DONE,
            completed_at=timezone.now(),
            due_date=past,
        ),
    }


@pytest.mark.parametrize(
    ("view", "shown", "heading"),
    [
        ("mine", {"Mine open"}, "My follow-ups"),
        ("city", {"Mine open", "Colleague open", "Nobody&#x27;s open"}, "My city&#x27;s open"),
        ("unassigned", {"Nobody&#x27;s open"}, "Unassigned follow-ups"),
        ("overdue", {"Colleague open", "Nobody&#x27;s open"}, "Overdue follow-ups"),
    ],
)
def test_follow_up_views_show_what_they_say(editor_client, city_follow_ups, view, shown, heading):
    params = {"view": view, "status": "open"} if view == "mine" else {"view": view}
    content = editor_client.get(LIST, params).content.decode()
    assert heading in content
    everything = {"Mine open", "Colleague open", "Nobody&#x27;s open", "Colleague done"}
    for description in everything:
        assert (description in content) == (description in shown), description


def test_views_show_owners_by_full_name_in_table_and_filter(editor_client, city_follow_ups):
    content = editor_client.get(LIST, {"view": "city"}).content.decode()
    assert "<td>Aiko Tanaka</td>" in content
    assert ">Aiko Tanaka</option>" in content
    assert ">colleague<" not in content


def test_another_citys_editor_sees_none_of_its_follow_ups_in_any_view(
    other_client, city_follow_ups
):
    for view in ("city", "unassigned", "overdue"):
        response = other_client.get(LIST, {"view": view})
        assert len(response.context["page"]) == 0, view


def test_the_dashboards_overdue_figure_counts_what_its_list_shows(
    viewer_client, city_follow_ups, engagement
):
    # An overdue follow-up of an engagement outside the dashboard's period counts too.
    old = EngagementFactory(city=engagement.city, start_date=datetime.date(2019, 5, 1))
    FollowUpFactory(
        engagement=old,
        description="From 2019",
        due_date=timezone.localdate() - datetime.timedelta(days=400),
    )
    dashboard = viewer_client.get(reverse("dashboard"))
    listed = viewer_client.get(LIST, {"view": "overdue", "city": "los-angeles"})
    assert dashboard.context["figures"]["follow_ups_overdue"] == listed.context["page"].count == 3
    content = dashboard.content.decode()
    assert 'data-kpi="follow_ups_overdue">3<' in content
    assert "See all 3 overdue follow-ups" in content
    assert "/follow-ups/?view=overdue&amp;city=los-angeles" in content


def test_follow_up_views_run_a_fixed_number_of_queries(
    editor_client, engagement, editor, django_assert_max_num_queries
):
    for _ in range(30):
        FollowUpFactory(engagement=engagement, owner=None, due_date=datetime.date(2020, 1, 1))
    for view in ("city", "unassigned", "overdue"):
        with django_assert_max_num_queries(11):
            response = editor_client.get(LIST, {"view": view})
        assert len(response.context["page"]) == 30
