"""Every writable API resource, by role: list, filter, create, update, delete;
another city's record is 404, a viewer's write is 403, a bad payload is 400."""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from engagements.choices import EngagementKind
from tests.factories import (
    CityFactory,
    CityNetworkFactory,
    CommitmentFactory,
    DelegationFactory,
    DelegationMemberFactory,
    EngagementFactory,
    FollowUpFactory,
    ItineraryItemFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    PersonFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
)

API = "/api/v1"


@dataclass
class Resource:
    path: str
    make: Callable[[Any], Any]  # a record of the given city
    create: Callable[[Any], dict]  # a valid payload for the given city
    update: dict
    bad: Callable[[Any], dict]
    bad_field: str
    matching: Callable[[Any], dict]  # filter params that match the record

    def __str__(self):
        return self.path


_networks = itertools.count()


def _delegation(city):
    return DelegationFactory(engagement__city=city)


RESOURCES = [
    Resource(
        "partners",
        make=lambda c: PartnerFactory(city=c),
        create=lambda c: {"kind": "city_government", "name": "City of Nagoya", "country": "JP"},
        update={"notes": "Met twice in 2025."},
        bad=lambda c: {"kind": "pirates", "name": "", "country": "JP"},
        bad_field="kind",
        matching=lambda o: {"q": o.name, "kind": o.kind},
    ),
    Resource(
        "people",
        make=lambda c: PersonFactory(partner__city=c),
        create=lambda c: {"partner": PartnerFactory(city=c).pk, "name": "Aiko Sato"},
        update={"title": "Director of International Affairs"},
        bad=lambda c: {"partner": PartnerFactory(city=c).pk, "name": "A", "email": "not-mail"},
        bad_field="email",
        matching=lambda o: {"partner": o.partner_id},
    ),
    Resource(
        "engagements",
        make=lambda c: EngagementFactory(city=c),
        create=lambda c: {
            "kind": "meeting",
            "title": "Meeting with the Consul General of Japan",
            "start_date": "2026-05-20",
            "status": "planned",
            "partners": [PartnerFactory(city=c).pk],
            "topics": ["trade"],
            "sdg_targets": ["11.6"],
        },
        update={"status": "confirmed", "location": "City Hall"},
        bad=lambda c: {
            "kind": "meeting",
            "title": "Backwards",
            "start_date": "2026-05-20",
            "end_date": "2026-05-01",
        },
        bad_field="non_field_errors",
        matching=lambda o: {"status": o.status, "q": o.title},
    ),
    Resource(
        "delegations",
        make=_delegation,
        create=lambda c: {
            "engagement": EngagementFactory(city=c, kind=EngagementKind.INBOUND_DELEGATION).pk,
            "direction": "inbound",
            "protocol_level": "mayor",
        },
        update={"notes": "Halal meals for two delegates."},
        bad=lambda c: {"engagement": EngagementFactory(city=c).pk, "direction": "sideways"},
        bad_field="direction",
        matching=lambda o: {"engagement": o.engagement_id, "direction": o.direction},
    ),
    Resource(
        "delegation-members",
        make=lambda c: DelegationMemberFactory(delegation=_delegation(c)),
        create=lambda c: {"delegation": _delegation(c).pk, "name": "H.E. the Ambassador"},
        update={"attendance": "attended"},
        bad=lambda c: {"delegation": _delegation(c).pk, "name": "", "role": "king"},
        bad_field="role",
        matching=lambda o: {"delegation": o.delegation_id},
    ),
    Resource(
        "itinerary-items",
        make=lambda c: ItineraryItemFactory(delegation=_delegation(c)),
        create=lambda c: {
            "delegation": _delegation(c).pk,
            "date": "2026-03-10",
            "start_time": "09:00",
            "end_time": "10:00",
            "place": "City Hall",
            "activity": "Courtesy call on the Mayor",
        },
        update={"place": "Port of Los Angeles"},
        bad=lambda c: {
            "delegation": _delegation(c).pk,
            "date": "2026-03-10",
            "start_time": "11:00",
            "end_time": "10:00",
            "place": "City Hall",
            "activity": "Lunch",
        },
        bad_field="non_field_errors",
        matching=lambda o: {"delegation": o.delegation_id, "date": o.date.isoformat()},
    ),
    Resource(
        "follow-ups",
        make=lambda c: FollowUpFactory(engagement__city=c),
        create=lambda c: {
            "engagement": EngagementFactory(city=c).pk,
            "description": "Send the thank-you letter",
            "due_date": "2026-04-01",
        },
        update={"status": "done"},
        bad=lambda c: {"engagement": EngagementFactory(city=c).pk, "description": "x" * 600},
        bad_field="description",
        matching=lambda o: {"engagement": o.engagement_id, "status": "open"},
    ),
    Resource(
        "sister-city-ties",
        make=lambda c: SisterCityTieFactory(city=c, partner_city=CityFactory(country="JP")),
        create=lambda c: {
            "partner_city": CityFactory(name="Busan", country="KR").pk,
            "kind": "sister_city",
            "established_on": "1971-06-01",
        },
        update={"focus_areas": "Ports, trade"},
        bad=lambda c: {"partner_city": CityFactory(country="KR").pk, "status": "ended"},
        bad_field="non_field_errors",
        matching=lambda o: {"kind": o.kind, "status": o.status},
    ),
    Resource(
        "commitments",
        make=lambda c: CommitmentFactory(city=c),
        create=lambda c: {
            "title": "Halve greenhouse-gas emissions",
            "framework": "paris",
            "sdg_targets": ["11.6"],
            "baseline_value": "100",
            "baseline_year": 2020,
            "target_value": "50",
            "target_year": 2030,
        },
        update={"unit": "kt CO2e"},
        bad=lambda c: {"title": "Back in time", "baseline_year": 2030, "target_year": 2020},
        bad_field="non_field_errors",
        matching=lambda o: {"framework": o.framework, "q": o.title},
    ),
    Resource(
        "network-memberships",
        make=lambda c: NetworkMembershipFactory(
            city=c, network=CityNetworkFactory(name=f"Network {next(_networks)}")
        ),
        create=lambda c: {"network": CityNetworkFactory(name="ICLEI", acronym="ICLEI").pk},
        update={"notes": "Steering committee from 2026."},
        bad=lambda c: {
            "network": CityNetworkFactory(name="UCLG").pk,
            "since": "2020-01-01",
            "until": "2019-01-01",
        },
        bad_field="non_field_errors",
        matching=lambda o: {"network": o.network_id, "status": "active"},
    ),
    Resource(
        "progress-entries",
        make=lambda c: ProgressEntryFactory(commitment=CommitmentFactory(city=c)),
        create=lambda c: {
            "commitment": CommitmentFactory(city=c).pk,
            "date": "2025-07-01",
            "value": "80",
        },
        update={"value": "72.5000", "note": "Audited"},
        bad=lambda c: {"commitment": CommitmentFactory(city=c).pk, "date": "soon", "value": "1"},
        bad_field="date",
        matching=lambda o: {"commitment": o.commitment_id, "date_after": "2025-01-01"},
    ),
]


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture(params=RESOURCES, ids=str)
def resource(request):
    return request.param


