"""Engagement, delegation and follow-up rules enforced by the database."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from engagements.services import engagement_create, follow_up_complete, follow_up_create
from tests.factories import (
    EngagementFactory,
    FollowUpFactory,
    ItineraryItemFactory,
)

pytestmark = pytest.mark.django_db


def test_an_engagement_cannot_end_before_it_starts(los_angeles):
    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementFactory(
            city=los_angeles,
            start_date=datetime.date(2026, 3, 10),
            end_date=datetime.date(2026, 3, 9),
        )


def test_the_service_explains_an_end_before_the_start(los_angeles, editor):
    with pytest.raises(ValidationError, match="end date cannot be before"):
        engagement_create(
            city=los_angeles,
            author=editor,
            kind="meeting",
            title="Backwards meeting",
            start_date=datetime.date(2026, 3, 10),
            end_date=datetime.date(2026, 3, 1),
        )


def test_investment_cannot_be_negative(los_angeles):
    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementFactory(city=los_angeles, investment_usd=Decimal("-1"))


def test_an_engagement_kind_must_be_known(los_angeles):
    with pytest.raises(IntegrityError), transaction.atomic():
        EngagementFactory(city=los_angeles, kind="picnic")


def test_an_itinerary_item_cannot_end_before_it_starts(los_angeles):
    with pytest.raises(IntegrityError), transaction.atomic():
        ItineraryItemFactory(start_time=datetime.time(10), end_time=datetime.time(9))


def test_a_follow_up_is_done_exactly_when_it_has_a_completion_time(los_angeles):
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpFactory(status="done", completed_at=None)


def test_completing_a_follow_up_twice_changes_nothing(los_angeles, editor):
    follow_up = FollowUpFactory(engagement=EngagementFactory(city=los_angeles))
    follow_up_complete(follow_up=follow_up, editor=editor)
    first = follow_up.completed_at
    follow_up_complete(follow_up=follow_up, editor=editor)
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
    assert follow_up.completed_at == first


def test_changing_an_engagements_partners_is_kept_in_its_history(los_angeles, editor):
    from engagements.services import engagement_update
    from tests.factories import PartnerFactory

    nagoya = PartnerFactory(city=los_angeles, name="City of Nagoya")
    busan = PartnerFactory(city=los_angeles, name="Busan Metropolitan City")
    engagement = engagement_create(
        city=los_angeles,
        author=editor,
        kind="meeting",
        title="Port partnership review",
        start_date=datetime.date(2026, 3, 1),
        partners=[nagoya],
    )
    engagement_update(engagement=engagement, editor=editor, partners=[busan])

    linked = [
        {row.partner_id for row in version.partners.all()}
        for version in engagement.history.order_by("history_date", "history_id")
    ]
    assert {nagoya.pk} in linked
    assert linked[-1] == {busan.pk}


def test_a_follow_up_recorded_as_done_keeps_the_completion_time_it_was_given(los_angeles, editor):
    # As when an office records what it finished last month (an import, the demo data).
    done_on = datetime.datetime(2026, 1, 15, 16, 30, tzinfo=datetime.UTC)
    follow_up = follow_up_create(
        engagement=EngagementFactory(city=los_angeles),
        editor=editor,
        description="Send the signed agreement to Nagoya",
        owner=editor,
        due_date=datetime.date(2026, 1, 20),
        status="done",
        completed_at=done_on,
    )

    follow_up.refresh_from_db()
    assert follow_up.completed_at == done_on
