"""A city's public page and open data: answered without login, only for a city that
opted in, holding nothing marked private, with a constant number of queries."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from cities.choices import TieStatus
from engagements.choices import EngagementKind, EngagementStatus, GiftDirection
from engagements.models import Engagement, Gift
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    DelegationFactory,
    DelegationMemberFactory,
    EngagementFactory,
    PartnerFactory,
    PersonFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
    sdg_target,
)
from transparency import views
from transparency.models import PublicProfile
from transparency.publication import DATASETS
from transparency.services import public_profile_create, public_profile_update

FILES = [f"{name}.{fmt}" for name in DATASETS for fmt in ("csv", "json")]
PRIVATE = [
    "SENSITIVE-NOTE-XYZ",
    "private-person@example.org",
    "+1 555 0100",
    "PRIVATE-TITLE",
    "PLANNED-TITLE",
    "CANCELLED-TITLE",
    "SEATTLE-TITLE",
    "1234.56",
    "Secret tie notes",
    "la-editor",
]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def published(los_angeles, editor):
    return public_profile_create(city=los_angeles, editor=editor, is_published=True)


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def public_engagement(city, **fields):
    fields.setdefault("status", EngagementStatus.COMPLETED)
    return EngagementFactory(city=city, is_public=True, **fields)


@pytest.fixture
def records(los_angeles, seattle, editor):
    """Los Angeles' public engagement with a sensitive partner, a contact and a gift, next to
    everything that must stay private: its unmarked, planned and cancelled engagements, and
    Seattle's (which has not opted in)."""
    partner = PartnerFactory(
        city=los_angeles, name="City of Nagoya", sensitivity_note="SENSITIVE-NOTE-XYZ"
    )
    person = PersonFactory(
        partner=partner, name="Aiko Tanaka", email="private-person@example.org", phone="+1 555 0100"
    )
    shown = public_engagement(
        los_angeles,
        kind=EngagementKind.INBOUND_DELEGATION,
        title="Nagoya delegation on port decarbonisation",
        owner=editor,
        partners=[partner],
    )
    shown.sdg_targets.set([sdg_target("13.2")])
    delegation = DelegationFactory(engagement=shown, head=person)
    DelegationMemberFactory(delegation=delegation, person=person, name="Aiko Tanaka")
    Gift.objects.create(
        delegation=delegation,
        direction=GiftDirection.RECEIVED,
        description="Lacquered box",
        value_usd=Decimal("1234.56"),
        giver="Aiko Tanaka",
        recipient="Mayor",
    )
    EngagementFactory(city=los_angeles, title="PRIVATE-TITLE", status=EngagementStatus.COMPLETED)
    public_engagement(los_angeles, title="PLANNED-TITLE", status=EngagementStatus.PLANNED)
    public_engagement(los_angeles, title="CANCELLED-TITLE", status=EngagementStatus.CANCELLED)
    public_engagement(seattle, title="SEATTLE-TITLE")
    SisterCityTieFactory(city=los_angeles, notes="Secret tie notes")
    commitment = CommitmentFactory(city=los_angeles, title="Cut emissions in half")
    ProgressEntryFactory(commitment=commitment)
    return shown


@pytest.mark.parametrize("path", ["", *FILES])
def test_public_page_and_open_data_answer_without_login(client, published, records, path):
    response = client.get(f"/public/los-angeles/{path}")
    assert response.status_code == 200
    assert "Nagoya delegation on port decarbonisation" in body(response) or path.startswith(
        ("ties", "commitments")
    )
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["", *FILES])
def test_nothing_marked_private_reaches_the_public_page_or_open_data(
    client, published, records, path
):
    text = body(client.get(f"/public/los-angeles/{path}"))
    for private in PRIVATE:
        assert private not in text, private


def test_gift_values_are_published_only_when_the_city_publishes_them(
    client, published, records, editor, django_capture_on_commit_callbacks
):
    gifts = client.get("/public/los-angeles/engagements.json").json()["results"][0]["gifts"]
    assert gifts == [{"direction": "received", "description": "Lacquered box", "value_usd": None}]
    # The change empties the city's cached pages once it commits.
    with django_capture_on_commit_callbacks(execute=True):
        public_profile_update(profile=published, editor=editor, publishes_gift_values=True)
    gifts = client.get("/public/los-angeles/engagements.json").json()["results"][0]["gifts"]
    assert gifts[0]["value_usd"] == "1234.56"
    assert "1234.56" in body(client.get("/public/los-angeles/engagements.csv"))


@pytest.mark.parametrize("path", ["", *FILES])
def test_a_city_that_has_not_opted_in_shows_nothing(client, los_angeles, seattle, records, path):
    assert client.get(f"/public/seattle/{path}").status_code == 404
    public_profile_create(city=seattle, editor=None, is_published=False)
    assert client.get(f"/public/seattle/{path}").status_code == 404
    assert client.get(f"/public/nowhere/{path}").status_code == 404


def test_unpublishing_takes_the_cached_page_down_at_once(client, published, records, editor):
    assert client.get("/public/los-angeles/").status_code == 200
    public_profile_update(profile=published, editor=editor, is_published=False)
    assert client.get("/public/los-angeles/").status_code == 404


