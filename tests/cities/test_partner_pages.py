"""The partner directory, a partner's profile, and adding a partner with a
warning about a likely duplicate."""

import datetime
import uuid

import pytest
from django.urls import reverse

from cities.models import Partner, Person
from tests.factories import (
    CityFactory,
    EngagementFactory,
    PartnerFactory,
    SisterCityTieFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("partner_list")
CREATE = reverse("partner_create")


@pytest.fixture
def nagoya_city(db):
    return CityFactory(name="Nagoya", country="JP")


@pytest.fixture
def partner(los_angeles, nagoya_city):
    return PartnerFactory(
        city=los_angeles, name="City of Nagoya", country="JP", partner_city=nagoya_city
    )


def partner_data(**overrides):
    data = {
        "name": "Busan Port Authority",
        "kind": "business",
        "country": "KR",
        "partner_city": "",
        "website": "",
        "notes": "",
        "sensitivity_note": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_directory_lists_and_filters_by_kind_and_country(editor_client, partner, los_angeles):
    PartnerFactory(city=los_angeles, name="Goethe-Institut", country="DE", kind="academic")
    content = editor_client.get(LIST, {"country": "DE"}).content.decode()
    assert "Goethe-Institut" in content
    assert "City of Nagoya" not in content
    content = editor_client.get(LIST, {"kind": "city_government"}).content.decode()
    assert "City of Nagoya" in content
    assert "Goethe-Institut" not in content


def test_directory_is_read_only_for_a_viewer(viewer_client, partner):
    content = viewer_client.get(LIST).content.decode()
    assert "City of Nagoya" in content
    assert "Add a partner" not in content


def test_directory_hides_another_citys_partners(other_client, partner):
    assert "City of Nagoya" not in other_client.get(LIST).content.decode()


def test_directory_queries_do_not_grow_with_rows(
    editor_client, los_angeles, django_assert_max_num_queries
):
    PartnerFactory(city=los_angeles)
    with django_assert_max_num_queries(8):
        response = editor_client.get(LIST)
    assert len(response.context["page"]) == 1
    for _ in range(49):
        PartnerFactory(city=los_angeles, partner_city=CityFactory())
    with django_assert_max_num_queries(8):
        response = editor_client.get(LIST)
    assert len(response.context["page"]) == 50


def test_profile_shows_history_people_tie_and_sensitivity_banner(
    viewer_client, partner, los_angeles, nagoya_city
):
    partner.sensitivity_note = "Ministry under review"
    partner.save()
    Person.objects.create(partner=partner, name="Aiko Tanaka", title="Director")
    EngagementFactory(city=los_angeles, title="Port MOU", partners=[partner])
    SisterCityTieFactory(city=los_angeles, partner_city=nagoya_city)
    content = viewer_client.get(reverse("partner_detail", args=[partner.pk])).content.decode()
    assert "Ministry under review" in content and "banner-warning" in content
    assert "Aiko Tanaka" in content
    assert "Port MOU" in content
    assert "Sister city with Nagoya" in content
    assert reverse("partner_edit", args=[partner.pk]) not in content
    assert "Add a contact" not in content


def test_another_citys_editor_gets_404_on_the_profile_and_edit(other_client, partner):
    assert other_client.get(reverse("partner_detail", args=[partner.pk])).status_code == 404
    assert other_client.get(reverse("partner_edit", args=[partner.pk])).status_code == 404


def test_profile_queries_do_not_grow_with_engagements(
    editor_client, partner, los_angeles, django_assert_max_num_queries
):
    url = reverse("partner_detail", args=[partner.pk])
    EngagementFactory(city=los_angeles, partners=[partner])
    with django_assert_max_num_queries(14):
        editor_client.get(url)
    for n in range(49):
        EngagementFactory(
            city=los_angeles, partners=[partner], start_date=datetime.date(2025, 1, 1 + n % 28)
        )
    with django_assert_max_num_queries(14):
        response = editor_client.get(url)
    assert len(response.context["page"]) == 50


def test_editor_adds_a_partner(editor_client, los_angeles):
    response = editor_client.post(CREATE, partner_data())
    partner = Partner.objects.get(name="Busan Port Authority")
    assert response.status_code == 302
    assert response.url == reverse("partner_detail", args=[partner.pk])
    assert partner.city == los_angeles


def test_a_likely_duplicate_is_warned_about_before_saving(editor_client, partner):
    data = partner_data(name="Nagoya City", country="JP", kind="city_government")
    response = editor_client.post(CREATE, data)
    content = response.content.decode()
    assert "This looks like a partner you already have" in content
    assert "City of Nagoya" in content
    assert 'value="Nagoya City"' in content
    assert not Partner.objects.filter(name="Nagoya City").exists()
    data.update(confirmed_not_duplicate="on", form_token=str(uuid.uuid4()))
    assert editor_client.post(CREATE, data).status_code == 302
    assert Partner.objects.filter(name="Nagoya City").exists()


def test_a_same_named_partner_in_another_country_is_not_a_duplicate(editor_client, partner):
    response = editor_client.post(CREATE, partner_data(name="City of Nagoya", country="US"))
    assert response.status_code == 302


def test_partner_form_errors_keep_input(editor_client):
    response = editor_client.post(CREATE, partner_data(website="not a url", name="Kept name"))
    content = response.content.decode()
    assert 'value="Kept name"' in content
    assert "Enter a valid URL." in content


def test_a_double_clicked_save_adds_one_partner(editor_client):
    data = partner_data()
    editor_client.post(CREATE, data)
    assert editor_client.post(CREATE, data).status_code == 302
    assert Partner.objects.filter(name="Busan Port Authority").count() == 1


def test_viewer_gets_403_on_partner_forms(viewer_client, partner):
    assert viewer_client.get(CREATE).status_code == 403
    assert viewer_client.get(reverse("partner_edit", args=[partner.pk])).status_code == 403
    response = viewer_client.post(reverse("person_add", args=[partner.pk]), {"person-name": "X"})
    assert response.status_code == 403


def test_editor_edits_a_partner_and_adds_a_contact(editor_client, partner):
    response = editor_client.post(
        reverse("partner_edit", args=[partner.pk]),
        partner_data(
            name="City of Nagoya",
            country="JP",
            kind="city_government",
            sensitivity_note="Check with protocol",
        ),
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.sensitivity_note == "Check with protocol"
    response = editor_client.post(
        reverse("person_add", args=[partner.pk]),
        {
            "person-name": "Kenji Sato",
            "person-title": "Port director",
            "form_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    assert partner.people.get().name == "Kenji Sato"
