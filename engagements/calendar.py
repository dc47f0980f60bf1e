"""iCalendar feeds of a participating city's planned and confirmed engagements.

A user subscribes Outlook or Google Calendar to a secret URL
(``calendar/<token>.ics``); a calendar app cannot log in, so the token is the
credential, and a revoked or unknown token answers 404. Each engagement is an
all-day event over its dates; each timed itinerary item of its delegation is
an event in the city's own time zone.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar, Event

from cities import services as city_services
from cities.models import CalendarFeed, ParticipatingCity
from cities.scoping import is_site_admin, staff_city
from cities.validators import LATEST_DATE
from engagements.choices import EngagementStatus
from engagements.models import Engagement, ItineraryItem

UID_DOMAIN = "diplomacy-desk"
ITINERARY_DEFAULT_LENGTH = datetime.timedelta(hours=1)
FEED_STATUSES = [EngagementStatus.PLANNED, EngagementStatus.CONFIRMED]


def _city_zone(city: ParticipatingCity) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(city.city.time_zone or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def feed_engagements(feed: CalendarFeed):
    """What the feed shows: the city's planned and confirmed engagements its user may see."""
    return (
        Engagement.objects.for_user(feed.user)
        .for_city(feed.city)
        .filter(status__in=FEED_STATUSES)
        # Dates are refused outside 1900-2100 at save; a row stored before that
        # rule (9999-12-31 has no next day to end on) stays out of the feed.
        .filter(start_date__lte=LATEST_DATE)
        .exclude(end_date__gt=LATEST_DATE)
        .select_related("delegation")
        .prefetch_related("partners", "delegation__itinerary")
        .order_by("start_date", "pk")
    )


def _engagement_event(engagement: Engagement) -> Event:
    event = Event()
    event.add("uid", f"engagement-{engagement.pk}@{UID_DOMAIN}")
    event.add("summary", engagement.title)
    event.add("dtstart", engagement.start_date)
    event.add("dtend", engagement.last_day + datetime.timedelta(days=1))
    event.add("dtstamp", engagement.updated_at)
    event.add(
        "status", "CONFIRMED" if engagement.status == EngagementStatus.CONFIRMED else "TENTATIVE"
    )
    if engagement.location:
        event.add("location", engagement.location)
    partners = ", ".join(p.name for p in engagement.partners.all())
    lines = [
        engagement.get_kind_display(),
        _("Status: %(status)s") % {"status": engagement.get_status_display()},
    ]
    if partners:
        lines.append(_("Partners: %(partners)s") % {"partners": partners})
    if engagement.summary:
        lines += ["", engagement.summary]
    event.add("description", "\n".join(lines))
    return event


def _itinerary_event(item: ItineraryItem, engagement: Engagement, zone) -> Event:
    event = Event()
    event.add("uid", f"itinerary-{item.pk}@{UID_DOMAIN}")
    event.add("summary", f"{item.activity} — {engagement.title}")
    event.add("location", item.place)
    event.add("dtstamp", engagement.updated_at)
    if item.start_time is None:
        event.add("dtstart", item.date)
        event.add("dtend", item.date + datetime.timedelta(days=1))
    else:
        start = datetime.datetime.combine(item.date, item.start_time, tzinfo=zone)
        end = (
            datetime.datetime.combine(item.date, item.end_time, tzinfo=zone)
            if item.end_time
            else start + ITINERARY_DEFAULT_LENGTH
        )
        event.add("dtstart", start)
        event.add("dtend", end)
    if item.responsible:
        event.add("description", _("Responsible: %(person)s") % {"person": item.responsible})
    return event


def feed_calendar(feed: CalendarFeed) -> Calendar:
    zone = _city_zone(feed.city)
    calendar = Calendar()
    calendar.add("prodid", "-//Diplomacy Desk//Engagements//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Diplomacy Desk — {feed.city.name}")
    calendar.add("x-wr-timezone", zone.key)
    for engagement in feed_engagements(feed):
        calendar.add_component(_engagement_event(engagement))
        delegation = _delegation_of(engagement)
        for item in delegation.itinerary.all() if delegation else ():
            if item.date > LATEST_DATE:
                continue
            calendar.add_component(_itinerary_event(item, engagement, zone))
    calendar.add_missing_timezones()
    return calendar


def _delegation_of(engagement: Engagement):
    try:
        return engagement.delegation
    except Engagement.delegation.RelatedObjectDoesNotExist:
        return None


@require_GET
def calendar_feed(request, token: str):
    """The feed at its secret URL; no login, 404 once revoked."""
    feed = (
        CalendarFeed.objects.active()
        .select_related("user", "city__city")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404(_("No such calendar."))
    response = HttpResponse(
        feed_calendar(feed).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{feed.city.slug}.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


# --- Creating and revoking feeds (from the profile page) ----------------------


def _feed_city(request) -> ParticipatingCity | None:
    if is_site_admin(request.user):
        pk = request.POST.get("city", "")
        return ParticipatingCity.objects.filter(pk=pk).first() if pk.isdigit() else None
    return staff_city(request.user)


@login_required
@require_POST
def calendar_feed_create(request):
    """Give the user a new secret URL for their city, replacing the one they had."""
    city = _feed_city(request)
    if city is None:
        messages.error(request, _("Choose a city for the calendar."))
        return redirect("profile")
    try:
        city_services.calendar_feed_issue(user=request.user, city=city)
    except IntegrityError:
        messages.error(request, _("The calendar was changed at the same time; try again."))
        return redirect("profile")
    messages.success(
        request,
        _("New calendar address for %(city)s; the old one no longer works.") % {"city": city.name},
    )
    return redirect("profile")


@login_required
@require_POST
def calendar_feed_revoke(request, pk: int):
    feed = get_object_or_404(CalendarFeed.objects.active(), pk=pk, user=request.user)
    city_services.calendar_feed_revoke(feed=feed)
    messages.success(
        request,
        _("The calendar address for %(city)s no longer works.") % {"city": feed.city.name},
    )
    return redirect("profile")