def test_a_cached_page_is_served_without_reading_the_records_again(
    client, published, records, django_assert_max_num_queries
):
    client.get("/public/los-angeles/")
    client.get("/public/los-angeles/engagements.json")
    for path in ("", "engagements.json"):
        # Only the profile is read: is the city still published?
        with django_assert_max_num_queries(1):
            assert client.get(f"/public/los-angeles/{path}").status_code == 200


def many_public_engagements(city, count, partner):
    start = datetime.date(2020, 1, 1)
    for index in range(count):
        engagement = public_engagement(
            city, title=f"Public {index}", start_date=start + datetime.timedelta(days=index)
        )
        engagement.partners.set([partner])
        engagement.sdg_targets.set([sdg_target("11.2")])
        if index % 3 == 0:
            DelegationFactory(engagement=engagement)


@pytest.mark.parametrize("path", ["", *FILES])
def test_public_pages_make_as_many_queries_for_many_engagements_as_for_few(
    client, published, los_angeles, django_assert_max_num_queries, path
):
    partner = PartnerFactory(city=los_angeles)
    many_public_engagements(los_angeles, 3, partner)
    SisterCityTieFactory(city=los_angeles)
    CommitmentFactory(city=los_angeles)
    with django_assert_max_num_queries(12) as few:
        body(client.get(f"/public/los-angeles/{path}"))
    cache.clear()
    many_public_engagements(los_angeles, 60, partner)
    SisterCityTieFactory(city=los_angeles, partner_city=CityFactory(name="Busan", country="KR"))
    CommitmentFactory(city=los_angeles)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body(client.get(f"/public/los-angeles/{path}"))


def test_engagements_json_is_paged_by_keyset_to_the_end(
    client, published, los_angeles, monkeypatch
):
    monkeypatch.setattr(views, "JSON_ROWS", 7)
    many_public_engagements(los_angeles, 30, PartnerFactory(city=los_angeles))
    ids, url, pages = [], "/public/los-angeles/engagements.json", 0
    while url:
        page = client.get(url).json()
        ids += [row["id"] for row in page["results"]]
        url, pages = page["next"], pages + 1
        assert page["licence"]["id"] == "CC-BY-4.0"
    expected = list(
        Engagement.objects.filter(city=los_angeles, is_public=True)
        .order_by("-start_date", "-pk")
        .values_list("pk", flat=True)
    )
    assert ids == expected and pages == 5


def test_the_public_page_walks_older_and_newer_engagements(client, published, los_angeles):
    many_public_engagements(los_angeles, 25, PartnerFactory(city=los_angeles))
    first = client.get("/public/los-angeles/")
    assert "Public 24" in first.content.decode() and "Public 4<" not in first.content.decode()
    older = re.search(r'rel="next" href="\?([^"]+)"', first.content.decode()).group(1)
    second = client.get(f"/public/los-angeles/?{older.replace('&amp;', '&')}").content.decode()
    assert "Public 4<" in second and "Public 24" not in second


def test_the_csv_states_its_licence_and_reads_as_a_table(client, published, records, editor):
    public_profile_update(profile=published, editor=editor, licence="CC0-1.0")
    response = client.get("/public/los-angeles/engagements.csv")
    assert response["Link"] == '<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"'
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert [row["title"] for row in rows] == ["Nagoya delegation on port decarbonisation"]
    assert rows[0]["licence"] == "CC0-1.0"
    assert rows[0]["partners"] == "City of Nagoya (JP)"
    assert rows[0]["sdg_targets"] == "13.2"


def test_ties_on_the_map_are_those_in_force(client, published, los_angeles):
    SisterCityTieFactory(city=los_angeles, partner_city=CityFactory(name="Nagoya", country="JP"))
    SisterCityTieFactory(
        city=los_angeles,
        partner_city=CityFactory(name="Ended Town", country="DE"),
        status=TieStatus.ENDED,
        ended_on=datetime.date(2001, 1, 1),
    )
    page = client.get("/public/los-angeles/")
    names = [tie["name"] for tie in page.context["map_data"]["sister_cities"]]
    assert names == ["Nagoya"]
    statuses = {
        t["partner_city"]: t["status"]
        for t in client.get("/public/los-angeles/ties.json").json()["results"]
    }
    assert statuses == {"Nagoya": "active", "Ended Town": "ended"}


def test_every_open_data_column_is_documented():
    documented = (Path(settings.BASE_DIR) / "docs" / "open-data.md").read_text()
    for name, dataset in DATASETS.items():
        assert f"`{name}." in documented
        for column in dataset.columns:
            assert f"| `{column.name}` |" in documented, (name, column.name)
    assert "licence" in documented


def test_editor_marks_an_engagement_public_through_the_api(editor, los_angeles):
    from tests.api.conftest import token_client

    engagement = EngagementFactory(city=los_angeles)
    response = token_client(editor).patch(
        f"/api/v1/engagements/{engagement.pk}/", {"is_public": True}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["is_public"] is True
    engagement.refresh_from_db()
    assert engagement.is_public
    assert json.loads(json.dumps(response.json()))["is_public"]


def test_profile_settings_are_kept_per_city(los_angeles, editor):
    public_profile_create(city=los_angeles, editor=editor, is_published=True)
    assert PublicProfile.objects.published().for_city(los_angeles).exists()
