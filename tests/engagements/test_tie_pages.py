"""Sister-city ties: the list, the detail timeline, dormancy and anniversaries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CityFactory, EngagementFactory, PartnerFactory, SisterCityTieFactory

pytestmark = pytest.mark.django_db

LIST = reverse("tie_list")


def years_ago(years, days=0):
    today = timezone.localdate()
    return today.replace(year=today.year - years) + datetime.timedelta(days=days)


@pytest.fixture
def nagoya(los_angeles):
    city = CityFactory(name="Nagoya", country="JP")
    return SisterCityTieFactory(city=los_angeles, partner_city=city, established_on=years_ago(66))


@pytest.fixture
def partner_in_nagoya(los_angeles, nagoya):
    return PartnerFactory(
        city=los_angeles, name="Nagoya City Hall", partner_city=nagoya.partner_city
    )


def test_a_tie_with_a_recent_engagement_is_active(
    editor_client, los_angeles, nagoya, partner_in_nagoya
):
    EngagementFactory(
        city=los_angeles,
        partners=[partner_in_nagoya],
        start_date=timezone.localdate() - datetime.timedelta(days=100),
    )
    response = editor_client.get(LIST)
    tie = response.context["page"].object_list[0]
    assert tie.is_dormant is False
    assert "badge dormant" not in response.content.decode()


def test_a_tie_without_engagement_in_24_months_is_dormant_on_list_and_detail(
    viewer_client, los_angeles, nagoya, partner_in_nagoya
):
    EngagementFactory(
        city=los_angeles, partners=[partner_in_nagoya], start_date=years_ago(3), title="Old visit"
    )
    assert "badge dormant" in viewer_client.get(LIST).content.decode()
    detail = viewer_client.get(reverse("tie_detail", args=[nagoya.pk])).content.decode()
    assert "Dormant:" in detail
    assert "Old visit" in detail


def test_ties_reaching_a_5_or_10_year_anniversary_within_12_months_are_listed(
    editor_client, los_angeles
):
    SisterCityTieFactory(
        city=los_angeles,
        partner_city=CityFactory(name="Lyon", country="FR"),
        established_on=years_ago(10, days=30),
    )  # 10 years in ~11 months
    SisterCityTieFactory(
        city=los_angeles,
        partner_city=CityFactory(name="Busan", country="KR"),
        established_on=years_ago(4, days=-60),
    )  # 5 years in ~10 months
    SisterCityTieFactory(
        city=los_angeles,
        partner_city=CityFactory(name="Eilat", country="IL"),
        established_on=years_ago(7),
    )  # 8 next: not round
    anniversaries = editor_client.get(LIST).context["anniversaries"]
    assert {(t.partner_city.name, t.anniversary_years) for t in anniversaries} == {
        ("Lyon", 10),
        ("Busan", 5),
    }


def test_tie_detail_timeline_lists_engagements_with_that_citys_partners(
    editor_client, los_angeles, nagoya, partner_in_nagoya
):
    EngagementFactory(city=los_angeles, partners=[partner_in_nagoya], title="Port MOU")
    EngagementFactory(
        city=los_angeles, partners=[PartnerFactory(city=los_angeles)], title="Unrelated"
    )
    content = editor_client.get(reverse("tie_detail", args=[nagoya.pk])).content.decode()
    assert "Port MOU" in content
    assert "Unrelated" not in content


def test_another_citys_user_gets_404_on_a_tie(other_client, nagoya):
    assert other_client.get(reverse("tie_detail", args=[nagoya.pk])).status_code == 404
    assert "Nagoya" not in other_client.get(LIST).content.decode()


def test_tie_list_filters_by_country(editor_client, los_angeles, nagoya):
    SisterCityTieFactory(city=los_angeles, partner_city=CityFactory(name="Lyon", country="FR"))
    content = editor_client.get(LIST, {"country": "FR"}).content.decode()
    assert "Lyon" in content
    assert ">Nagoya<" not in content


def test_tie_list_queries_do_not_grow_with_rows(
    editor_client, los_angeles, django_assert_max_num_queries
):
    SisterCityTieFactory(city=los_angeles, partner_city=CityFactory())
    with django_assert_max_num_queries(9):
        response = editor_client.get(LIST)
    assert len(response.context["page"]) == 1
    for n in range(49):
        SisterCityTieFactory(
            city=los_angeles, partner_city=CityFactory(), established_on=years_ago(n + 1)
        )
    with django_assert_max_num_queries(9):
        response = editor_client.get(LIST)
    assert len(response.context["page"]) == 50


def test_tie_detail_queries_are_bounded(
    editor_client, los_angeles, nagoya, partner_in_nagoya, django_assert_max_num_queries
):
    for n in range(20):
        EngagementFactory(city=los_angeles, partners=[partner_in_nagoya], title=f"Exchange {n}")
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("tie_detail", args=[nagoya.pk]))
    assert response.status_code == 200
    assert len(response.context["page"]) == 20
    assert "Exchange 19" in response.content.decode()


# --- One definition of dormancy, at its boundary ----------------------------------


def _what_each_place_says(client, los_angeles, nagoya, partner):
    """(ties page, tie page, partner profile, report): True where it says dormant."""
    from engagements.periods import period_start
    from engagements.reporting.compute import report_figures

    today = timezone.localdate()
    listed = client.get(LIST).context["page"].object_list[0]
    shown = client.get(reverse("tie_detail", args=[nagoya.pk])).context["tie"]
    profile = client.get(reverse("partner_detail", args=[partner.pk])).context["tie"]
    figures = report_figures(
        city=los_angeles, start=period_start("year", today), end=today, today=today
    )
    assert figures["ties_active"] + figures["ties_dormant"] == 1
    return listed.is_dormant, shown.is_dormant, profile.is_dormant, figures["ties_dormant"] == 1


@pytest.mark.parametrize(
    ("last_engagement", "dormant"),
    [
        (lambda: years_ago(2), False),  # exactly two years ago: still active
        (lambda: years_ago(2, days=-1), True),  # a day more: dormant
    ],
    ids=["exactly-two-years-ago", "two-years-and-a-day-ago"],
)
def test_ties_page_partner_profile_and_report_agree_on_dormancy_at_two_years(
    viewer_client, los_angeles, nagoya, partner_in_nagoya, last_engagement, dormant
):
    EngagementFactory(city=los_angeles, partners=[partner_in_nagoya], start_date=last_engagement())
    said = _what_each_place_says(viewer_client, los_angeles, nagoya, partner_in_nagoya)
    assert said == (dormant, dormant, dormant, dormant)


def test_a_cancelled_engagement_does_not_keep_a_tie_active_anywhere(
    viewer_client, los_angeles, nagoya, partner_in_nagoya
):
    EngagementFactory(
        city=los_angeles,
        partners=[partner_in_nagoya],
        start_date=years_ago(0, days=-30),
        status="cancelled",
    )
    said = _what_each_place_says(viewer_client, los_angeles, nagoya, partner_in_nagoya)
    assert said == (True, True, True, True)
