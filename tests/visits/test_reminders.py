"""The reminder jobs: one email per user with exactly their due and overdue
follow-ups, the opt-outs honoured, nothing sent twice on the same day."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from cities.choices import StaffRole
from engagements.choices import FollowUpStatus
from tests.factories import (
    DelegationFactory,
    EngagementFactory,
    FollowUpFactory,
    ItineraryItemFactory,
    StaffMemberFactory,
    UserFactory,
)
from visits import reminders
from visits.models import ReminderPreference
from visits.tasks import send_daily_reminders, send_weekly_digest

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 10)


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture
def follow_ups(los_angeles, editor, viewer):
    editor.email, viewer.email = "editor@la.example.gov", "viewer@la.example.gov"
    editor.save()
    viewer.save()
    colleague = StaffMemberFactory(
        user=UserFactory(username="la-colleague", email="colleague@la.example.gov"),
        city=los_angeles,
        role=StaffRole.EDITOR,
    ).user
    engagement = EngagementFactory(city=los_angeles, title="Busan port meeting")
    make = lambda owner, due, text, **kw: FollowUpFactory(  # noqa: E731
        engagement=engagement, owner=owner, due_date=due, description=text, **kw
    )
    return {
        "editor": editor,
        "colleague": colleague,
        "mine": [
            make(editor, day(-5), "Overdue thank-you letter"),
            make(editor, day(0), "Send the MOU draft today"),
            make(editor, day(3), "Book the return visit"),
        ],
        "not_mine": [
            make(editor, day(4), "Too far ahead"),
            make(
                editor,
                day(-2),
                "Already done",
                status=FollowUpStatus.DONE,
                completed_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC),
            ),
            make(editor, None, "No due date"),
        ],
        "colleagues": [make(colleague, day(1), "Colleague's item")],
    }


def mail_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_each_user_gets_one_email_with_exactly_their_due_and_overdue_follow_ups(follow_ups):
    assert reminders.follow_up_reminders_send(today=TODAY) == 2
    (email,) = mail_to("editor@la.example.gov")
    for follow_up in follow_ups["mine"]:
        assert follow_up.description in email.body
        assert follow_up.description in email.alternatives[0][0]
    for follow_up in follow_ups["not_mine"] + follow_ups["colleagues"]:
        assert follow_up.description not in email.body
    assert email.body.index("Overdue thank-you letter") < email.body.index("Book the return visit")
    assert "3 follow-ups need you" in email.subject
    (colleague_email,) = mail_to("colleague@la.example.gov")
    assert "Colleague's item" in colleague_email.body
    assert "Overdue thank-you letter" not in colleague_email.body


def test_running_the_job_twice_the_same_day_sends_nothing_more(follow_ups):
    send_daily_reminders.delay()
    sent = len(mail.outbox)
    assert sent >= 2
    send_daily_reminders.delay()
    assert len(mail.outbox) == sent
    # The next day is a new day.
    assert reminders.follow_up_reminders_send(today=day(1)) == 2


def test_a_user_who_turned_follow_up_reminders_off_gets_none(follow_ups, client):
    client.force_login(follow_ups["editor"])
    response = client.post(
        reverse("reminder_preferences"), {"visit_checklists": "on", "weekly_digest": "on"}
    )
    assert response.status_code == 302
    assert not ReminderPreference.objects.get(user=follow_ups["editor"]).follow_ups
    assert reminders.follow_up_reminders_send(today=TODAY) == 1
    assert not mail_to("editor@la.example.gov")
    assert mail_to("colleague@la.example.gov")


def test_profile_page_shows_the_reminder_switches(editor_client):
    page = editor_client.get(reverse("profile")).content.decode()
    assert "Reminder emails" in page
    assert 'name="follow_ups"' in page and "checked" in page


def test_editors_hear_of_next_weeks_visits_with_an_incomplete_checklist(
    los_angeles, editor, viewer
):
    editor.email = "editor@la.example.gov"
    editor.save()
    viewer.email = "viewer@la.example.gov"
    viewer.save()
    bare = DelegationFactory(
        engagement=EngagementFactory(
            city=los_angeles,
            kind="inbound_delegation",
            status="planned",
            start_date=day(2),
            title="Nagoya youth delegation",
        )
    )
    ready = DelegationFactory(
        engagement=EngagementFactory(
            city=los_angeles,
            kind="inbound_delegation",
            status="confirmed",
            start_date=day(3),
            title="Berlin film delegation",
        ),
        protocol_level="mayor",
    )
    ready.members.create(name="Kai Wegner", role="head")
    ItineraryItemFactory(delegation=ready, date=day(3))
    ItineraryItemFactory(delegation=bare, date=day(2))
    assert reminders.checklist_reminders_send(today=TODAY) == 1
    (email,) = mail.outbox
    assert email.to == ["editor@la.example.gov"]
    assert "Nagoya youth delegation" in email.body and "protocol level" in email.body
    assert "Berlin film delegation" not in email.body


def test_viewers_get_the_weekly_digest_of_the_weeks_engagements(los_angeles, editor, viewer):
    viewer.email = "viewer@la.example.gov"
    viewer.save()
    EngagementFactory(city=los_angeles, title="Seoul climate call", start_date=day(-3))
    EngagementFactory(city=los_angeles, title="Last month's call", start_date=day(-30))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
        assert send_weekly_digest.delay().get() == 1
        assert send_weekly_digest.delay().get() == 0
    (email,) = mail.outbox
    assert email.to == ["viewer@la.example.gov"]
    assert "Seoul climate call" in email.body and "Last month's call" not in email.body
    assert "Engagements: 1" in email.body


def test_beat_runs_the_reminder_jobs_daily_and_the_digest_weekly():
    from diplomacy.celery import app

    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule
    daily, weekly = schedule["send-daily-reminders"], schedule["send-weekly-digest"]
    assert daily["task"] in app.tasks and weekly["task"] in app.tasks
    assert daily["schedule"].day_of_week == set(range(7))
    assert weekly["schedule"].day_of_week == {1}