def test_editor_lists_only_their_city(
    resource, api_editor, los_angeles, seattle, django_assert_max_num_queries
):
    own = [resource.make(los_angeles) for _ in range(3)]
    theirs = resource.make(seattle)

    with django_assert_max_num_queries(14):
        ids = _ids(api_editor.get(f"{API}/{resource.path}/"))

    assert ids == {o.pk for o in own}
    assert theirs.pk not in ids


def test_list_filters_with_the_list_page_filter(resource, api_editor, los_angeles):
    own = resource.make(los_angeles)

    assert own.pk in _ids(api_editor.get(f"{API}/{resource.path}/", resource.matching(own)))


def test_another_citys_record_is_404(resource, api_editor, api_admin, seattle):
    theirs = resource.make(seattle)
    url = f"{API}/{resource.path}/{theirs.pk}/"

    assert api_editor.get(url).status_code == 404
    assert api_editor.patch(url, resource.update).status_code == 404
    assert api_editor.delete(url).status_code == 404
    assert api_admin.get(url).status_code == 200  # a site admin sees every city


def test_viewer_reads_but_cannot_write(resource, api_viewer, los_angeles):
    own = resource.make(los_angeles)
    url = f"{API}/{resource.path}/{own.pk}/"

    assert api_viewer.get(url).status_code == 200
    assert (
        api_viewer.post(f"{API}/{resource.path}/", resource.create(los_angeles)).status_code == 403
    )
    assert api_viewer.patch(url, resource.update).status_code == 403
    assert api_viewer.delete(url).status_code == 403
    assert type(own).objects.filter(pk=own.pk).exists()


