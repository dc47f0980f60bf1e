"""Words and figures that must read right: counts in the singular, the head of
a delegation, tie dates known only by their year, grouped large numbers, and a
partner kind for regional governments."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cities.choices import DatePrecision, PartnerKind
from cities.models import Partner
from engagements.choices import MemberRole
from engagements.reporting.compute import report_figures
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    DelegationFactory,
    DelegationMemberFactory,
    EngagementFactory,
    FollowUpFactory,
    PartnerFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
)

pytestmark = pytest.mark.django_db


def test_the_dashboard_says_one_open_follow_up_in_the_singular(viewer_client, los_angeles):
    FollowUpFactory(engagement=EngagementFactory(city=los_angeles, start_date=timezone.localdate()))
    content = viewer_client.get(reverse("dashboard")).content.decode()
    assert "<strong>1</strong> open follow-up</li>" in content
    assert "1</strong> open follow-ups" not in content


def test_the_follow_up_list_counts_one_in_the_singular(editor_client, los_angeles, editor):
    FollowUpFactory(engagement=EngagementFactory(city=los_angeles), owner=editor)
    content = editor_client.get(reverse("follow_up_list")).content.decode()
    assert "1 follow-up, overdue first" in content


def test_a_member_in_the_head_role_is_shown_as_head_of_delegation(editor_client, los_angeles):
    delegation = DelegationFactory(engagement__city=los_angeles)
    DelegationMemberFactory(delegation=delegation, name="Aide Person", role=MemberRole.STAFF)
    DelegationMemberFactory(
        delegation=delegation, name="Mayor Kawamura", title="Mayor", role=MemberRole.HEAD
    )
    content = editor_client.get(
        reverse("engagement_detail", args=[delegation.engagement_id])
    ).content.decode()
    assert "<dt>Head of delegation</dt><dd>Mayor Kawamura, Mayor</dd>" in content
    printed = editor_client.get(
        reverse("itinerary_print", args=[delegation.engagement_id])
    ).content.decode()
    assert "Head of delegation: Mayor Kawamura, Mayor" in printed


def test_a_delegation_with_no_head_at_all_shows_a_dash(editor_client, los_angeles):
    delegation = DelegationFactory(engagement__city=los_angeles)
    DelegationMemberFactory(delegation=delegation, role=MemberRole.MEMBER)
    content = editor_client.get(
        reverse("engagement_detail", args=[delegation.engagement_id])
    ).content.decode()
    assert "<dt>Head of delegation</dt><dd>—</dd>" in content


def test_an_engagement_page_with_a_delegation_keeps_its_query_count(
    editor_client, los_angeles, django_assert_max_num_queries
):
    delegation = DelegationFactory(engagement__city=los_angeles)
    for _ in range(5):
        DelegationMemberFactory(delegation=delegation)
    DelegationMemberFactory(delegation=delegation, role=MemberRole.HEAD, name="Head")
    with django_assert_max_num_queries(16):
        response = editor_client.get(reverse("engagement_detail", args=[delegation.engagement_id]))
    assert "<dd>Head</dd>" in response.content.decode()


def _years_ago_next_month(years):
    today = timezone.localdate()
    month = today.month % 12 + 1
    year = today.year - years + (1 if month == 1 else 0)
    return datetime.date(year, month, 1)


def test_a_tie_known_by_its_year_shows_its_anniversary_as_a_year(editor_client, los_angeles):
    today = timezone.localdate()
    # Only the year is known: stored as 1 January, anniversary next year (a multiple of 5).
    established = datetime.date(today.year + 1 - 50, 1, 1)
    tie = SisterCityTieFactory(
        city=los_angeles,
        partner_city=CityFactory(name="Busan", country="KR"),
        established_on=established,
        established_precision=DatePrecision.YEAR,
    )
    listing = editor_client.get(reverse("tie_list")).content.decode()
    assert f"in {today.year + 1}" in listing
    assert "1 January" not in listing
    detail = editor_client.get(reverse("tie_detail", args=[tie.pk])).content.decode()
    assert f"since {established.year} " in detail
    assert "1 January" not in detail


def test_a_tie_known_to_the_day_keeps_its_day(editor_client, los_angeles):
    established = _years_ago_next_month(10)
    SisterCityTieFactory(
        city=los_angeles,
        partner_city=CityFactory(name="Lyon", country="FR"),
        established_on=established,
    )
    listing = editor_client.get(reverse("tie_list")).content.decode()
    anniversary = established.replace(year=established.year + 10)
    assert f"on {date_format(anniversary.replace(day=1), 'DATE_FORMAT')}" in listing


def test_large_commitment_values_are_grouped(editor_client, los_angeles):
    commitment = CommitmentFactory(
        city=los_angeles,
        unit="kt CO2e",
        baseline_value=Decimal("18715"),
        target_value=Decimal("9357.5"),
    )
    ProgressEntryFactory(commitment=commitment, value=Decimal("15230.25"))
    detail = editor_client.get(reverse("commitment_detail", args=[commitment.pk])).content
    detail = detail.decode()
    assert "18,715 kt CO2e" in detail
    assert "9,357.50 kt CO2e" in detail
    assert "15,230.2500 kt CO2e" in detail
    assert "18715" not in detail
    listing = editor_client.get(reverse("commitment_list")).content.decode()
    assert "18,715" in listing


def test_a_regional_government_is_a_partner_kind(editor_client, los_angeles):
    response = editor_client.post(
        reverse("partner_create"),
        {
            "name": "Aichi Prefectural Government",
            "kind": PartnerKind.REGIONAL_GOVERNMENT,
            "country": "JP",
            "form_token": "a5f1c7a2-3c1e-4d9a-9c62-1b2f0f6c7d11",
        },
    )
    assert response.status_code == 302
    partner = Partner.objects.get(name="Aichi Prefectural Government")
    assert partner.get_kind_display() == "Regional government (prefecture, province, state)"
    assert "Regional government" in editor_client.get(reverse("partner_list")).content.decode()


def test_regional_governments_are_counted_by_kind_on_the_dashboard(los_angeles):
    partner = PartnerFactory(city=los_angeles, kind=PartnerKind.REGIONAL_GOVERNMENT)
    EngagementFactory(city=los_angeles, start_date=timezone.localdate(), partners=[partner])
    today = timezone.localdate()
    figures = report_figures(city=los_angeles, start=today.replace(month=1, day=1), end=today)
    assert figures["by_partner_kind"] == {PartnerKind.REGIONAL_GOVERNMENT: 1}
