"""Joint-mission coordination: cities share planned missions at the level they
choose, see each other's shared plans, and are alerted when plans overlap."""

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cities.choices import StaffRole
from engagements.models import Topic
from missions import selectors, services
from missions.choices import PlanDirection, SharingLevel
from missions.models import PlannedMission
from tests.factories import (
    CityFactory,
    ParticipatingCityFactory,
    PartnerFactory,
    StaffMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OWN = reverse("plan_list")
SHARED = reverse("shared_plan_list")
SHARING = reverse("mission_sharing_update")
CREATE = reverse("plan_create")
TODAY = timezone.localdate()


def next_march() -> datetime.date:
    return datetime.date(timezone.localdate().year + 1, 3, 1)


def plan(city, **fields):
    values = {
        "direction": PlanDirection.OUTBOUND,
        "title": f"{city} trade mission",
        "country": "JP",
        "month": next_march(),
        **fields,
    }
    return services.planned_mission_create(city=city, **values)


def share(city, level):
    services.mission_sharing_set(city=city, level=level)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def new_york(db):
    return ParticipatingCityFactory(
        city=CityFactory(name="New York City", country="US", region="New York"),
        slug="new-york-city",
    )


@pytest.fixture
def new_york_editor(new_york):
    return StaffMemberFactory(
        user=UserFactory(username="nyc-editor"), city=new_york, role=StaffRole.EDITOR
    ).user


@pytest.fixture
def trade():
    return Topic.objects.get(code="trade")


@pytest.fixture
def japan_in_march(los_angeles, seattle, new_york, trade):
    """Seattle shares a trade mission to Japan in March (country and month only);
    Los Angeles plans one the same month and shares partner and topics too;
    New York City plans one as well but does not share."""
    share(seattle, SharingLevel.COUNTRY_MONTH)
    seattle_plan = plan(
        seattle,
        title="Seattle maritime and aerospace mission",
        partner=PartnerFactory(city=seattle, name="Kobe Port Authority", country="JP"),
        topics=[trade],
        notes="Budget waits for the council vote",
    )
    share(los_angeles, SharingLevel.FULL)
    la_plan = plan(
        los_angeles,
        title="Los Angeles entertainment trade mission",
        partner=PartnerFactory(city=los_angeles, name="JETRO Tokyo", country="JP"),
        topics=[trade],
        notes="Mayor may lead",
    )
    nyc_plan = plan(
        new_york,
        title="New York fintech mission",
        partner=PartnerFactory(city=new_york, name="Tokyo Stock Exchange", country="JP"),
        notes="Not yet announced",
    )
    return seattle_plan, la_plan, nyc_plan


# --- the story the issue tells -------------------------------------------------------


def test_los_angeles_sees_seattles_overlapping_mission_at_the_level_seattle_chose(
    editor_client, japan_in_march
):
    month = date_format(next_march(), "YEAR_MONTH_FORMAT")
    own = editor_client.get(OWN).content.decode()
    assert "One of our plans overlaps another city" in own
    assert f"<strong>Seattle</strong>: Outbound mission (we travel), Japan, {month}" in own
    assert "same country within 30 days" in own

    shared = editor_client.get(SHARED).content.decode()
    assert "Seattle" in shared and month in shared
    assert "Los Angeles entertainment trade mission" in shared  # our plan it overlaps
    # Seattle shares country and month only: not its partner, topics, title or notes.
    for secret in (
        "Kobe Port Authority",
        "Seattle maritime and aerospace mission",
        "Budget waits for the council vote",
    ):
        assert secret not in own and secret not in shared
    assert "Trade and investment" not in shared  # Seattle's topic (ours shows on our list)


def test_a_city_that_does_not_share_sees_shared_plans_but_shows_none_of_its_own(
    editor, other_editor, new_york_editor, japan_in_march
):
    new_york_sees = client_for(new_york_editor).get(SHARED).content.decode()
    # Los Angeles shares partner and topics too.
    assert "Los Angeles" in new_york_sees
    assert "JETRO Tokyo" in new_york_sees and "Trade and investment" in new_york_sees
    assert "Mayor may lead" not in new_york_sees  # notes are never shared
    assert "Los Angeles entertainment trade mission" not in new_york_sees  # nor titles

    for user in (editor, other_editor):
        client = client_for(user)
        for url in (OWN, SHARED):
            content = client.get(url).content.decode()
            for secret in ("New York", "Tokyo Stock Exchange", "fintech", "Not yet announced"):
                assert secret not in content


def test_shared_plans_hold_only_what_each_city_shares(
    editor, new_york_editor, seattle, los_angeles, japan_in_march
):
    seen_by_la = selectors.shared_plans(editor, since=next_march())
    assert seen_by_la == [
        selectors.SharedPlan(
            city_id=seattle.pk,
            city_name="Seattle",
            direction=PlanDirection.OUTBOUND,
            country=seen_by_la[0].country,
            month=next_march(),
        )
    ]
    assert seen_by_la[0].country.code == "JP"
    shared = selectors.shared_plans(new_york_editor, since=next_march())
    seen_by_nyc = {p.city_name: p for p in shared}
    assert set(seen_by_nyc) == {"Seattle", "Los Angeles"}
    assert seen_by_nyc["Los Angeles"].partner_name == "JETRO Tokyo"
    assert seen_by_nyc["Los Angeles"].topics == ("Trade and investment",)
    assert seen_by_nyc["Seattle"].partner_name == ""


def test_turning_sharing_off_hides_a_citys_plans_at_once(editor_client, seattle, japan_in_march):
    share(seattle, SharingLevel.OFF)
    assert "Seattle" not in editor_client.get(SHARED).content.decode()
    assert "overlaps another city" not in editor_client.get(OWN).content.decode()


def test_a_plan_kept_to_its_city_is_never_shared(editor_client, seattle, japan_in_march):
    seattle_plan = japan_in_march[0]
    services.planned_mission_update(plan=seattle_plan, private=True)
    assert "Seattle" not in editor_client.get(SHARED).content.decode()


def test_the_same_partner_is_an_overlap_only_when_the_other_city_shares_it(
    editor, los_angeles, seattle
):
    september = next_march().replace(month=9)
    plan(seattle, partner=PartnerFactory(city=seattle, name="JETRO  tokyo", country="JP"))
    share(seattle, SharingLevel.FULL)
    ours = plan(
        los_angeles,
        month=september,
        partner=PartnerFactory(city=los_angeles, name="JETRO Tokyo", country="JP"),
    )
    found = selectors.plan_overlaps(editor, ours, today=TODAY)
    assert [(o.other.city_name, [str(r) for r in o.reasons]) for o in found] == [
        ("Seattle", ["same partner"])
    ]
    share(seattle, SharingLevel.COUNTRY_MONTH)
    assert selectors.plan_overlaps(editor, ours, today=TODAY) == []


def test_an_inbound_delegation_from_the_same_country_next_month_overlaps(
    editor, los_angeles, seattle
):
    share(seattle, SharingLevel.COUNTRY_MONTH)
    plan(seattle, direction=PlanDirection.INBOUND, country="KR", month=next_march())
    ours = plan(los_angeles, country="KR", month=next_march().replace(month=4))
    later = plan(los_angeles, country="KR", month=next_march().replace(month=6))
    other_country = plan(los_angeles, country="CN", month=next_march())
    assert len(selectors.plan_overlaps(editor, ours, today=TODAY)) == 1
    assert selectors.plan_overlaps(editor, later, today=TODAY) == []
    assert selectors.plan_overlaps(editor, other_country, today=TODAY) == []


@pytest.mark.parametrize(
    ("a", "b", "within"),
    [
        ((2027, 3), (2027, 3), True),
        ((2027, 3), (2027, 4), True),
        ((2026, 12), (2027, 1), True),
        ((2027, 1), (2027, 3), True),  # 31 January to 1 March: 29 days
        ((2027, 3), (2027, 5), False),  # 31 March to 1 May: 31 days
        ((2027, 3), (2027, 9), False),
    ],
)
def test_months_are_within_30_days_when_some_of_their_days_are(a, b, within):
    first, second = datetime.date(*a, 1), datetime.date(*b, 1)
    assert selectors.months_within(first, second) is within
    assert selectors.months_within(second, first) is within


def test_site_admin_sees_every_shared_plan_and_no_city_overlaps_itself(
    admin_client_, japan_in_march
):
    rows = admin_client_.get(SHARED).context["rows"]
    assert {other.city_name for other, _items in rows} == {"Seattle", "Los Angeles"}
    own = admin_client_.get(OWN).content.decode()
    # Seattle meets Los Angeles and back; New York City meets both: never a city itself.
    assert own.count("same country within 30 days") == 4


# --- pages: writing plans and the sharing setting -------------------------------------


def plan_data(**overrides):
    data = {
        "direction": "outbound",
        "title": "Clean ports mission",
        "country": "KR",
        "month": "2027-05",
        "notes": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_editor_adds_a_plan_for_a_month(editor_client, los_angeles, trade):
    response = editor_client.post(CREATE, plan_data(topics=[trade.pk]))
    assert response.status_code == 302
    saved = PlannedMission.objects.get(title="Clean ports mission")
    assert saved.city == los_angeles
    assert saved.month == datetime.date(2027, 5, 1)
    assert list(saved.topics.all()) == [trade]


def test_bad_input_rerenders_the_form_with_what_was_typed(editor_client):
    response = editor_client.post(CREATE, plan_data(month="2027-13", title="Kept title"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kept title" in content
    assert "Enter a valid date" in content
    assert not PlannedMission.objects.exists()


def test_another_citys_partner_is_refused(editor_client, seattle):
    theirs = PartnerFactory(city=seattle, name="Seattle's partner")
    response = editor_client.post(CREATE, plan_data(partner=theirs.pk))
    assert response.status_code == 200
    assert "partner" in response.context["form"].errors
    assert not PlannedMission.objects.exists()


def test_editor_edits_and_deletes_a_plan(editor_client, los_angeles):
    ours = plan(los_angeles)
    url = reverse("plan_edit", args=[ours.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, plan_data(title="Renamed"))
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.title == "Renamed"
    assert editor_client.post(reverse("plan_delete", args=[ours.pk])).status_code == 302
    assert not PlannedMission.objects.exists()


def test_editor_turns_sharing_on(editor_client, los_angeles):
    assert selectors.sharing_level(los_angeles) == SharingLevel.OFF
    editor_client.post(SHARING, {"level": SharingLevel.FULL})
    assert selectors.sharing_level(los_angeles) == SharingLevel.FULL
    editor_client.post(SHARING, {"level": "everything"})  # refused, unchanged
    assert selectors.sharing_level(los_angeles) == SharingLevel.FULL


def test_viewer_reads_plans_but_cannot_change_them(viewer_client, los_angeles):
    ours = plan(los_angeles)
    assert viewer_client.get(OWN).status_code == 200
    assert viewer_client.get(SHARED).status_code == 200
    assert viewer_client.get(CREATE).status_code == 403
    assert viewer_client.post(CREATE, plan_data()).status_code == 403
    assert viewer_client.get(reverse("plan_edit", args=[ours.pk])).status_code == 403
    assert viewer_client.post(reverse("plan_delete", args=[ours.pk])).status_code == 403
    assert viewer_client.post(SHARING, {"level": SharingLevel.FULL}).status_code == 403
    assert selectors.sharing_level(los_angeles) == SharingLevel.OFF
    assert PlannedMission.objects.count() == 1


def test_another_citys_plan_is_a_404(other_client, los_angeles):
    ours = plan(los_angeles)
    share(los_angeles, SharingLevel.FULL)
    assert other_client.get(reverse("plan_edit", args=[ours.pk])).status_code == 404
    assert other_client.post(reverse("plan_delete", args=[ours.pk])).status_code == 404
    assert ours.title not in other_client.get(OWN).content.decode()


def test_pages_need_a_login(client):
    for url in (OWN, SHARED, CREATE):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response.url


def test_plan_pages_query_count_does_not_grow_with_plans(
    editor_client, los_angeles, seattle, new_york, trade, django_assert_max_num_queries
):
    share(seattle, SharingLevel.FULL)
    share(new_york, SharingLevel.COUNTRY_MONTH)

    def add_plans():
        for city in (los_angeles, seattle, new_york):
            plan(
                city,
                partner=PartnerFactory(city=city, country="JP"),
                topics=[trade],
            )

    add_plans()
    with django_assert_max_num_queries(12):
        editor_client.get(OWN)
    with django_assert_max_num_queries(12):
        editor_client.get(SHARED)
    for _ in range(15):
        add_plans()
    with django_assert_max_num_queries(12):
        response = editor_client.get(OWN)
    assert len(response.context["plans"]) == 16
    with django_assert_max_num_queries(12):
        response = editor_client.get(SHARED)
    assert len(response.context["rows"]) == 32


# --- the dashboard's notice ------------------------------------------------------------

NOTICE = reverse("mission_overlap_notice")


def test_dashboard_notice_names_the_overlapping_plan(editor_client, japan_in_march):
    content = editor_client.get(NOTICE).content.decode()
    assert "A planned mission overlaps another city" in content
    assert "Los Angeles entertainment trade mission" in content
    assert "Seattle maritime" not in content  # another city's title is never shown


def test_dashboard_notice_is_empty_without_overlaps(editor_client, los_angeles):
    plan(los_angeles)
    assert editor_client.get(NOTICE).content.decode().strip() == ""


def test_dashboard_fetches_the_notice(editor_client, los_angeles):
    content = editor_client.get(reverse("dashboard")).content.decode()
    assert f'data-notice-url="{NOTICE}"' in content
    assert "js/mission-notice" in content
