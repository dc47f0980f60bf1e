"""Each city's records are invisible to other cities' users: one door, every model."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cities.models import (
    Commitment,
    NetworkMembership,
    Partner,
    Person,
    ProgressEntry,
    SisterCityTie,
)
from cities.scoping import get_for_editor_or_404, get_for_user_or_404
from engagements.models import (
    Delegation,
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
)
from tests.factories import (
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def la_records(los_angeles):
    """One record of every city-owned kind, all belonging to Los Angeles."""
    partner = PartnerFactory(city=los_angeles)
    engagement = EngagementFactory(city=los_angeles, partners=[partner])
    member = DelegationMemberFactory(delegation__engagement=engagement)
    delegation = member.delegation
    gift = Gift.objects.create(
        delegation=delegation,
        direction="received",
        description="Lacquer box",
        giver="Mayor of Nagoya",
        recipient="Mayor of Los Angeles",
    )
    return {
        Partner: partner,
        Person: PersonFactory(partner=partner),
        Engagement: engagement,
        Delegation: delegation,
        DelegationMember: member,
        ItineraryItem: ItineraryItemFactory(delegation=delegation),
        Gift: gift,
        FollowUp: FollowUpFactory(engagement=engagement),
        SisterCityTie: SisterCityTieFactory(city=los_angeles),
        ProgressEntry: ProgressEntryFactory(commitment__city=los_angeles),
        NetworkMembership: NetworkMembershipFactory(city=los_angeles),
    }


def test_staff_of_the_city_see_every_record_of_their_city(la_records, editor, viewer):
    for model, record in la_records.items():
        for user in (editor, viewer):
            assert get_for_user_or_404(model, user, pk=record.pk) == record


def test_another_citys_user_gets_404_for_every_record(la_records, other_editor):
    for model, record in la_records.items():
        with pytest.raises(Http404):
            get_for_user_or_404(model, other_editor, pk=record.pk)
        assert not model.objects.for_user(other_editor).filter(pk=record.pk).exists()


def test_a_commitment_of_another_city_is_404(la_records, other_editor):
    commitment = la_records[ProgressEntry].commitment
    with pytest.raises(Http404):
        get_for_user_or_404(Commitment, other_editor, pk=commitment.pk)


def test_a_viewer_may_read_but_not_edit(la_records, viewer, editor):
    engagement = la_records[Engagement]
    with pytest.raises(PermissionDenied):
        get_for_editor_or_404(Engagement, viewer, pk=engagement.pk)
    assert get_for_editor_or_404(Engagement, editor, pk=engagement.pk) == engagement


def test_a_user_without_a_city_sees_nothing(la_records, django_user_model):
    drifter = django_user_model.objects.create_user("drifter", password="x-secret-123")
    for model in la_records:
        assert not model.objects.for_user(drifter).exists()


def test_a_site_admin_sees_every_city(la_records, site_admin, other_editor):
    EngagementFactory(city=other_editor.staff.city)
    assert Engagement.objects.for_user(site_admin).count() == 2
