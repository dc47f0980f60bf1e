"""Saved views: a user names the filters of a list ("Japan, last 12 months") and
opens them again; a relative period moves with the calendar; views are one's own."""

import datetime

from django.test import Client
from django.utils import timezone

from cities.models import SavedView
from tests.factories import EngagementFactory, PartnerFactory

LIST = "/engagements/"


def save(client, name, query, list_name="engagement_list"):
    return client.post("/saved-views/", {"list_name": list_name, "name": name, "query": query})


def test_an_editor_saves_the_filters_and_opens_them_again(editor_client, editor, los_angeles):
    today = timezone.localdate()
    japan = PartnerFactory(city=los_angeles, name="City of Nagoya", country="JP")
    EngagementFactory(city=los_angeles, title="Recent Japan", partners=[japan], start_date=today)
    EngagementFactory(
        city=los_angeles,
        title="Old Japan",
        partners=[japan],
        start_date=today - datetime.timedelta(days=500),
    )
    EngagementFactory(city=los_angeles, title="Recent Korea", start_date=today)

    response = save(
        editor_client, "Japan, last 12 months", "partner_country=JP&period=last_12_months&after=abc"
    )

    view = SavedView.objects.get(user=editor)
    assert (
        view.query == "partner_country=JP&period=last_12_months"
    )  # where one was on the list is not kept
    assert response.status_code == 302 and response.url == f"{LIST}?{view.query}"
    page = editor_client.get(LIST).content.decode()
    assert "Japan, last 12 months" in page and f"?{view.query}" in page.replace("&amp;", "&")
    titles = [e.title for e in editor_client.get(response.url).context["page"]]
    assert titles == ["Recent Japan"]


def test_saving_a_name_again_replaces_its_filters(editor_client, editor):
    save(editor_client, "Mine", "status=planned")
    save(editor_client, "Mine", "status=confirmed")

    assert list(SavedView.objects.filter(user=editor).values_list("query", flat=True)) == [
        "status=confirmed"
    ]


def test_a_view_without_a_name_is_refused_with_a_message(editor_client):
    response = save(editor_client, "", "status=planned")

    assert response.status_code == 302
    assert "give it a name" in editor_client.get(response.url).content.decode()
    assert not SavedView.objects.exists()


def test_views_are_ones_own(editor_client, editor, other_editor):
    save(editor_client, "LA planned", "status=planned")
    view = SavedView.objects.get(user=editor)
    other_client = Client()
    other_client.force_login(other_editor)

    assert "LA planned" not in other_client.get(LIST).content.decode()
    assert other_client.post(f"/saved-views/{view.pk}/delete/").status_code == 404
    assert editor_client.post(f"/saved-views/{view.pk}/delete/").status_code == 302
    assert not SavedView.objects.exists()


def test_every_list_offers_saved_views(editor_client, los_angeles):
    for url in (
        "/engagements/",
        "/partners/",
        "/ties/",
        "/commitments/",
        "/follow-ups/",
        "/gifts/",
    ):
        assert "Save these filters as" in editor_client.get(url).content.decode(), url
