"""Working on several engagements at once: tick rows on the list, then set their
status, reassign them, or export just them; every list exports with its filters."""

import csv
import datetime
import io

import pytest
from simple_history.utils import get_history_model_for_model

from engagements.models import Engagement, FollowUp, Gift
from tests.factories import (
    CityFactory,
    DelegationFactory,
    EngagementFactory,
    FollowUpFactory,
    PartnerFactory,
    StaffMemberFactory,
    UserFactory,
)

LIST = "/engagements/"
BULK = "/engagements/bulk/"


def gift(delegation, description, direction="received"):
    return Gift.objects.create(
        delegation=delegation,
        direction=direction,
        description=description,
        giver="Mayor of Nagoya",
        recipient="Mayor of Los Angeles",
    )


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def three(los_angeles):
    return [
        EngagementFactory(city=los_angeles, title=f"Visit {n}", status="planned") for n in range(3)
    ]


def test_an_editor_sets_the_status_of_ticked_engagements_at_once(editor_client, three, editor):
    ticked = [three[0].pk, three[2].pk]

    response = editor_client.post(
        BULK, {"selected": ticked, "action": "status", "status": "confirmed", "next": LIST}
    )

    assert response.status_code == 302 and response.url == LIST
    statuses = dict(Engagement.objects.values_list("title", "status"))
    assert statuses == {"Visit 0": "confirmed", "Visit 1": "planned", "Visit 2": "confirmed"}
    history = get_history_model_for_model(Engagement).objects.filter(id__in=ticked)
    assert history.filter(history_user=editor, status="confirmed").count() == 2
    assert "Changed 2 engagements." in editor_client.get(LIST).content.decode()


def test_an_editor_reassigns_ticked_engagements_to_a_colleague(editor_client, three, los_angeles):
    colleague = StaffMemberFactory(city=los_angeles, user=UserFactory(first_name="Ana")).user

    editor_client.post(
        BULK, {"selected": [e.pk for e in three], "action": "owner", "owner": colleague.pk}
    )

    assert set(Engagement.objects.values_list("owner", flat=True)) == {colleague.pk}


def test_a_viewer_may_export_the_selection_but_not_change_it(viewer_client, three):
    response = viewer_client.post(BULK, {"selected": [three[1].pk], "action": "export_csv"})

    assert response.status_code == 200
    assert [row["title"] for row in csv_rows(response)] == ["Visit 1"]
    refused = viewer_client.post(
        BULK, {"selected": [three[1].pk], "action": "status", "status": "cancelled"}
    )
    assert refused.status_code == 403
    assert Engagement.objects.get(pk=three[1].pk).status == "planned"


def test_another_citys_engagement_cannot_be_ticked(other_client, three):
    response = other_client.post(
        BULK, {"selected": [three[0].pk], "action": "status", "status": "cancelled", "next": LIST}
    )

    assert response.status_code == 302
    assert Engagement.objects.get(pk=three[0].pk).status == "planned"


def test_nothing_ticked_is_a_clear_message_not_an_error(editor_client, three):
    response = editor_client.post(BULK, {"action": "status", "status": "cancelled"}, follow=True)

    assert "Tick at least one engagement first." in response.content.decode()


def test_the_list_offers_the_bulk_actions_in_a_constant_number_of_queries(
    editor_client, los_angeles, django_assert_max_num_queries
):
    EngagementFactory(city=los_angeles)
    with django_assert_max_num_queries(15):
        page = editor_client.get(LIST).content.decode()
    assert 'name="selected"' in page and "Set status" in page
    for _ in range(30):
        EngagementFactory(city=los_angeles)
    with django_assert_max_num_queries(15):
        editor_client.get(LIST)


