"""The iCalendar feed of a city's planned and confirmed engagements, at a secret URL."""

import datetime

import pytest
from django.test import Client
from icalendar import Calendar

from cities.models import CalendarFeed
from tests.factories import DelegationFactory, EngagementFactory, ItineraryItemFactory


@pytest.fixture
def anonymous():
    """A calendar app: it never logs in."""
    return Client()


@pytest.fixture
def feed_url(editor_client, editor, los_angeles):
    response = editor_client.post("/profile/calendar/")
    assert response.status_code == 302
    feed = CalendarFeed.objects.active().get(user=editor)
    return f"/calendar/{feed.token}.ics"


def _events(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_feed_parses_and_holds_planned_and_confirmed_engagements_with_itinerary(
    anonymous, feed_url, los_angeles, seattle
):
    planned = EngagementFactory(
        city=los_angeles,
        title="Visit of the Mayor of Nagoya",
        status="planned",
        start_date=datetime.date(2026, 3, 10),
        end_date=datetime.date(2026, 3, 12),
    )
    delegation = DelegationFactory(engagement=planned)
    ItineraryItemFactory(
        delegation=delegation,
        date=datetime.date(2026, 3, 11),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(11, 0),
        activity="Port tour",
    )
    confirmed = EngagementFactory(city=los_angeles, title="Consular reception", status="confirmed")
    EngagementFactory(city=los_angeles, title="Done already", status="completed")
    EngagementFactory(city=los_angeles, title="Called off", status="cancelled")
    EngagementFactory(city=seattle, title="Seattle's visit", status="planned")

    events = _events(anonymous, feed_url)  # no login: the secret URL is the credential

    titles = {str(e["SUMMARY"]) for e in events.values()}
    assert titles == {
        "Visit of the Mayor of Nagoya",
        "Consular reception",
        "Port tour — Visit of the Mayor of Nagoya",
    }
    visit = events[f"engagement-{planned.pk}@diplomacy-desk"]
    assert visit.decoded("DTSTART") == datetime.date(2026, 3, 10)
    assert visit.decoded("DTEND") == datetime.date(2026, 3, 13)  # all-day, end exclusive
    assert str(visit["STATUS"]) == "TENTATIVE"
    assert str(events[f"engagement-{confirmed.pk}@diplomacy-desk"]["STATUS"]) == "CONFIRMED"
    tour = next(e for e in events.values() if str(e["SUMMARY"]).startswith("Port tour"))
    start = tour.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(hours=-7)  # Los Angeles, daylight time
    assert (start.hour, start.minute) == (9, 30)
    assert tour.decoded("DTEND") - start == datetime.timedelta(minutes=90)


def test_revoked_url_is_404(editor_client, anonymous, feed_url, editor):
    feed = CalendarFeed.objects.active().get(user=editor)

    assert anonymous.get(feed_url).status_code == 200
    editor_client.post(f"/profile/calendar/{feed.pk}/revoke/")

    assert anonymous.get(feed_url).status_code == 404


def test_new_address_replaces_the_old(editor_client, anonymous, feed_url, editor):
    editor_client.post("/profile/calendar/")

    new = CalendarFeed.objects.active().get(user=editor)
    assert anonymous.get(feed_url).status_code == 404
    assert anonymous.get(f"/calendar/{new.token}.ics").status_code == 200


def test_unknown_token_is_404(client, db):
    assert client.get("/calendar/" + "x" * 43 + ".ics").status_code == 404


def test_cannot_revoke_someone_elses_feed(other_client, editor, los_angeles):
    feed = CalendarFeed.objects.create(user=editor, city=los_angeles)

    assert other_client.post(f"/profile/calendar/{feed.pk}/revoke/").status_code == 404
    feed.refresh_from_db()
    assert feed.is_active


def test_feed_of_a_user_who_left_the_city_is_empty(anonymous, feed_url, editor, los_angeles):
    EngagementFactory(city=los_angeles, status="planned")
    editor.staff.delete()

    assert _events(anonymous, feed_url) == {}


def test_profile_page_shows_token_and_calendar(editor_client, feed_url, editor):
    editor_client.post("/profile/token/")

    page = editor_client.get("/profile/").content.decode()

    assert editor.auth_token.key in page
    assert feed_url in page


def test_api_token_from_the_profile_works_until_revoked(editor_client, anonymous, editor):
    editor_client.post("/profile/token/")
    headers = {"HTTP_AUTHORIZATION": f"Token {editor.auth_token.key}"}

    assert anonymous.get("/api/v1/engagements/", **headers).status_code == 200
    editor_client.post("/profile/token/revoke/")
    assert anonymous.get("/api/v1/engagements/", **headers).status_code == 401
