"""The upcoming agenda: planned and confirmed engagements of the next 90 days,
with overlapping delegations flagged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from engagements.choices import EngagementKind, EngagementStatus
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

URL = reverse("upcoming")


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def test_upcoming_shows_the_next_90_days_of_planned_and_confirmed(editor_client, los_angeles):
    EngagementFactory(
        city=los_angeles, title="Soon", start_date=days(3), status=EngagementStatus.PLANNED
    )
    EngagementFactory(
        city=los_angeles, title="Confirmed", start_date=days(20), status=EngagementStatus.CONFIRMED
    )
    EngagementFactory(
        city=los_angeles, title="Too far", start_date=days(120), status=EngagementStatus.PLANNED
    )
    EngagementFactory(
        city=los_angeles, title="Cancelled", start_date=days(5), status=EngagementStatus.CANCELLED
    )
    EngagementFactory(
        city=los_angeles, title="Past", start_date=days(-5), status=EngagementStatus.PLANNED
    )
    content = editor_client.get(URL).content.decode()
    assert content.index("Soon") < content.index("Confirmed")
    for absent in ("Too far", "Cancelled", "Past"):
        assert absent not in content


def test_two_overlapping_delegations_are_flagged(viewer_client, los_angeles):
    for title, start, end in (
        ("Busan visit", 10, 12),
        ("Lyon mission", 12, 14),
        ("Lone visit", 30, 31),
    ):
        EngagementFactory(
            city=los_angeles,
            title=title,
            start_date=days(start),
            end_date=days(end),
            kind=EngagementKind.INBOUND_DELEGATION,
            status=EngagementStatus.CONFIRMED,
        )
    page = viewer_client.get(URL).context["page"]
    flagged = {e.title: e.overlaps_delegation for e in page}
    assert flagged == {"Busan visit": True, "Lyon mission": True, "Lone visit": False}
    assert "Overlaps another delegation" in viewer_client.get(URL).content.decode()


def test_another_citys_engagements_are_not_on_the_agenda(other_client, los_angeles):
    EngagementFactory(
        city=los_angeles, title="LA only", start_date=days(3), status=EngagementStatus.PLANNED
    )
    assert "LA only" not in other_client.get(URL).content.decode()


def test_upcoming_queries_do_not_grow_with_rows(
    editor_client, los_angeles, django_assert_max_num_queries
):
    EngagementFactory(city=los_angeles, start_date=days(1), status=EngagementStatus.PLANNED)
    with django_assert_max_num_queries(8):
        response = editor_client.get(URL)
    assert len(response.context["page"]) == 1
    for n in range(49):
        EngagementFactory(
            city=los_angeles,
            start_date=days(1 + n),
            status=EngagementStatus.PLANNED,
            kind=EngagementKind.INBOUND_DELEGATION,
        )
    with django_assert_max_num_queries(8):
        response = editor_client.get(URL)
    assert len(response.context["page"]) == 50
