"""The triage queue: the duplicate-request flag, accepting (with a reason for a
duplicate), declining, asking for more; every step emails the requester."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from cities.models import Partner
from engagements.choices import MemberRole
from engagements.models import DelegationMember, Engagement
from tests.visits.factories import make_visit_request
from visits.choices import VisitRequestStatus

pytestmark = pytest.mark.django_db


def detail(visit_request):
    return reverse("visit_request_detail", args=[visit_request.pk])


def test_a_request_on_last_years_topic_is_flagged_with_the_earlier_engagement(
    editor_client, los_angeles, last_years_visit
):
    visit_request = make_visit_request(city=los_angeles)
    assert list(visit_request.flagged_engagements.all()) == [last_years_visit]
    queue = editor_client.get(reverse("visit_request_queue")).content.decode()
    assert "possible duplicate" in queue
    page = editor_client.get(detail(visit_request)).content.decode()
    assert "Possible duplicate request." in page
    assert last_years_visit.title in page


def test_another_government_body_of_the_same_country_counts_as_the_same_requester(
    los_angeles, last_years_visit
):
    visit_request = make_visit_request(
        city=los_angeles,
        organisation="Ministry of Economy of Mexico",
        requester_kind="foreign_government",
    )
    assert list(visit_request.flagged_engagements.all()) == [last_years_visit]


def test_a_request_on_another_topic_is_not_flagged(los_angeles, last_years_visit):
    visit_request = make_visit_request(city=los_angeles, topic_codes=["culture"])
    assert not visit_request.flagged_engagements.exists()


def test_accepting_a_duplicate_asks_for_a_reason_and_keeps_it(
    editor_client, los_angeles, last_years_visit, consulate, committed
):
    visit_request = make_visit_request(city=los_angeles)
    url = reverse("visit_request_accept", args=[visit_request.pk])
    refused = editor_client.post(url, {"duplicate_reason": ""})
    assert refused.status_code == 400
    assert "say why it is accepted anyway" in refused.content.decode()
    assert Engagement.objects.count() == 1

    response = committed(editor_client.post, url, {"duplicate_reason": "New consul general"})
    visit_request.refresh_from_db()
    engagement = visit_request.engagement
    assert response.status_code == 302 and response["Location"] == reverse(
        "engagement_detail", args=[engagement.pk]
    )
    assert visit_request.status == VisitRequestStatus.ACCEPTED
    assert visit_request.duplicate_reason == "New consul general"
    assert list(engagement.partners.all()) == [consulate]  # matched, not created
    assert engagement.delegation.interpreters_needed and engagement.delegation.press_needed
    members = DelegationMember.objects.filter(delegation=engagement.delegation).order_by("pk")
    assert [(m.name, m.title, m.role) for m in members] == [
        ("Carlos Gómez", "Consul General", MemberRole.HEAD),
        ("Lucía Torres", "Trade attaché", MemberRole.MEMBER),
    ]
    assert visit_request.reference in mail.outbox[-1].body


def test_accepting_a_request_from_a_new_body_records_the_partner(editor_client, los_angeles):
    visit_request = make_visit_request(
        city=los_angeles, organisation="University of Guadalajara", requester_kind="academic"
    )
    editor_client.post(reverse("visit_request_accept", args=[visit_request.pk]))
    partner = Partner.objects.get(name="University of Guadalajara")
    assert partner.city == los_angeles and partner.kind == "academic"


def test_declining_needs_a_reason_and_emails_it(editor_client, los_angeles, committed):
    visit_request = make_visit_request(city=los_angeles)
    url = reverse("visit_request_decline", args=[visit_request.pk])
    assert editor_client.post(url, {"staff_message": ""}).status_code == 400
    committed(editor_client.post, url, {"staff_message": "The mayor is travelling that week."})
    visit_request.refresh_from_db()
    assert visit_request.status == VisitRequestStatus.DECLINED
    assert "The mayor is travelling that week." in mail.outbox[-1].body
    assert visit_request.reference in mail.outbox[-1].subject


def test_asking_for_more_keeps_the_request_in_the_queue(editor_client, los_angeles, committed):
    visit_request = make_visit_request(city=los_angeles)
    committed(
        editor_client.post,
        reverse("visit_request_more", args=[visit_request.pk]),
        {"staff_message": "Who heads the delegation?"},
    )
    visit_request.refresh_from_db()
    assert visit_request.status == VisitRequestStatus.MORE_INFO
    assert visit_request in list(visit_request.__class__.objects.open())
    assert "Who heads the delegation?" in mail.outbox[-1].body


def test_a_decided_request_cannot_be_decided_again(editor_client, los_angeles):
    visit_request = make_visit_request(city=los_angeles)
    editor_client.post(reverse("visit_request_accept", args=[visit_request.pk]))
    again = editor_client.post(
        reverse("visit_request_decline", args=[visit_request.pk]), {"staff_message": "No"}
    )
    assert again.status_code == 400
    assert Engagement.objects.count() == 1


def test_viewer_reads_the_queue_but_cannot_decide(viewer_client, los_angeles):
    visit_request = make_visit_request(city=los_angeles)
    assert viewer_client.get(reverse("visit_request_queue")).status_code == 200
    assert viewer_client.get(detail(visit_request)).status_code == 200
    response = viewer_client.post(reverse("visit_request_accept", args=[visit_request.pk]))
    assert response.status_code == 403


def test_another_citys_request_is_a_404(other_client, los_angeles):
    visit_request = make_visit_request(city=los_angeles)
    assert (
        visit_request.reference
        not in other_client.get(reverse("visit_request_queue")).content.decode()
    )
    assert other_client.get(detail(visit_request)).status_code == 404
    response = other_client.post(reverse("visit_request_accept", args=[visit_request.pk]))
    assert response.status_code == 404


def test_queue_takes_a_constant_number_of_queries(
    editor_client, los_angeles, last_years_visit, django_assert_max_num_queries
):
    for _ in range(12):
        make_visit_request(city=los_angeles)
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("visit_request_queue"))
    assert response.content.decode().count("possible duplicate") == 12


def test_request_page_takes_a_bounded_number_of_queries(
    editor_client, los_angeles, last_years_visit, django_assert_max_num_queries
):
    visit_request = make_visit_request(city=los_angeles)
    with django_assert_max_num_queries(14):
        response = editor_client.get(detail(visit_request))
    assert last_years_visit.title in response.content.decode()


def test_the_engagement_form_flags_a_duplicate_request(
    editor_client, los_angeles, last_years_visit, consulate
):
    from engagements.models import Topic

    data = {
        "kind": "inbound_delegation",
        "status": "planned",
        "title": "",
        "start_date": (last_years_visit.start_date + datetime.timedelta(days=100)).isoformat(),
        "partners": [consulate.pk],
        "topics": [Topic.objects.get(code="trade").pk],
    }
    page = editor_client.post(reverse("engagement_create"), data).content.decode()
    assert "Possible duplicate request." in page and last_years_visit.title in page
    saved = editor_client.post(
        reverse("engagement_create"), {**data, "title": "Consul again"}, follow=True
    )
    assert "Possible duplicate request" in saved.content.decode()
    other_topic = {
        **data,
        "title": "Consul on culture",
        "topics": [Topic.objects.get(code="culture").pk],
    }
    page = editor_client.post(
        reverse("engagement_create"), other_topic, follow=True
    ).content.decode()
    assert "Possible duplicate request" not in page
