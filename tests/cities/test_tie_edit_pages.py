"""Sister-city ties on the staff pages: an editor adds a tie by the city's name,
edits it and ends it on a date; a viewer is refused (403), another city's
editor finds nothing (404), and a form with a mistake keeps what was typed."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from cities.choices import TieStatus
from cities.models import SisterCityTie
from tests.factories import CityFactory, SisterCityTieFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("tie_create")


@pytest.fixture
def nagoya_city(db):
    return CityFactory(name="Nagoya", country="JP", region="Aichi")


@pytest.fixture
def tie(los_angeles, nagoya_city):
    return SisterCityTieFactory(
        city=los_angeles, partner_city=nagoya_city, established_on=datetime.date(1959, 12, 1)
    )


def tie_data(**overrides):
    data = {
        "partner_city_name": "nagoya",
        "partner_city_country": "JP",
        "partner_city_region": "",
        "kind": "sister_city",
        "established_on": "1959-12-01",
        "signatories": "Mayor Norris Poulson\nMayor Kobayashi",
        "focus_areas": "Ports, education",
        "notes": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_editor_adds_a_tie_by_the_citys_name(editor_client, los_angeles, nagoya_city):
    response = editor_client.post(CREATE, tie_data())

    tie = SisterCityTie.objects.get(city=los_angeles)
    assert response.status_code == 302
    assert response.url == reverse("tie_detail", args=[tie.pk])
    assert tie.partner_city == nagoya_city
    assert tie.signatories == "Mayor Norris Poulson\nMayor Kobayashi"
    assert tie.history.first().history_user.username == "la-editor"


def test_a_double_clicked_save_records_one_tie(editor_client, los_angeles, nagoya_city):
    data = tie_data()
    editor_client.post(CREATE, data)
    second = editor_client.post(CREATE, data)

    assert second.status_code == 302
    assert SisterCityTie.objects.filter(city=los_angeles).count() == 1


def test_an_unknown_city_keeps_what_was_typed(editor_client, los_angeles):
    response = editor_client.post(CREATE, tie_data(partner_city_name="Atlantis"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "No city called “Atlantis”" in content
    assert 'value="Atlantis"' in content
    assert "Ports, education" in content
    assert not SisterCityTie.objects.exists()


def test_two_cities_of_one_name_ask_for_the_region(editor_client, los_angeles):
    CityFactory(name="Springfield", country="US", region="Illinois")
    CityFactory(name="Springfield", country="US", region="Massachusetts")

    asked = editor_client.post(
        CREATE, tie_data(partner_city_name="Springfield", partner_city_country="US")
    )
    chosen = editor_client.post(
        CREATE,
        tie_data(
            partner_city_name="Springfield",
            partner_city_country="US",
            partner_city_region="massachusetts",
        ),
    )

    assert "give the region (Illinois, Massachusetts)" in asked.content.decode()
    assert chosen.status_code == 302
    assert SisterCityTie.objects.get().partner_city.region == "Massachusetts"


def test_a_second_live_tie_of_a_kind_is_refused_on_the_form(editor_client, tie):
    response = editor_client.post(CREATE, tie_data(focus_areas="Again"))

    content = response.content.decode()
    assert "already have a live tie of this kind" in content
    assert 'value="Again"' in content
    assert SisterCityTie.objects.count() == 1


def test_editor_edits_signatories_and_focus_areas(editor_client, tie):
    form = editor_client.get(reverse("tie_edit", args=[tie.pk]))
    assert 'value="Nagoya"' in form.content.decode()

    response = editor_client.post(
        reverse("tie_edit", args=[tie.pk]),
        tie_data(signatories="Mayor Bass", focus_areas="Green ports"),
    )

    tie.refresh_from_db()
    assert response.status_code == 302
    assert (tie.signatories, tie.focus_areas) == ("Mayor Bass", "Green ports")


def test_editor_ends_a_tie_on_a_date_with_the_reason_in_its_notes(editor_client, tie):
    response = editor_client.post(
        reverse("tie_end", args=[tie.pk]), {"ended_on": "2025-03-31", "reason": "Council vote"}
    )

    tie.refresh_from_db()
    assert response.status_code == 302
    assert tie.status == TieStatus.ENDED
    assert tie.ended_on == datetime.date(2025, 3, 31)
    assert "Council vote" in tie.notes
    detail = editor_client.get(reverse("tie_detail", args=[tie.pk])).content.decode()
    assert f"on {date_format(datetime.date(2025, 3, 31), 'DATE_FORMAT')}" in detail
    assert "End tie" not in detail


def test_ending_before_the_tie_began_keeps_the_form(editor_client, tie):
    response = editor_client.post(
        reverse("tie_end", args=[tie.pk]), {"ended_on": "1950-01-01", "reason": "Typed reason"}
    )

    tie.refresh_from_db()
    content = response.content.decode()
    assert response.status_code == 200
    assert "cannot end before it was established" in content
    assert "Typed reason" in content
    assert 'value="1950-01-01"' in content
    assert tie.status == TieStatus.ACTIVE


def test_an_ended_tie_can_have_its_end_date_corrected(editor_client, tie):
    tie.status, tie.ended_on = TieStatus.ENDED, datetime.date(2025, 3, 31)
    tie.save()

    editor_client.post(reverse("tie_edit", args=[tie.pk]), tie_data(ended_on="2025-04-30"))

    tie.refresh_from_db()
    assert tie.ended_on == datetime.date(2025, 4, 30)


def test_the_list_and_the_detail_offer_the_write_pages_to_editors_only(
    editor_client, viewer, tie, client
):
    assert reverse("tie_create") in editor_client.get(reverse("tie_list")).content.decode()
    detail = editor_client.get(reverse("tie_detail", args=[tie.pk])).content.decode()
    assert reverse("tie_edit", args=[tie.pk]) in detail
    assert reverse("tie_end", args=[tie.pk]) in detail

    client.force_login(viewer)
    assert reverse("tie_create") not in client.get(reverse("tie_list")).content.decode()
    detail = client.get(reverse("tie_detail", args=[tie.pk])).content.decode()
    assert reverse("tie_edit", args=[tie.pk]) not in detail


@pytest.mark.parametrize("name", ["tie_edit", "tie_end"])
def test_viewer_gets_403_on_every_write_page(viewer_client, tie, name):
    url = reverse(name, args=[tie.pk])
    assert viewer_client.get(url).status_code == 403
    assert viewer_client.post(url, tie_data(ended_on="2025-01-01")).status_code == 403
    assert viewer_client.get(CREATE).status_code == 403
    assert viewer_client.post(CREATE, tie_data()).status_code == 403
    tie.refresh_from_db()
    assert tie.status == TieStatus.ACTIVE


@pytest.mark.parametrize("name", ["tie_edit", "tie_end"])
def test_another_citys_editor_gets_404(other_client, tie, name):
    url = reverse(name, args=[tie.pk])
    assert other_client.get(url).status_code == 404
    assert other_client.post(url, tie_data(ended_on="2025-01-01")).status_code == 404


def test_the_tie_pages_keep_their_query_counts(
    editor_client, los_angeles, tie, django_assert_max_num_queries
):
    for n in range(20):
        SisterCityTieFactory(
            city=los_angeles, partner_city=CityFactory(name=f"Town {n}", country="FR")
        )
    with django_assert_max_num_queries(12):
        assert editor_client.get(reverse("tie_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert editor_client.get(reverse("tie_detail", args=[tie.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert editor_client.get(reverse("tie_edit", args=[tie.pk])).status_code == 200


def test_the_partner_city_box_suggests_world_cities_largest_first(viewer_client, nagoya_city):
    CityFactory(name="Nagasaki", country="JP", population=400_000)
    nagoya_city.population = 2_300_000
    nagoya_city.save()
    CityFactory(name="Nagpur", country="IN", population=2_400_000)
    url = reverse("tie_city_matches")

    in_japan = viewer_client.get(url, {"partner_city_name": "nag", "partner_city_country": "JP"})
    too_short = viewer_client.get(url, {"partner_city_name": "n"})

    content = in_japan.content.decode()
    assert content.index("Nagoya, Aichi (Japan)") < content.index("Nagasaki")
    assert "Nagpur" not in content
    assert "<option" not in too_short.content.decode()


def test_the_tie_form_asks_for_suggestions_as_the_name_is_typed(editor_client, los_angeles):
    content = editor_client.get(CREATE).content.decode()

    assert f'hx-get="{reverse("tie_city_matches")}"' in content
    assert 'list="city-matches"' in content