def test_gifts_upcoming_and_follow_ups_export_with_their_filters(
    editor_client, los_angeles, seattle
):
    visit = EngagementFactory(city=los_angeles, kind="inbound_delegation", title="Nagoya visit")
    delegation = DelegationFactory(engagement=visit)
    gift(delegation, "Lacquer box")
    gift(delegation, "City seal", direction="given")
    gift(DelegationFactory(engagement=EngagementFactory(city=seattle)), "Seattle's gift")
    soon = datetime.date.today() + datetime.timedelta(days=5)
    EngagementFactory(city=los_angeles, title="Port call", status="confirmed", start_date=soon)
    FollowUpFactory(engagement=visit, description="Send thank-you letter")

    gifts = csv_rows(editor_client.get("/export/gifts.csv", {"direction": "received"}))
    upcoming = csv_rows(editor_client.get("/export/upcoming.csv"))
    follow_ups = csv_rows(editor_client.get("/export/follow-ups.csv"))

    assert [row["description"] for row in gifts] == ["Lacquer box"]
    assert [row["title"] for row in upcoming] == ["Port call"]
    assert [row["description"] for row in follow_ups] == ["Send thank-you letter"]
    page = editor_client.get("/gifts/").content.decode()
    assert "/export/gifts.xlsx" in page
    assert "/export/upcoming.csv" in editor_client.get("/upcoming/").content.decode()


# --- Follow-ups -------------------------------------------------------------------


def test_an_editor_marks_three_follow_ups_done_at_once(editor_client, los_angeles, editor):
    visit = EngagementFactory(city=los_angeles)
    open_ones = [FollowUpFactory(engagement=visit, owner=editor) for _ in range(4)]

    response = editor_client.post(
        "/follow-ups/bulk/", {"selected": [f.pk for f in open_ones[:3]], "action": "done"}
    )

    assert response.status_code == 302
    statuses = [f.status for f in FollowUp.objects.order_by("pk")]
    assert statuses == ["done", "done", "done", "open"]
    assert all(f.completed_at for f in FollowUp.objects.filter(status="done"))


def test_a_viewer_cannot_mark_follow_ups_done_but_may_export_them(viewer_client, los_angeles):
    follow_up = FollowUpFactory(engagement=EngagementFactory(city=los_angeles))

    refused = viewer_client.post(
        "/follow-ups/bulk/", {"selected": [follow_up.pk], "action": "done"}
    )
    exported = viewer_client.post(
        "/follow-ups/bulk/", {"selected": [follow_up.pk], "action": "export_csv"}
    )

    assert refused.status_code == 403
    assert FollowUp.objects.get().status == "open"
    assert [row["description"] for row in csv_rows(exported)] == [follow_up.description]


def test_network_memberships_export_with_their_filters(editor_client, los_angeles, seattle):
    from cities.models import CityNetwork, NetworkMembership

    c40 = CityNetwork.objects.create(name="C40 Cities")
    iclei = CityNetwork.objects.create(name="ICLEI")
    NetworkMembership.objects.create(city=los_angeles, network=c40)
    NetworkMembership.objects.create(city=los_angeles, network=iclei)
    NetworkMembership.objects.create(city=seattle, network=c40)

    rows = csv_rows(editor_client.get("/export/memberships.csv", {"network": c40.pk}))

    assert [row["network"] for row in rows] == ["C40 Cities"]
    assert "/export/memberships.xlsx" in editor_client.get("/networks/").content.decode()


@pytest.mark.parametrize(
    ("url", "export"),
    [("/partners/", "partners"), ("/ties/", "ties"), ("/commitments/", "commitments")],
)
def test_every_list_ticks_rows_to_export_just_them(editor_client, los_angeles, url, export):
    from tests.factories import CommitmentFactory, SisterCityTieFactory

    make = {
        "partners": lambda n: PartnerFactory(city=los_angeles, name=f"Partner {n}"),
        "ties": lambda n: SisterCityTieFactory(
            city=los_angeles, partner_city=CityFactory(name=f"Town {n}", country="JP")
        ),
        "commitments": lambda n: CommitmentFactory(city=los_angeles, title=f"Pledge {n}"),
    }[export]
    records = [make(n) for n in range(3)]

    page = editor_client.get(url).content.decode()
    assert f'form="pick-{export}"' in page and "Export ticked (CSV)" in page
    rows = csv_rows(
        editor_client.get(f"/export/{export}.csv", {"selected": [records[0].pk, records[2].pk]})
    )

    assert sorted(int(row["id"]) for row in rows) == sorted([records[0].pk, records[2].pk])


def test_a_ticked_row_of_another_city_is_never_exported(other_client, los_angeles):
    partner = PartnerFactory(city=los_angeles)

    rows = csv_rows(other_client.get("/export/partners.csv", {"selected": [partner.pk]}))

    assert rows == []
