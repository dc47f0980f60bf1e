"""Writes in the site admin go through the same services as the pages: an edit
refreshes the reports it changes, a record of another city is refused beside
its field, and history names the admin who did it."""

import datetime
from unittest import mock

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse

from cities.admin.toolkit import HistoryAdmin
from cities.choices import StaffRole
from cities.models import City, CityNetwork, StaffMember
from cities.records import record_save
from engagements.choices import (
    Attendance,
    EngagementKind,
    FollowUpStatus,
    GiftDirection,
    MemberRole,
    PeriodKind,
)
from engagements.models import CityReport, DelegationMember, Engagement, FollowUp, Gift
from engagements.reporting.compute import report_build
from tests.factories import (
    DelegationFactory,
    EngagementFactory,
    PartnerFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 1)
APRIL = datetime.date(2026, 4, 1)
MAY = datetime.date(2026, 5, 1)
JULY = datetime.date(2026, 7, 1)
YEAR_2026 = datetime.date(2026, 1, 1)


# --- Driving the admin's pages as a browser does --------------------------------


def page_data(response) -> dict:
    """What the admin page posts back if nothing is touched: its fields and its inline rows."""
    data = {}

    def add(form):
        for field in form:
            value = field.value()
            widget = field.field.widget
            if value is None or value is False:
                continue
            if isinstance(widget, forms.MultiWidget):  # a date and a time box
                for suffix, part in zip(
                    widget.widgets_names, widget.decompress(value), strict=True
                ):
                    data[field.html_name + suffix] = part
            elif value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [getattr(item, "pk", item) for item in value]
            else:
                data[field.html_name] = getattr(value, "pk", value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.initial_forms:
            add(form)
    return data


def add_row(data: dict, prefix: str, **values) -> None:
    """Fill in one more row of the inline ``prefix``, as "Add another" does."""
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = row + 1
    data.update({f"{prefix}-{row}-{name}": value for name, value in values.items()})


def inline_errors(response, prefix: str) -> list[dict]:
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    return formset.errors


def change_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def edit(client, record, change) -> object:
    """Open ``record``'s admin page, let ``change`` fill in the form, and save it."""
    url = change_url(record)
    data = page_data(client.get(url))
    change(data)
    return client.post(url, data)


def figures(city, kind, start) -> dict:
    return CityReport.objects.get(city=city, period_kind=kind, period_start=start).figures


# --- Engagements ------------------------------------------------------------------


def test_moving_an_engagement_in_the_admin_refreshes_the_old_and_the_new_month(
    admin_client_, los_angeles, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(
        city=los_angeles, title="Nagoya trade mission", start_date=datetime.date(2026, 5, 20)
    )
    report_build(city=los_angeles, period_kind=PeriodKind.MONTH, day=MAY)
    assert figures(los_angeles, PeriodKind.MONTH, MAY)["engagements"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = edit(
            admin_client_, engagement, lambda data: data.update(start_date="2026-07-02")
        )

    assert response.status_code == 302
    assert figures(los_angeles, PeriodKind.MONTH, MAY)["engagements"] == 0
    assert figures(los_angeles, PeriodKind.MONTH, JULY)["engagements"] == 1


def test_linking_another_citys_partner_in_the_admin_is_refused_and_nothing_is_saved(
    admin_client_, los_angeles, seattle
):
    engagement = EngagementFactory(city=los_angeles, title="Port of Busan call")
    kobe = PartnerFactory(city=seattle, name="Port of Kobe")

    def link_kobe(data):
        data.update(partners=[kobe.pk], title="Port of Busan and Kobe call")

    response = edit(admin_client_, engagement, link_kobe)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["partners"] == [f"{kobe} is another city's record."]
    engagement.refresh_from_db()
    assert engagement.title == "Port of Busan call"
    assert not engagement.partners.exists()


def test_an_owner_from_another_city_is_refused_when_an_engagement_is_added(
    admin_client_, los_angeles, other_editor
):
    response = admin_client_.post(
        reverse("admin:engagements_engagement_add"),
        {
            "city": los_angeles.pk,
            "kind": EngagementKind.MEETING,
            "title": "Call with the Consul General of Japan",
            "status": "planned",
            "start_date": "2026-05-04",
            "owner": other_editor.pk,
            "delegation-TOTAL_FORMS": "0",
            "delegation-INITIAL_FORMS": "0",
            "follow_ups-TOTAL_FORMS": "0",
            "follow_ups-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["owner"] == [
        "seattle-editor does not work for this city."
    ]
    assert not Engagement.objects.exists()


def test_deleting_an_engagement_in_the_admin_refreshes_its_reports_under_the_admins_name(
    admin_client_, site_admin, los_angeles, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 3))
    report_build(city=los_angeles, period_kind=PeriodKind.YEAR, day=MARCH)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            reverse("admin:engagements_engagement_delete", args=[engagement.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert figures(los_angeles, PeriodKind.YEAR, YEAR_2026)["engagements"] == 0
    deletion = Engagement.history.get(id=engagement.pk, history_type="-")
    assert deletion.history_user == site_admin


def test_deleting_engagements_with_the_bulk_action_refreshes_each_month_under_the_admins_name(
    admin_client_, site_admin, los_angeles, django_capture_on_commit_callbacks
):
    in_march = EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 3))
    in_april = EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 4, 14))
    kept = EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 4, 20))
    for month in (MARCH, APRIL):
        report_build(city=los_angeles, period_kind=PeriodKind.MONTH, day=month)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            reverse("admin:engagements_engagement_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [in_march.pk, in_april.pk],
                "post": "yes",
            },
        )

    assert response.status_code == 302
    assert list(Engagement.objects.all()) == [kept]
    assert figures(los_angeles, PeriodKind.MONTH, MARCH)["engagements"] == 0
    assert figures(los_angeles, PeriodKind.MONTH, APRIL)["engagements"] == 1
    deletions = Engagement.history.filter(history_type="-")
    assert {(row.id, row.history_user) for row in deletions} == {
        (in_march.pk, site_admin),
        (in_april.pk, site_admin),
    }


