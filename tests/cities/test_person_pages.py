"""Contacts at a partner: an editor edits and removes one from the partner's
profile; a viewer is refused (403), another city's editor finds nothing (404)."""

import pytest
from django.urls import reverse

from cities.models import Person
from tests.factories import PartnerFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(los_angeles):
    partner = PartnerFactory(city=los_angeles, name="City of Nagoya")
    return PersonFactory(partner=partner, name="Aiko Sato", title="Director")


def person_data(**overrides):
    data = {
        "person-name": "Aiko Sato",
        "person-title": "Director-General",
        "person-email": "aiko@example.jp",
        "person-phone": "+81 52 000 0000",
    }
    data.update(overrides)
    return data


def test_the_profile_offers_edit_and_remove_to_editors_only(editor_client, viewer, person, client):
    profile = reverse("partner_detail", args=[person.partner_id])
    content = editor_client.get(profile).content.decode()
    assert reverse("person_edit", args=[person.pk]) in content
    assert reverse("person_delete", args=[person.pk]) in content

    client.force_login(viewer)
    content = client.get(profile).content.decode()
    assert "Aiko Sato" in content
    assert reverse("person_edit", args=[person.pk]) not in content


def test_editor_edits_a_contact(editor_client, person):
    form = editor_client.get(reverse("person_edit", args=[person.pk])).content.decode()
    assert 'value="Director"' in form

    response = editor_client.post(reverse("person_edit", args=[person.pk]), person_data())

    person.refresh_from_db()
    assert response.url.endswith("#people")
    assert (person.title, person.email) == ("Director-General", "aiko@example.jp")
    assert person.history.first().history_user.username == "la-editor"


def test_a_bad_email_keeps_what_was_typed(editor_client, person):
    response = editor_client.post(
        reverse("person_edit", args=[person.pk]), person_data(**{"person-email": "not-mail"})
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="not-mail"' in content
    assert 'value="Director-General"' in content
    person.refresh_from_db()
    assert person.email == ""


def test_editor_removes_a_contact_after_confirming(editor_client, person):
    confirm = editor_client.get(reverse("person_delete", args=[person.pk]))
    assert "Remove Aiko Sato?" in confirm.content.decode()

    response = editor_client.post(reverse("person_delete", args=[person.pk]))

    assert response.url == reverse("partner_detail", args=[person.partner_id]) + "#people"
    assert not Person.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize("name", ["person_edit", "person_delete"])
def test_viewer_gets_403(viewer_client, person, name):
    url = reverse(name, args=[person.pk])
    assert viewer_client.get(url).status_code == 403
    assert viewer_client.post(url, person_data()).status_code == 403
    assert Person.objects.get(pk=person.pk).title == "Director"


@pytest.mark.parametrize("name", ["person_edit", "person_delete"])
def test_another_citys_editor_gets_404(other_client, person, name):
    url = reverse(name, args=[person.pk])
    assert other_client.get(url).status_code == 404
    assert other_client.post(url, person_data()).status_code == 404
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_profile_keeps_its_query_count_with_many_contacts(
    editor_client, person, django_assert_max_num_queries
):
    for n in range(30):
        PersonFactory(partner=person.partner, name=f"Contact {n}")
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("partner_detail", args=[person.partner_id]))
    assert len(response.context["people"]) == 31
