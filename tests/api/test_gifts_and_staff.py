"""The read-only API resources: the gifts register and the city's staff (the ids a
client names as owners), scoped like every other resource; progress entries
corrected at their own endpoint, one value per day; memberships filtered and
sorted by the list page's filter class."""

import datetime

import pytest

from cities.choices import StaffRole
from tests.factories import (
    CityNetworkFactory,
    CommitmentFactory,
    DelegationFactory,
    NetworkMembershipFactory,
    ProgressEntryFactory,
    StaffMemberFactory,
    UserFactory,
)

API = "/api/v1"
pytestmark = pytest.mark.django_db


def make_gift(city, **fields):
    from engagements.models import Gift

    delegation = DelegationFactory(engagement__city=city)
    values = {
        "direction": "received",
        "description": "Lacquered box",
        "value_usd": "120.00",
        "giver": "Mayor of Nagoya",
        "recipient": "Mayor of Los Angeles",
        **fields,
    }
    return Gift.objects.create(delegation=delegation, **values)


def test_gifts_list_only_the_users_city_with_their_visit(
    api_editor, los_angeles, seattle, django_assert_max_num_queries
):
    own = [make_gift(los_angeles) for _ in range(3)]
    make_gift(seattle, description="Seattle's gift")

    with django_assert_max_num_queries(6):
        body = api_editor.get(f"{API}/gifts/").json()

    assert {row["id"] for row in body["results"]} == {g.pk for g in own}
    row = body["results"][0]
    assert row["engagement_title"] == own[-1].delegation.engagement.title  # newest first
    assert row["value_usd"] == "120.00"


def test_gifts_filter_as_the_register_does(api_viewer, los_angeles):
    given = make_gift(los_angeles, direction="given", description="Hollywood photo book")
    make_gift(los_angeles)

    body = api_viewer.get(f"{API}/gifts/", {"direction": "given", "q": "photo"}).json()

    assert [row["id"] for row in body["results"]] == [given.pk]


def test_gifts_are_read_only_and_another_citys_is_404(api_editor, api_admin, los_angeles, seattle):
    own, theirs = make_gift(los_angeles), make_gift(seattle)

    assert api_editor.get(f"{API}/gifts/{theirs.pk}/").status_code == 404
    assert api_admin.get(f"{API}/gifts/{theirs.pk}/").status_code == 200
    assert api_editor.patch(f"{API}/gifts/{own.pk}/", {"description": "x"}).status_code == 405
    assert api_editor.delete(f"{API}/gifts/{own.pk}/").status_code == 405
    assert api_editor.post(f"{API}/gifts/", {"description": "x"}).status_code == 405


def test_staff_lists_the_users_city_with_display_name_and_role(
    api_viewer, editor, viewer, other_editor, django_assert_max_num_queries
):
    editor.first_name, editor.last_name = "Maria", "Lopez"
    editor.save()

    with django_assert_max_num_queries(5):
        body = api_viewer.get(f"{API}/staff/").json()

    rows = {row["id"]: row for row in body["results"]}
    assert set(rows) == {editor.pk, viewer.pk}
    assert rows[editor.pk]["display_name"] == "Maria Lopez"
    assert rows[editor.pk]["role"] == StaffRole.EDITOR
    assert rows[viewer.pk]["display_name"] == "la-viewer"


def test_staff_filter_by_role_gives_the_valid_owners(api_editor, editor, viewer, los_angeles):
    body = api_editor.get(f"{API}/staff/", {"role": "editor"}).json()

    assert [row["id"] for row in body["results"]] == [editor.pk]


def test_staff_hides_deactivated_users(api_editor, editor, los_angeles):
    gone = StaffMemberFactory(user=UserFactory(username="left", is_active=False), city=los_angeles)

    ids = {row["id"] for row in api_editor.get(f"{API}/staff/").json()["results"]}

    assert gone.user_id not in ids


def test_another_citys_staff_member_is_404_and_staff_is_read_only(
    api_editor, api_admin, editor, other_editor
):
    assert api_editor.get(f"{API}/staff/{other_editor.pk}/").status_code == 404
    assert api_admin.get(f"{API}/staff/{other_editor.pk}/").status_code == 200
    assert api_editor.patch(f"{API}/staff/{editor.pk}/", {"role": "viewer"}).status_code == 405
    assert api_editor.post(f"{API}/staff/", {"username": "x"}).status_code == 405


def test_read_only_resources_need_a_login(client, db):
    assert client.get(f"{API}/gifts/").status_code == 401
    assert client.get(f"{API}/staff/").status_code == 401


def test_a_progress_entry_corrected_onto_a_taken_date_is_400(api_editor, los_angeles):
    commitment = CommitmentFactory(city=los_angeles)
    ProgressEntryFactory(commitment=commitment, date="2025-01-01")
    entry = ProgressEntryFactory(commitment=commitment, date="2025-07-01")

    response = api_editor.patch(f"{API}/progress-entries/{entry.pk}/", {"date": "2025-01-01"})

    assert response.status_code == 400
    assert "already has a value for that date" in str(response.json())


def test_a_progress_entry_cannot_name_another_citys_commitment(api_editor, seattle):
    theirs = CommitmentFactory(city=seattle)

    response = api_editor.post(
        f"{API}/progress-entries/",
        {"commitment": theirs.pk, "date": "2025-07-01", "value": "1"},
    )

    assert response.status_code == 400
    assert "commitment" in response.json()


def test_memberships_filter_and_sort_as_the_list_page_does(api_editor, los_angeles):
    older = NetworkMembershipFactory(
        city=los_angeles, network=CityNetworkFactory(name="UCLG"), since=datetime.date(2004, 5, 1)
    )
    newer = NetworkMembershipFactory(
        city=los_angeles, network=CityNetworkFactory(name="C40"), since=datetime.date(2006, 8, 1)
    )

    by_since = api_editor.get(f"{API}/network-memberships/", {"ordering": "-since"}).json()
    found = api_editor.get(f"{API}/network-memberships/", {"q": "ucl"}).json()

    assert [row["id"] for row in by_since["results"]] == [newer.pk, older.pk]
    assert [row["id"] for row in found["results"]] == [older.pk]
