"""The rules that are facts live in the database: each is enforced even past the forms."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cities.choices import TieKind, TieStatus
from cities.models import SdgGoal, SdgIndicator, SdgTarget, SisterCityTie
from cities.services import progress_entry_create, sister_city_tie_create
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
)

pytestmark = pytest.mark.django_db


def raises_integrity():
    return pytest.raises(IntegrityError)


def test_a_city_cannot_be_tied_to_itself(los_angeles):
    with raises_integrity(), transaction.atomic():
        SisterCityTie.objects.create(city=los_angeles, partner_city=los_angeles.city)


def test_the_tie_service_explains_a_self_tie(los_angeles):
    with pytest.raises(ValidationError):
        sister_city_tie_create(city=los_angeles, partner_city=los_angeles.city)


def test_a_pair_of_cities_holds_one_live_tie_of_each_kind(los_angeles):
    nagoya = CityFactory(name="Nagoya", country="JP")
    SisterCityTieFactory(city=los_angeles, partner_city=nagoya)
    with raises_integrity(), transaction.atomic():
        SisterCityTieFactory(city=los_angeles, partner_city=nagoya)
    # A different kind, or a tie that ended, does not clash.
    SisterCityTieFactory(city=los_angeles, partner_city=nagoya, kind=TieKind.PARTNERSHIP)


def test_an_ended_tie_frees_the_pair_for_a_new_one(los_angeles):
    berlin = CityFactory(name="Berlin", country="DE")
    SisterCityTieFactory(
        city=los_angeles,
        partner_city=berlin,
        status=TieStatus.ENDED,
        ended_on=datetime.date(2001, 1, 1),
    )
    tie = sister_city_tie_create(city=los_angeles, partner_city=berlin, kind=TieKind.SISTER_CITY)
    assert tie.pk


def test_the_tie_service_refuses_a_second_live_tie_with_a_message(los_angeles):
    kobe = CityFactory(name="Kobe", country="JP")
    sister_city_tie_create(city=los_angeles, partner_city=kobe, kind=TieKind.SISTER_CITY)
    with pytest.raises(ValidationError, match="already have a live tie"):
        sister_city_tie_create(city=los_angeles, partner_city=kobe, kind=TieKind.SISTER_CITY)


def test_an_ended_tie_needs_its_end_date(los_angeles):
    with raises_integrity(), transaction.atomic():
        SisterCityTieFactory(city=los_angeles, status=TieStatus.ENDED, ended_on=None)


def test_a_tie_cannot_end_before_it_was_established(los_angeles):
    with raises_integrity(), transaction.atomic():
        SisterCityTieFactory(
            city=los_angeles,
            established_on=datetime.date(2000, 1, 1),
            status=TieStatus.ENDED,
            ended_on=datetime.date(1999, 1, 1),
        )


def test_a_partner_name_is_unique_per_country_within_a_city(los_angeles, seattle):
    PartnerFactory(city=los_angeles, name="Consulate General of Japan", country="JP")
    # Another city may record the same partner for itself.
    PartnerFactory(city=seattle, name="Consulate General of Japan", country="JP")
    with raises_integrity(), transaction.atomic():
        PartnerFactory(city=los_angeles, name="Consulate General of Japan", country="JP")


def test_a_partner_kind_must_be_known(los_angeles):
    with raises_integrity(), transaction.atomic():
        PartnerFactory(city=los_angeles, kind="spy_agency")


def test_city_coordinates_must_be_on_the_globe():
    with raises_integrity(), transaction.atomic():
        CityFactory(latitude=Decimal("123.0"))


def test_sdg_framework_is_loaded_with_unique_codes_and_official_colours():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert SdgIndicator.objects.count() >= 231
    assert SdgGoal.objects.get(number=11).color == "#FD9D24"
    assert SdgTarget.objects.get(code="11.6").goal_id == 11
    with raises_integrity(), transaction.atomic():
        SdgTarget.objects.create(code="11.6", goal_id=11, title="dup", position=999)


def test_sdg_targets_keep_the_official_order():
    codes = list(SdgTarget.objects.filter(goal_id=11).values_list("code", flat=True))
    assert codes == ["11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7", "11.a", "11.b", "11.c"]


def test_a_commitment_target_year_comes_after_its_baseline(los_angeles):
    with raises_integrity(), transaction.atomic():
        CommitmentFactory(city=los_angeles, baseline_year=2030, target_year=2020)


def test_one_progress_entry_per_commitment_and_date(los_angeles):
    commitment = CommitmentFactory(city=los_angeles)
    ProgressEntryFactory(commitment=commitment, date=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError, match="already has a value"):
        progress_entry_create(commitment=commitment, date=datetime.date(2024, 1, 1), value=3)


def test_a_city_joins_a_network_once(los_angeles):
    membership = NetworkMembershipFactory(city=los_angeles)
    with raises_integrity(), transaction.atomic():
        NetworkMembershipFactory(city=los_angeles, network=membership.network)