def test_editor_creates_updates_and_deletes(resource, api_editor, los_angeles):
    created = api_editor.post(f"{API}/{resource.path}/", resource.create(los_angeles))
    assert created.status_code == 201, created.content
    url = f"{API}/{resource.path}/{created.json()['id']}/"

    updated = api_editor.patch(url, resource.update)
    assert updated.status_code == 200, updated.content
    for field, value in resource.update.items():
        assert updated.json()[field] == value

    assert api_editor.delete(url).status_code == 204
    assert api_editor.get(url).status_code == 404


def test_bad_payload_is_400_naming_the_field(resource, api_editor, los_angeles):
    response = api_editor.post(f"{API}/{resource.path}/", resource.bad(los_angeles))

    assert response.status_code == 400
    assert resource.bad_field in response.json(), response.json()


def test_anonymous_request_is_401(resource, client, db):
    assert client.get(f"{API}/{resource.path}/").status_code == 401


# --- Rules that span cities ------------------------------------------------


def test_engagement_cannot_name_another_citys_partner(api_editor, los_angeles, seattle):
    theirs = PartnerFactory(city=seattle)

    response = api_editor.post(
        f"{API}/engagements/",
        {"kind": "meeting", "title": "T", "start_date": "2026-01-05", "partners": [theirs.pk]},
    )

    assert response.status_code == 400
    assert "partners" in response.json()


def test_site_admin_must_say_which_city(api_admin, los_angeles, seattle):
    payload = {"kind": "business", "name": "Toyota", "country": "JP"}

    missing = api_admin.post(f"{API}/partners/", payload)
    chosen = api_admin.post(f"{API}/partners/", {**payload, "city": seattle.pk})

    assert missing.status_code == 400 and "city" in missing.json()
    assert chosen.status_code == 201
    assert chosen.json()["city"] == seattle.pk


def test_site_admin_cannot_tie_records_of_two_cities(api_admin, los_angeles, seattle):
    la_partner = PartnerFactory(city=los_angeles)

    response = api_admin.post(
        f"{API}/engagements/",
        {
            "city": seattle.pk,
            "kind": "meeting",
            "title": "Mixed",
            "start_date": "2026-01-05",
            "partners": [la_partner.pk],
        },
    )

    assert response.status_code == 400
    assert "belongs to another city" in response.json()["partners"][0]


def test_editor_cannot_record_for_another_city(api_editor, los_angeles, seattle):
    response = api_editor.post(
        f"{API}/partners/",
        {"kind": "business", "name": "Sony", "country": "JP", "city": seattle.pk},
    )

    assert response.status_code == 400
    assert "city" in response.json()


def test_duplicate_partner_is_400_not_500(api_editor, los_angeles):
    payload = {"kind": "business", "name": "Sony", "country": "JP"}
    assert api_editor.post(f"{API}/partners/", payload).status_code == 201

    again = api_editor.post(f"{API}/partners/", payload)

    assert again.status_code == 400
    assert "non_field_errors" in again.json()


