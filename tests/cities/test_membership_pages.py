"""Network memberships on the staff pages: the list with its filters, joining a
network, editing a membership and leaving it on a date; a viewer is refused
(403), another city's editor finds nothing (404)."""

import datetime
import uuid

import pytest
from django.urls import reverse

from cities.choices import MembershipStatus
from cities.models import NetworkMembership
from tests.factories import CityNetworkFactory, NetworkMembershipFactory

pytestmark = pytest.mark.django_db

LIST = reverse("membership_list")
CREATE = reverse("membership_create")


@pytest.fixture
def c40(db):
    return CityNetworkFactory(name="C40 Cities Climate Leadership Group", acronym="C40")


@pytest.fixture
def iclei(db):
    return CityNetworkFactory(name="ICLEI Local Governments for Sustainability", acronym="ICLEI")


@pytest.fixture
def membership(los_angeles, c40):
    return NetworkMembershipFactory(
        city=los_angeles, network=c40, since=datetime.date(2006, 8, 1), role="steering_committee"
    )


def membership_data(network, **overrides):
    data = {
        "network": str(network.pk),
        "role": "member",
        "status": "active",
        "since": "2012-05-01",
        "until": "",
        "notes": "Climate team leads.",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_the_list_shows_the_citys_memberships_only(viewer_client, membership, seattle, iclei):
    NetworkMembershipFactory(city=seattle, network=iclei)

    content = viewer_client.get(LIST).content.decode()

    assert "C40 Cities Climate Leadership Group" in content
    assert "Steering committee" in content
    assert "ICLEI Local" not in content
    assert CREATE not in content  # a viewer is not offered the form


def test_the_list_filters_by_status(editor_client, los_angeles, membership, iclei):
    left = datetime.date(2020, 1, 1)
    NetworkMembershipFactory(
        city=los_angeles, network=iclei, status=MembershipStatus.LEFT, until=left
    )

    page = editor_client.get(LIST, {"status": "left"}).context["page"]

    assert [m.network for m in page] == [iclei]


def test_editor_joins_a_network(editor_client, los_angeles, iclei):
    response = editor_client.post(CREATE, membership_data(iclei))

    membership = NetworkMembership.objects.get(city=los_angeles)
    assert response.url == LIST
    assert (membership.network, membership.since) == (iclei, datetime.date(2012, 5, 1))


def test_a_double_clicked_join_records_one_membership(editor_client, los_angeles, iclei):
    data = membership_data(iclei)
    editor_client.post(CREATE, data)
    assert editor_client.post(CREATE, data).status_code == 302

    assert NetworkMembership.objects.filter(city=los_angeles).count() == 1


def test_joining_a_network_twice_keeps_the_form(editor_client, membership, c40):
    response = editor_client.post(CREATE, membership_data(c40, notes="Typed again"))

    content = response.content.decode()
    assert "already has a membership of this network" in content
    assert "Typed again" in content
    assert NetworkMembership.objects.count() == 1


def test_leaving_before_joining_keeps_the_form(editor_client, membership):
    response = editor_client.post(
        reverse("membership_edit", args=[membership.pk]),
        membership_data(membership.network, until="2001-01-01", notes="Kept"),
    )

    assert "cannot end before it started" in response.content.decode()
    assert 'value="2001-01-01"' in response.content.decode()
    membership.refresh_from_db()
    assert membership.until is None


def test_editor_edits_a_membership(editor_client, membership):
    editor_client.post(
        reverse("membership_edit", args=[membership.pk]),
        membership_data(membership.network, role="chair", since="2006-08-01"),
    )

    membership.refresh_from_db()
    assert membership.role == "chair"
    assert membership.history.first().history_user.username == "la-editor"


def test_editor_ends_a_membership_on_a_date(editor_client, membership):
    response = editor_client.post(
        reverse("membership_end", args=[membership.pk]), {"until": "2025-12-31"}
    )

    membership.refresh_from_db()
    assert response.url == LIST
    assert membership.status == MembershipStatus.LEFT
    assert membership.until == datetime.date(2025, 12, 31)


def test_ending_needs_a_date(editor_client, membership):
    response = editor_client.post(reverse("membership_end", args=[membership.pk]), {"until": ""})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def write_urls(membership):
    return [
        CREATE,
        reverse("membership_edit", args=[membership.pk]),
        reverse("membership_end", args=[membership.pk]),
    ]


def test_viewer_gets_403_on_every_write_page(viewer_client, membership, iclei):
    for url in write_urls(membership):
        assert viewer_client.get(url).status_code == 403, url
        data = membership_data(iclei, until="2025-01-01")
        assert viewer_client.post(url, data).status_code == 403, url
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert NetworkMembership.objects.count() == 1


def test_another_citys_editor_gets_404(other_client, membership):
    for url in write_urls(membership)[1:]:
        assert other_client.get(url).status_code == 404, url
        data = membership_data(membership.network, until="2025-01-01")
        assert other_client.post(url, data).status_code == 404, url


def test_the_list_keeps_its_query_count(editor_client, los_angeles, django_assert_max_num_queries):
    NetworkMembershipFactory(city=los_angeles, network=CityNetworkFactory(name="Net 0"))
    with django_assert_max_num_queries(9):
        assert len(editor_client.get(LIST).context["page"]) == 1
    for n in range(1, 30):
        NetworkMembershipFactory(city=los_angeles, network=CityNetworkFactory(name=f"Net {n}"))
    with django_assert_max_num_queries(9):
        assert len(editor_client.get(LIST).context["page"]) == 30


def test_the_nav_links_to_the_memberships(viewer_client, los_angeles):
    assert f'href="{LIST}"' in viewer_client.get(reverse("tie_list")).content.decode()
