"""factory_boy factories for the domain, shared by every test."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from cities.choices import PartnerKind, StaffRole, TieKind, paper_size_for
from cities.models import (
    City,
    CityNetwork,
    Commitment,
    NetworkMembership,
    ParticipatingCity,
    Partner,
    Person,
    ProgressEntry,
    SdgTarget,
    SisterCityTie,
    StaffMember,
)
from engagements.choices import Direction, EngagementKind, EngagementStatus
from engagements.models import Delegation, DelegationMember, Engagement, FollowUp, ItineraryItem


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("secret-pass-123")


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"Town {n}")
    country = "US"
    latitude = Decimal("34.05223")
    longitude = Decimal("-118.24368")
    time_zone = "America/Los_Angeles"


class ParticipatingCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipatingCity

    city = factory.SubFactory(CityFactory)
    slug = factory.LazyAttribute(lambda p: slugify(p.city.name))
    mayor = "Jane Mayor"
    # As a site admin's new city gets it: Letter for a U.S. city.
    paper_size = factory.LazyAttribute(lambda p: paper_size_for(p.city.country.code))


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(ParticipatingCityFactory)
    role = StaffRole.EDITOR


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    city = factory.SubFactory(ParticipatingCityFactory)
    kind = PartnerKind.CITY_GOVERNMENT
    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    country = "JP"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    title = "Deputy Mayor"


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    city = factory.SubFactory(ParticipatingCityFactory)
    kind = EngagementKind.MEETING
    title = factory.Sequence(lambda n: f"Engagement {n}")
    start_date = datetime.date(2026, 3, 10)
    status = EngagementStatus.COMPLETED

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    engagement = factory.SubFactory(EngagementFactory, kind=EngagementKind.INBOUND_DELEGATION)
    direction = Direction.INBOUND


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    name = factory.Sequence(lambda n: f"Delegate {n}")


class ItineraryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItineraryItem

    delegation = factory.SubFactory(DelegationFactory)
    date = datetime.date(2026, 3, 10)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(10, 0)
    place = "City Hall"
    activity = "Courtesy call on the Mayor"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    engagement = factory.SubFactory(EngagementFactory)
    city = factory.SelfAttribute("engagement.city")
    description = factory.Sequence(lambda n: f"Send thank-you letter {n}")
    due_date = datetime.date(2026, 4, 1)


class SisterCityTieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SisterCityTie

    city = factory.SubFactory(ParticipatingCityFactory)
    partner_city = factory.SubFactory(CityFactory, country="JP", name="Nagoya")
    kind = TieKind.SISTER_CITY
    established_on = datetime.date(1959, 12, 1)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    city = factory.SubFactory(ParticipatingCityFactory)
    title = factory.Sequence(lambda n: f"Commitment {n}")
    baseline_value = Decimal("100")
    baseline_year = 2020
    target_value = Decimal("50")
    target_year = 2030


class ProgressEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressEntry

    commitment = factory.SubFactory(CommitmentFactory)
    date = datetime.date(2025, 7, 1)
    value = Decimal("75")


class CityNetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityNetwork
        django_get_or_create = ("name",)

    name = "C40 Cities Climate Leadership Group"
    acronym = "C40"


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    city = factory.SubFactory(ParticipatingCityFactory)
    network = factory.SubFactory(CityNetworkFactory)


def sdg_target(code: str) -> SdgTarget:
    """SDG targets are reference data loaded by migration: look one up, never build it."""
    return SdgTarget.objects.get(code=code)