def test_second_live_tie_of_a_kind_is_400(api_editor, los_angeles):
    nagoya = CityFactory(name="Nagoya", country="JP")
    SisterCityTieFactory(city=los_angeles, partner_city=nagoya)

    response = api_editor.post(
        f"{API}/sister-city-ties/", {"partner_city": nagoya.pk, "kind": "sister_city"}
    )

    assert response.status_code == 400
    assert "already have a live tie" in str(response.json())


def test_tie_to_itself_is_400(api_editor, los_angeles):
    response = api_editor.post(
        f"{API}/sister-city-ties/", {"partner_city": los_angeles.pk, "kind": "sister_city"}
    )

    assert response.status_code == 400


def test_engagement_detail_nests_delegation_and_follow_ups(api_editor, los_angeles):
    delegation = DelegationFactory(engagement__city=los_angeles)
    ItineraryItemFactory(delegation=delegation, activity="Port tour")
    DelegationMemberFactory(delegation=delegation, name="Deputy Mayor Tanaka")
    FollowUpFactory(engagement=delegation.engagement, description="Send photos")

    body = api_editor.get(f"{API}/engagements/{delegation.engagement_id}/").json()

    assert body["delegation"]["itinerary"][0]["activity"] == "Port tour"
    assert body["delegation"]["members"][0]["name"] == "Deputy Mayor Tanaka"
    assert body["follow_ups"][0]["description"] == "Send photos"


def test_engagement_filters_exclude_what_does_not_match(api_editor, los_angeles):
    planned = EngagementFactory(city=los_angeles, status="planned", title="Trade talks")
    EngagementFactory(city=los_angeles, status="completed", title="Port visit")
    EngagementFactory(city=los_angeles, start_date=datetime.date(2020, 1, 1))

    ids = _ids(
        api_editor.get(f"{API}/engagements/", {"status": "planned", "start_after": "2026-01-01"})
    )

    assert ids == {planned.pk}


def test_engagement_ordering_and_pagination(api_editor, los_angeles):
    for day in (3, 1, 2):
        EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 1, day))

    page = api_editor.get(f"{API}/engagements/", {"ordering": "date", "page_size": 2}).json()

    assert page["count"] == 3
    assert [row["start_date"] for row in page["results"]] == ["2026-01-01", "2026-01-02"]
    assert page["next"]


def test_bad_filter_value_is_400(api_editor, los_angeles):
    response = api_editor.get(f"{API}/engagements/", {"start_after": "not-a-date"})

    assert response.status_code == 400
    assert "start_after" in response.json()


def test_follow_up_done_is_stamped_complete(api_editor, los_angeles):
    follow_up = FollowUpFactory(engagement__city=los_angeles)

    body = api_editor.patch(f"{API}/follow-ups/{follow_up.pk}/", {"status": "done"}).json()

    assert body["completed_at"] is not None


def test_commitment_progress_is_added_by_editor_only(api_editor, api_viewer, los_angeles):
    commitment = CommitmentFactory(city=los_angeles)
    url = f"{API}/commitments/{commitment.pk}/progress/"
    entry = {"date": "2025-07-01", "value": "80"}

    assert api_viewer.post(url, entry).status_code == 403
    assert api_editor.post(url, entry).status_code == 201
    again = api_editor.post(url, entry)
    assert again.status_code == 400  # one value per day
    body = api_editor.get(f"{API}/commitments/{commitment.pk}/").json()
    assert [e["value"] for e in body["progress_entries"]] == ["80.0000"]


def test_session_login_works_for_the_browser(editor_client, los_angeles):
    PartnerFactory(city=los_angeles)

    response = editor_client.get(f"{API}/partners/")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_session_write_needs_csrf(editor, los_angeles):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(
        f"{API}/partners/",
        {"kind": "business", "name": "Sony", "country": "JP"},
        content_type="application/json",
    )

    assert response.status_code == 403
