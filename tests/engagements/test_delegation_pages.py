"""Delegations on the engagement page: members, itinerary, gifts and the
protocol checklist edited in place; the printable schedule; the gifts register."""

import datetime
import uuid

import pytest
from django.urls import reverse

from engagements.models import DelegationMember, Gift, ItineraryItem
from tests.factories import (
    DelegationFactory,
    DelegationMemberFactory,
    ItineraryItemFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegation(los_angeles):
    return DelegationFactory(
        engagement__city=los_angeles, engagement__title="Nagoya port delegation"
    )


def part_url(delegation, slug, action="add", part=None):
    args = [delegation.engagement_id, slug] + ([part.pk] if part else [])
    return reverse(f"part_{action}", args=args)


def member_data(**overrides):
    data = {
        "new-members-name": "Takashi Kawamura",
        "new-members-title": "Mayor of Nagoya",
        "new-members-organisation": "City of Nagoya",
        "new-members-role": "head",
        "new-members-attendance": "confirmed",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_editor_adds_a_member_and_sees_it_on_the_page(editor_client, delegation):
    response = editor_client.post(part_url(delegation, "members"), member_data())
    assert response.status_code == 302
    member = DelegationMember.objects.get(delegation=delegation)
    assert member.get_role_display() == "Head of delegation"
    page = editor_client.get(reverse("engagement_detail", args=[delegation.engagement_id]))
    assert "Takashi Kawamura" in page.content.decode()


def test_with_htmx_adding_a_member_returns_just_the_section(editor_client, delegation):
    response = editor_client.post(
        part_url(delegation, "members"), member_data(), headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section id="section-members"')
    assert "Takashi Kawamura" in content


def test_a_double_clicked_add_makes_one_member(editor_client, delegation):
    data = member_data()
    editor_client.post(part_url(delegation, "members"), data)
    second = editor_client.post(part_url(delegation, "members"), data)
    assert second.status_code == 302
    assert DelegationMember.objects.filter(delegation=delegation).count() == 1


def test_an_itinerary_item_with_an_error_keeps_input_beside_the_error(editor_client, delegation):
    data = {
        "new-itinerary-date": "2026-03-10",
        "new-itinerary-start_time": "11:00",
        "new-itinerary-end_time": "10:00",
        "new-itinerary-place": "Port of Los Angeles",
        "new-itinerary-activity": "Harbour tour",
        "new-itinerary-responsible": "",
        "form_token": str(uuid.uuid4()),
    }
    response = editor_client.post(part_url(delegation, "itinerary"), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Harbour tour"' in content
    assert "An itinerary item cannot end before it starts." in content
    assert not ItineraryItem.objects.exists()
    # The corrected form (same token) is accepted.
    data["new-itinerary-end_time"] = "12:00"
    assert editor_client.post(part_url(delegation, "itinerary"), data).status_code == 302
    assert ItineraryItem.objects.count() == 1


def test_editor_edits_and_removes_a_member_in_place(editor_client, delegation):
    member = DelegationMemberFactory(delegation=delegation, name="Old name")
    htmx = {"HX-Request": "true"}
    form = editor_client.get(part_url(delegation, "members", "edit", member), headers=htmx)
    assert 'value="Old name"' in form.content.decode()
    response = editor_client.post(
        part_url(delegation, "members", "edit", member),
        {
            "edit-members-name": "New name",
            "edit-members-role": "staff",
            "edit-members-attendance": "attended",
        },
        headers=htmx,
    )
    assert "New name" in response.content.decode()
    member.refresh_from_db()
    assert member.role == "staff"
    editor_client.post(part_url(delegation, "members", "delete", member))
    assert not DelegationMember.objects.filter(pk=member.pk).exists()


def test_editor_updates_the_protocol_checklist(editor_client, delegation):
    url = reverse("delegation_edit", args=[delegation.engagement_id])
    response = editor_client.post(
        url,
        {
            "direction": "inbound",
            "protocol_level": "mayor",
            "interpreters_needed": "on",
            "interpreter_notes": "Japanese–English consecutive",
            "security_needed": "on",
        },
    )
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.interpreters_needed and delegation.security_needed
    assert not delegation.press_needed
    page = editor_client.get(reverse("engagement_detail", args=[delegation.engagement_id]))
    assert "Japanese–English consecutive" in page.content.decode()


def test_viewer_sees_the_delegation_but_cannot_change_it(viewer_client, delegation):
    member = DelegationMemberFactory(delegation=delegation, name="Visible member")
    page = viewer_client.get(reverse("engagement_detail", args=[delegation.engagement_id]))
    content = page.content.decode()
    assert "Visible member" in content
    assert "Add a member" not in content
    assert "Edit checklist" not in content
    assert viewer_client.post(part_url(delegation, "members"), member_data()).status_code == 403
    assert viewer_client.post(part_url(delegation, "members", "delete", member)).status_code == 403
    url = reverse("delegation_edit", args=[delegation.engagement_id])
    assert viewer_client.get(url).status_code == 403


def test_another_citys_editor_gets_404_on_every_delegation_url(other_client, delegation):
    member = DelegationMemberFactory(delegation=delegation)
    engagement_id = delegation.engagement_id
    assert other_client.post(part_url(delegation, "members"), member_data()).status_code == 404
    assert other_client.get(part_url(delegation, "members", "edit", member)).status_code == 404
    assert other_client.post(part_url(delegation, "members", "delete", member)).status_code == 404
    assert other_client.get(reverse("delegation_edit", args=[engagement_id])).status_code == 404
    assert other_client.get(reverse("itinerary_print", args=[engagement_id])).status_code == 404
    assert DelegationMember.objects.filter(pk=member.pk).exists()


def test_the_itinerary_prints_as_a_one_page_schedule(viewer_client, delegation):
    ItineraryItemFactory(delegation=delegation, activity="Courtesy call on the Mayor")
    ItineraryItemFactory(
        delegation=delegation,
        date=datetime.date(2026, 3, 11),
        activity="Port tour",
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 0),
    )
    response = viewer_client.get(reverse("itinerary_print", args=[delegation.engagement_id]))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Courtesy call on the Mayor") < content.index("Port tour")
    assert "14:00–16:00" in content
    assert "site-header" not in content


def test_delegation_detail_queries_do_not_grow_with_members(
    editor_client, delegation, django_assert_max_num_queries
):
    url = reverse("engagement_detail", args=[delegation.engagement_id])
    DelegationMemberFactory(delegation=delegation, name="First Member")
    with django_assert_max_num_queries(10):
        response = editor_client.get(url)
    assert response.status_code == 200
    assert "First Member" in response.content.decode()
    for n in range(30):
        DelegationMemberFactory(delegation=delegation, name=f"Member {n}")
        ItineraryItemFactory(delegation=delegation)
    with django_assert_max_num_queries(10):
        response = editor_client.get(url)
    assert response.status_code == 200
    assert "Member 29" in response.content.decode()


# --- The gifts register ---------------------------------------------------------


def gift(delegation, **fields):
    defaults = {
        "direction": "received",
        "description": "Lacquer box",
        "giver": "Mayor of Nagoya",
        "recipient": "Mayor of Los Angeles",
    }
    return Gift.objects.create(delegation=delegation, **{**defaults, **fields})


def test_the_gifts_register_lists_every_gift_of_the_city(editor_client, delegation, seattle):
    gift(delegation, description="Lacquer box", value_usd=120)
    gift(delegation, direction="given", description="City seal paperweight")
    gift(DelegationFactory(engagement__city=seattle), description="Seattle's gift")
    content = editor_client.get(reverse("gift_register")).content.decode()
    assert "Lacquer box" in content
    assert "120.00" in content
    assert "City seal paperweight" in content
    assert "Seattle&#x27;s gift" not in content and "Seattle's gift" not in content


def test_the_gifts_register_filters_by_direction(viewer_client, delegation):
    gift(delegation, description="Received thing")
    gift(delegation, direction="given", description="Given thing")
    content = viewer_client.get(reverse("gift_register"), {"direction": "given"}).content.decode()
    assert "Given thing" in content
    assert "Received thing" not in content


def test_the_gifts_register_is_empty_for_another_city(other_client, delegation):
    gift(delegation, description="Lacquer box")
    assert "Lacquer box" not in other_client.get(reverse("gift_register")).content.decode()


def test_gift_register_queries_do_not_grow_with_rows(
    editor_client, delegation, django_assert_max_num_queries
):
    gift(delegation)
    with django_assert_max_num_queries(8):
        response = editor_client.get(reverse("gift_register"))
    assert len(response.context["page"]) == 1
    for n in range(49):
        gift(DelegationFactory(engagement__city=delegation.engagement.city), description=f"G{n}")
    with django_assert_max_num_queries(8):
        response = editor_client.get(reverse("gift_register"))
    assert len(response.context["page"]) == 50


# --- Forms on demand ------------------------------------------------------------


def test_the_page_offers_add_buttons_and_renders_no_form_until_asked(editor_client, delegation):
    content = editor_client.get(
        reverse("engagement_detail", args=[delegation.engagement_id])
    ).content.decode()
    assert "Add a member" in content
    assert f'href="{part_url(delegation, "members")}"' in content
    assert 'name="new-members-name"' not in content
    assert 'name="new-follow-ups-description"' not in content


def test_with_htmx_add_opens_the_form_in_its_section(editor_client, delegation):
    response = editor_client.get(part_url(delegation, "members"), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="section-members"')
    assert 'name="new-members-name"' in content
    assert "Cancel" in content


def test_without_javascript_add_opens_the_form_on_its_own_page(editor_client, delegation):
    response = editor_client.get(part_url(delegation, "members"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Add a member</h1>" in content
    assert 'name="new-members-name"' in content
    assert 'name="form_token"' in content
    saved = editor_client.post(part_url(delegation, "members"), member_data())
    assert saved.status_code == 302
    assert DelegationMember.objects.filter(delegation=delegation).count() == 1


def test_after_an_htmx_add_the_form_stays_open_and_blank(editor_client, delegation):
    response = editor_client.post(
        part_url(delegation, "members"), member_data(), headers={"HX-Request": "true"}
    )
    form = response.context["section"]["add_form"]
    assert not form.is_bound
    assert 'name="new-members-name"' in response.content.decode()


def test_viewer_cannot_open_an_add_form(viewer_client, delegation):
    assert viewer_client.get(part_url(delegation, "members")).status_code == 403
