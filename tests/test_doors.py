"""Every door onto an engagement keeps the same rules: the staff pages and the API.

(The admin's door is in ``tests/test_admin_writes.py``, the import's in
``tests/interop/test_import_doors.py``.) Whichever way a Los Angeles editor
moves an engagement to another date, the reports of the old and the new
period are refreshed; whichever way anyone links Seattle's partner to a Los
Angeles engagement, it is refused and nothing changes.
"""

import datetime
import uuid

import pytest
from django.urls import reverse

from engagements.choices import EngagementKind, EngagementStatus
from engagements.models import Engagement
from engagements.periods import periods_containing
from tests.api.conftest import token_client
from tests.factories import EngagementFactory, PartnerFactory

pytestmark = pytest.mark.django_db

MAY_4 = datetime.date(2026, 5, 4)
NOV_20 = datetime.date(2025, 11, 20)


@pytest.fixture
def refreshes(monkeypatch):
    """The report refreshes queued after commit: [(city id, {(kind, start)})]."""
    queued = []

    def record(*, city_id, periods):
        queued.append((city_id, set(periods)))
        return len(queued)

    monkeypatch.setattr("engagements.tasks.report_refresh_enqueue", record)
    return queued


@pytest.fixture
def nagoya(los_angeles):
    return PartnerFactory(city=los_angeles, name="City of Nagoya", country="JP")


@pytest.fixture
def seattles_partner(seattle):
    return PartnerFactory(city=seattle, name="Port of Kobe", country="JP")


@pytest.fixture
def port_meeting(los_angeles, nagoya):
    return EngagementFactory(
        city=los_angeles,
        title="Port of Nagoya working meeting",
        kind=EngagementKind.MEETING,
        start_date=MAY_4,
        partners=[nagoya],
    )


def page_form(engagement, **changes):
    data = {
        "kind": engagement.kind,
        "status": engagement.status,
        "title": engagement.title,
        "start_date": engagement.start_date.isoformat(),
        "end_date": "",
        "location": "",
        "summary": "",
        "outcomes": "",
        "investment_usd": "",
        "jobs_announced": "",
        "owner": "",
        "partners": [p.pk for p in engagement.partners.all()],
        "form_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


def refreshed_periods(refreshes, city):
    return set().union(*(periods for city_id, periods in refreshes if city_id == city.pk))


def both_periods():
    return set(periods_containing(MAY_4)) | set(periods_containing(NOV_20))


# --- The staff pages ----------------------------------------------------------------


def test_moving_an_engagement_on_its_page_refreshes_the_old_and_new_periods(
    editor_client, port_meeting, los_angeles, refreshes, django_capture_on_commit_callbacks
):
    url = reverse("engagement_edit", args=[port_meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, page_form(port_meeting, start_date=NOV_20))
    assert response.status_code == 302
    assert refreshed_periods(refreshes, los_angeles) >= both_periods()


def test_linking_another_citys_partner_on_the_page_is_refused(
    editor_client, port_meeting, seattles_partner, nagoya
):
    url = reverse("engagement_edit", args=[port_meeting.pk])
    form = page_form(port_meeting, partners=[nagoya.pk, seattles_partner.pk])
    response = editor_client.post(url, form)
    assert response.status_code == 200  # the form again, with the reason beside the field
    assert "Select a valid choice" in response.content.decode()
    assert list(port_meeting.partners.all()) == [nagoya]


# --- The API --------------------------------------------------------------------------


def test_moving_an_engagement_through_the_api_refreshes_the_old_and_new_periods(
    editor, port_meeting, los_angeles, refreshes, django_capture_on_commit_callbacks
):
    api = token_client(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.patch(
            f"/api/v1/engagements/{port_meeting.pk}/",
            {"start_date": NOV_20.isoformat()},
            format="json",
        )
    assert response.status_code == 200, response.json()
    assert refreshed_periods(refreshes, los_angeles) >= both_periods()


def test_linking_another_citys_partner_through_the_api_is_refused(
    editor, site_admin, port_meeting, seattles_partner, nagoya
):
    url = f"/api/v1/engagements/{port_meeting.pk}/"
    payload = {"partners": [nagoya.pk, seattles_partner.pk]}
    as_editor = token_client(editor).patch(url, payload, format="json")
    as_admin = token_client(site_admin).patch(url, payload, format="json")
    # The editor cannot even see Seattle's partner; the site admin can, but
    # may not tie two cities' records together.
    assert as_editor.status_code == 400
    assert as_admin.status_code == 400
    assert "partners" in as_admin.json()
    assert list(port_meeting.partners.all()) == [nagoya]


# --- The services every door calls ---------------------------------------------------


def test_the_engagement_service_refuses_another_citys_partner_and_foreign_owner(
    los_angeles, editor, other_editor, seattles_partner
):
    from django.core.exceptions import ValidationError

    from engagements.services import engagement_create

    base = {
        "city": los_angeles,
        "author": editor,
        "kind": EngagementKind.MEETING,
        "title": "Ports",
        "start_date": MAY_4,
        "status": EngagementStatus.PLANNED,
    }
    with pytest.raises(ValidationError) as partner_error:
        engagement_create(**base, partners=[seattles_partner])
    with pytest.raises(ValidationError) as owner_error:
        engagement_create(**base, owner=other_editor)
    assert "partners" in partner_error.value.message_dict
    assert "owner" in owner_error.value.message_dict
    assert not Engagement.objects.filter(title="Ports").exists()