# --- Follow-ups -------------------------------------------------------------------


def test_a_follow_up_added_on_the_engagement_page_counts_in_the_open_follow_ups(
    admin_client_, los_angeles, editor, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(city=los_angeles, start_date=datetime.date(2026, 3, 3))
    report_build(city=los_angeles, period_kind=PeriodKind.MONTH, day=MARCH)
    assert figures(los_angeles, PeriodKind.MONTH, MARCH)["follow_ups_open"] == 0

    def add_follow_up(data):
        add_row(
            data,
            "follow_ups",
            description="Send the MOU draft to Busan",
            owner=editor.pk,
            due_date="2026-04-01",
            status=FollowUpStatus.OPEN,
        )

    with django_capture_on_commit_callbacks(execute=True):
        response = edit(admin_client_, engagement, add_follow_up)

    assert response.status_code == 302
    assert FollowUp.objects.get().owner == editor
    assert figures(los_angeles, PeriodKind.MONTH, MARCH)["follow_ups_open"] == 1


def test_a_follow_up_added_as_done_on_the_engagement_page_shows_when_it_was_done(
    admin_client_, los_angeles, editor
):
    engagement = EngagementFactory(city=los_angeles)

    response = edit(
        admin_client_,
        engagement,
        lambda data: add_row(
            data,
            "follow_ups",
            description="Thank-you letter sent",
            owner=editor.pk,
            status=FollowUpStatus.DONE,
        ),
    )

    assert response.status_code == 302
    assert FollowUp.objects.get().completed_at is not None


def test_a_follow_up_owner_from_another_city_is_refused_beside_the_owner(
    admin_client_, los_angeles, other_editor
):
    engagement = EngagementFactory(city=los_angeles)

    response = edit(
        admin_client_,
        engagement,
        lambda data: add_row(
            data, "follow_ups", description="Send the MOU draft", owner=other_editor.pk
        ),
    )

    assert response.status_code == 200
    assert inline_errors(response, "follow_ups")[0]["owner"] == [
        "seattle-editor does not work for this city."
    ]
    assert not FollowUp.objects.exists()


def test_the_follow_up_page_refuses_an_owner_from_another_city(
    admin_client_, los_angeles, other_editor
):
    engagement = EngagementFactory(city=los_angeles)

    response = admin_client_.post(
        reverse("admin:engagements_followup_add"),
        {
            "engagement": engagement.pk,
            "description": "Send the MOU draft",
            "owner": other_editor.pk,
            "status": FollowUpStatus.OPEN,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["owner"] == [
        "seattle-editor does not work for this city."
    ]
    assert not FollowUp.objects.exists()


# --- Delegations -------------------------------------------------------------------


def test_members_and_gifts_added_in_the_admin_are_saved_by_the_delegation_services(
    admin_client_, site_admin, los_angeles
):
    delegation = DelegationFactory(engagement__city=los_angeles)

    def add_member_and_gift(data):
        add_row(
            data,
            "members",
            name="Takashi Kawamura",
            role=MemberRole.HEAD,
            attendance=Attendance.CONFIRMED,
        )
        add_row(
            data,
            "gifts",
            direction=GiftDirection.RECEIVED,
            description="Lacquered tray",
            giver="Mayor of Nagoya",
            recipient="Mayor of Los Angeles",
        )

    with mock.patch("engagements.services.record_save", wraps=record_save) as saved:
        response = edit(admin_client_, delegation, add_member_and_gift)

    assert response.status_code == 302
    member, gift = DelegationMember.objects.get(), Gift.objects.get()
    by_services = {(call.args[0], call.kwargs["editor"]) for call in saved.call_args_list}
    assert {(member, site_admin), (gift, site_admin)} <= by_services
    assert member.history.get().history_user == site_admin
    assert gift.history.get().history_user == site_admin


def test_a_member_from_another_citys_partner_is_refused_and_the_page_is_not_saved(
    admin_client_, los_angeles, seattle
):
    delegation = DelegationFactory(engagement__city=los_angeles)
    kobe_official = PersonFactory(partner=PartnerFactory(city=seattle), name="Kenji Mori")

    def add_member(data):
        data["notes"] = "Interpreters booked"
        add_row(
            data,
            "members",
            name="Kenji Mori",
            person=kobe_official.pk,
            role=MemberRole.MEMBER,
            attendance=Attendance.INVITED,
        )

    response = edit(admin_client_, delegation, add_member)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "That person works for another city's partner."
    ]
    delegation.refresh_from_db()
    assert delegation.notes == ""
    assert not DelegationMember.objects.exists()


def test_a_delegation_head_from_another_citys_partner_is_refused_beside_the_head(
    admin_client_, los_angeles, seattle
):
    delegation = DelegationFactory(engagement__city=los_angeles)
    kobe_official = PersonFactory(partner=PartnerFactory(city=seattle))

    response = edit(admin_client_, delegation, lambda data: data.update(head=kobe_official.pk))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["head"] == [
        "That person works for another city's partner."
    ]
    delegation.refresh_from_db()
    assert delegation.head is None


# --- Users, and every page ----------------------------------------------------------


def test_a_users_city_and_role_set_on_the_user_page_are_saved_by_the_staff_services(
    admin_client_, site_admin, los_angeles
):
    officer = UserFactory(username="new-officer")

    def give_a_city(data):
        add_row(data, "staff", city=los_angeles.pk, role=StaffRole.EDITOR)

    with mock.patch("cities.services.record_save", wraps=record_save) as saved:
        response = edit(admin_client_, officer, give_a_city)

    assert response.status_code == 302
    staff = StaffMember.objects.get(user=officer)
    assert (staff.city, staff.role) == (los_angeles, StaffRole.EDITOR)
    assert [(call.args[0], call.kwargs["editor"]) for call in saved.call_args_list] == [
        (staff, site_admin)
    ]


# Models with history but no service of their own: Django saves them (each admin says why).
SAVED_BY_DJANGO = {City, CityNetwork}


def test_every_admin_page_of_a_citys_records_saves_through_its_services():
    pages = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, HistoryAdmin)
    ]

    assert pages
    for model, model_admin in pages:
        assert (model_admin.writer is None) == (model in SAVED_BY_DJANGO), model
        for inline in model_admin.get_inline_instances(request=None):
            assert inline.writer is not None, inline
