"""The engagement form's SDG suggestions: a JSON endpoint for a city's staff."""

import pytest
from django.test import Client
from django.urls import reverse

from cities.models import SdgTarget
from engagements.models import Topic
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("sdg_suggestions")


def suggested(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [item["code"] for item in response.json()["suggestions"]]


def test_editor_gets_targets_for_what_they_typed(editor_client):
    response = editor_client.get(
        URL, {"title": "Bus rapid transit study tour", "summary": "Dedicated bus lanes"}
    )
    codes = suggested(response)
    assert codes[0] == "11.2"
    assert len(codes) == 8
    first = response.json()["suggestions"][0]
    target = SdgTarget.objects.get(code="11.2")
    assert first["id"] == target.pk
    assert first["goal"] == 11
    assert first["title"] == target.title


def test_ticked_topics_are_part_of_the_text(viewer_client):
    climate = Topic.objects.get(code="climate")
    without = suggested(viewer_client.get(URL, {"title": "Delegation from Lyon"}))
    with_topic = suggested(
        viewer_client.get(URL, {"title": "Delegation from Lyon", "topics": [climate.pk]})
    )
    assert with_topic != without
    assert with_topic[0].startswith("13.")


def test_nothing_typed_suggests_nothing(editor_client):
    assert suggested(editor_client.get(URL)) == []


def test_bad_input_is_answered_not_failed(editor_client):
    response = editor_client.get(
        URL, {"title": "x" * 50_000, "summary": "ports " * 5000, "topics": ["abc", "-1", "99999"]}
    )
    assert response.status_code == 200


def test_only_a_citys_staff_and_site_admins_may_ask(site_admin):
    client = Client()
    assert client.get(URL, {"title": "ports"}).status_code == 302  # to the login page
    client.force_login(UserFactory(username="no-city"))
    assert client.get(URL, {"title": "ports"}).status_code == 403
    client.force_login(site_admin)
    assert suggested(client.get(URL, {"title": "ports"}))


def test_suggestions_never_write(editor_client):
    assert editor_client.post(URL, {"title": "ports"}).status_code == 405


def test_query_count_is_constant(editor_client, django_assert_max_num_queries):
    topics = list(Topic.objects.values_list("pk", flat=True))
    editor_client.get(URL, {"title": "warm up the ranking"})
    with django_assert_max_num_queries(6):
        editor_client.get(URL, {"title": "ports", "topics": topics[:1]})
    with django_assert_max_num_queries(6):
        editor_client.get(URL, {"title": "ports and airports and rail", "topics": topics})


def test_the_engagement_form_offers_suggestions_beside_the_targets(editor_client):
    content = editor_client.get(reverse("engagement_create")).content.decode()
    assert 'id="sdg-suggestions"' in content
    assert f'data-url="{URL}"' in content
    assert "js/sdg-suggestions" in content
