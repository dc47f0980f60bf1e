"""The site admin: every model is listed and editable, lists stay cheap, and a
deleted record can be restored from its history."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from cities.choices import PartnerKind, StaffRole
from cities.models import Person, SdgTarget, StaffMember
from engagements.choices import GiftDirection, PeriodKind
from engagements.models import CityReport, Engagement, Gift
from tests.factories import (
    CityFactory,
    CommitmentFactory,
    DelegationFactory,
    DelegationMemberFactory,
    EngagementFactory,
    FollowUpFactory,
    ItineraryItemFactory,
    NetworkMembershipFactory,
    ParticipatingCityFactory,
    PartnerFactory,
    PersonFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
    UserFactory,
)

DOMAIN_MODELS = [
    ("cities", "city"),
    ("cities", "participatingcity"),
    ("cities", "staffmember"),
    ("cities", "partner"),
    ("cities", "person"),
    ("cities", "sistercitytie"),
    ("cities", "sdggoal"),
    ("cities", "sdgtarget"),
    ("cities", "sdgindicator"),
    ("cities", "commitment"),
    ("cities", "progressentry"),
    ("cities", "citynetwork"),
    ("cities", "networkmembership"),
    ("engagements", "topic"),
    ("engagements", "engagement"),
    ("engagements", "delegation"),
    ("engagements", "delegationmember"),
    ("engagements", "itineraryitem"),
    ("engagements", "gift"),
    ("engagements", "followup"),
    ("engagements", "cityreport"),
]
ADMIN_MODELS = [*DOMAIN_MODELS, ("auth", "user")]
COMPUTED_MODELS = {("engagements", "cityreport")}

# Session, user, counts, rows and filters: a fixed cost, whatever the row count.
CHANGELIST_MAX_QUERIES = 10


def model_for(app_label, model_name):
    return next(
        model
        for model in admin.site._registry
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name)
    )


@pytest.fixture
def one_of_everything(los_angeles, editor, site_admin):
    """A row of every model, so every list and change page has something to show."""
    partner = PartnerFactory(city=los_angeles, name="City of Nagoya")
    PersonFactory(partner=partner)
    SisterCityTieFactory(city=los_angeles)
    ProgressEntryFactory(commitment=CommitmentFactory(city=los_angeles))
    NetworkMembershipFactory(city=los_angeles)
    delegation = DelegationFactory(engagement__city=los_angeles)
    delegation.engagement.partners.add(partner)
    DelegationMemberFactory(delegation=delegation)
    ItineraryItemFactory(delegation=delegation)
    Gift.objects.create(
        delegation=delegation,
        direction=GiftDirection.RECEIVED,
        description="Lacquered tray",
        value_usd=Decimal("80"),
        giver="Mayor of Nagoya",
        recipient="Mayor of Los Angeles",
    )
    FollowUpFactory(engagement=delegation.engagement, owner=editor)
    CityReport.objects.create(
        city=los_angeles,
        period_kind=PeriodKind.YEAR,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        figures={"engagements": 1},
        computed_at=timezone.now(),
    )


@pytest.mark.parametrize(("app_label", "model_name"), ADMIN_MODELS)
def test_site_admin_sees_the_list_of_every_model(
    admin_client_, one_of_everything, app_label, model_name
):
    response = admin_client_.get(reverse(f"admin:{app_label}_{model_name}_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize(
    ("app_label", "model_name"),
    [model for model in ADMIN_MODELS if model not in COMPUTED_MODELS],
)
def test_site_admin_can_open_the_add_form_of_every_editable_model(
    admin_client_, app_label, model_name
):
    response = admin_client_.get(reverse(f"admin:{app_label}_{model_name}_add"))

    assert response.status_code == 200


@pytest.mark.parametrize(("app_label", "model_name"), ADMIN_MODELS)
def test_site_admin_can_open_a_record_of_every_model(
    admin_client_, one_of_everything, app_label, model_name
):
    record = model_for(app_label, model_name)._default_manager.first()

    response = admin_client_.get(
        reverse(f"admin:{app_label}_{model_name}_change", args=[record.pk])
    )

    assert response.status_code == 200


def test_every_domain_model_is_in_the_admin():
    registered = {(model._meta.app_label, model._meta.model_name) for model in admin.site._registry}

    assert set(DOMAIN_MODELS) <= registered


def test_city_reports_are_read_only_in_the_admin(admin_client_, one_of_everything):
    report = CityReport.objects.get()

    add = admin_client_.get(reverse("admin:engagements_cityreport_add"))
    change = admin_client_.get(reverse("admin:engagements_cityreport_change", args=[report.pk]))

    assert add.status_code == 403
    assert change.status_code == 200
    assert not change.context["has_change_permission"]
    assert 'name="_save"' not in change.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_engagement_list_runs_a_fixed_number_of_queries(
    admin_client_, django_assert_max_num_queries, rows
):
    # Each engagement has its own city, owner and partner: a missing join shows as N+1.
    for _ in range(rows):
        city = ParticipatingCityFactory()
        EngagementFactory(city=city, owner=UserFactory(), partners=[PartnerFactory(city=city)])

    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        response = admin_client_.get(reverse("admin:engagements_engagement_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_partner_list_runs_a_fixed_number_of_queries(
    admin_client_, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        PartnerFactory(city=ParticipatingCityFactory(), partner_city=CityFactory(country="JP"))

    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        response = admin_client_.get(reverse("admin:cities_partner_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == rows


def test_site_admin_can_search_engagements_by_title(admin_client_, los_angeles):
    EngagementFactory(city=los_angeles, title="Nagoya trade mission")
    EngagementFactory(city=los_angeles, title="Climate summit in Bonn")

    response = admin_client_.get(
        reverse("admin:engagements_engagement_changelist"), {"q": "nagoya"}
    )

    titles = [engagement.title for engagement in response.context["cl"].result_list]
    assert titles == ["Nagoya trade mission"]
    assert "Climate summit in Bonn" not in response.content.decode()


def test_partner_autocomplete_answers_json_with_the_matching_partners(admin_client_, los_angeles):
    kyoto = PartnerFactory(city=los_angeles, name="Kyoto City Government")
    PartnerFactory(city=los_angeles, name="Embassy of France", kind=PartnerKind.DIPLOMATIC_MISSION)

    response = admin_client_.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "engagements",
            "model_name": "engagement",
            "field_name": "partners",
            "term": "kyoto",
        },
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["results"] == [{"id": str(kyoto.pk), "text": str(kyoto)}]


def test_site_admin_can_restore_a_deleted_contact_from_its_history(admin_client_, los_angeles):
    # A contact has no trash of its own: the admin's revert brings it back.
    partner = PartnerFactory(city=los_angeles, name="Nagoya International Center")
    person = PersonFactory(partner=partner, name="Aiko Tanaka", title="Director")
    pk = person.pk
    delete = admin_client_.post(reverse("admin:cities_person_delete", args=[pk]), {"post": "yes"})
    assert delete.status_code == 302
    assert not Person.objects.filter(pk=pk).exists()

    # The history page still answers for the deleted contact and lists its deletion.
    history = admin_client_.get(reverse("admin:cities_person_history", args=[pk]))
    assert history.status_code == 200
    assert "Deleted" in history.content.decode()
    last_live = Person.history.filter(id=pk).exclude(history_type="-").latest()
    version_url = reverse("admin:cities_person_simple_history", args=[pk, last_live.history_id])
    assert version_url in history.content.decode()

    version = admin_client_.get(version_url)
    assert version.status_code == 200
    assert 'value="Revert"' in version.content.decode()

    revert = admin_client_.post(
        version_url,
        {"partner": partner.pk, "name": "Aiko Tanaka", "title": "Director"},
    )

    assert revert.status_code == 302
    restored = Person.objects.get(pk=pk)
    assert (restored.name, restored.title) == ("Aiko Tanaka", "Director")
    assert restored.history.latest().history_user.username == "admin"


def test_a_partner_deleted_in_the_admin_waits_in_the_trash(admin_client_, los_angeles):
    from cities.models import TrashEntry

    partner = PartnerFactory(city=los_angeles, name="Nagoya International Center")
    admin_client_.post(reverse("admin:cities_partner_delete", args=[partner.pk]), {"post": "yes"})

    entry = TrashEntry.objects.get()
    assert (entry.model_label, entry.title) == ("cities.partner", "Nagoya International Center")


def test_site_admin_assigns_a_users_city_and_role_on_the_user_page(admin_client_, los_angeles):
    user = UserFactory(username="new-officer", first_name="Aiko")

    response = admin_client_.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": "",
            "email": user.email,
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
            "staff-TOTAL_FORMS": "1",
            "staff-INITIAL_FORMS": "0",
            "staff-MIN_NUM_FORMS": "0",
            "staff-MAX_NUM_FORMS": "1",
            "staff-0-city": los_angeles.pk,
            "staff-0-role": StaffRole.EDITOR,
        },
    )

    assert response.status_code == 302, response.context["errors"]
    staff = StaffMember.objects.get(user=user)
    assert staff.city == los_angeles
    assert staff.role == StaffRole.EDITOR


@pytest.fixture
def city_admin(editor):
    """An editor given admin access to partners and SDG targets, but not superuser."""
    editor.is_staff = True
    editor.save()
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_partner", "change_partner", "view_sdgtarget", "change_sdgtarget"]
        )
    )
    return get_user_model().objects.get(pk=editor.pk)


def test_staff_admin_sees_only_their_own_citys_partners(client, city_admin, los_angeles, seattle):
    PartnerFactory(city=los_angeles, name="Nagoya City")
    other = PartnerFactory(city=seattle, name="Kobe City")
    client.force_login(city_admin)

    listing = client.get(reverse("admin:cities_partner_changelist"))
    other_page = client.get(reverse("admin:cities_partner_change", args=[other.pk]))

    assert [p.name for p in listing.context["cl"].result_list] == ["Nagoya City"]
    # The admin answers another city's record as missing: a redirect to the index.
    assert other_page.status_code == 302


def test_staff_admin_reads_but_cannot_change_sdg_targets(client, city_admin):
    target = SdgTarget.objects.get(code="11.6")
    client.force_login(city_admin)

    response = client.post(
        reverse("admin:cities_sdgtarget_change", args=[target.pk]),
        {"code": "11.6", "goal": target.goal_id, "title": "Changed", "position": target.position},
    )

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.title != "Changed"


def test_engagement_saved_in_the_admin_records_who_wrote_it(admin_client_, site_admin, los_angeles):
    response = admin_client_.post(
        reverse("admin:engagements_engagement_add"),
        {
            "city": los_angeles.pk,
            "kind": "meeting",
            "title": "Call with the Consul General of Japan",
            "status": "planned",
            "start_date": "2026-05-04",
            "delegation-TOTAL_FORMS": "0",
            "delegation-INITIAL_FORMS": "0",
            "delegation-MIN_NUM_FORMS": "0",
            "delegation-MAX_NUM_FORMS": "1",
            "follow_ups-TOTAL_FORMS": "0",
            "follow_ups-INITIAL_FORMS": "0",
            "follow_ups-MIN_NUM_FORMS": "0",
            "follow_ups-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.context["errors"]
    engagement = Engagement.objects.get(title="Call with the Consul General of Japan")
    assert engagement.created_by == site_admin
    assert engagement.updated_by == site_admin


def test_site_admin_finds_a_deleted_engagement_and_is_sent_to_the_trash(admin_client_, los_angeles):
    engagement = EngagementFactory(city=los_angeles, title="Busan port MOU signing")
    pk = engagement.pk
    admin_client_.post(reverse("admin:engagements_engagement_delete", args=[pk]), {"post": "yes"})
    assert not Engagement.objects.filter(pk=pk).exists()

    changelist = admin_client_.get(reverse("admin:engagements_engagement_changelist"))
    deleted_url = reverse("admin:engagements_engagement_deleted")
    assert deleted_url in changelist.content.decode()
    deleted = admin_client_.get(deleted_url)
    assert "Busan port MOU signing" in deleted.content.decode()
    # A revert would bring back the engagement alone: the trash restores it whole.
    assert reverse("trash_list") in deleted.content.decode()
    last_live = Engagement.history.filter(id=pk).exclude(history_type="-").latest()
    restore_url = reverse(
        "admin:engagements_engagement_simple_history", args=[pk, last_live.history_id]
    )
    assert restore_url not in deleted.content.decode()
    assert admin_client_.get(restore_url).url == deleted_url


def test_only_site_admins_see_deleted_records(client, editor):
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    response = client.get(reverse("admin:engagements_engagement_deleted"))
    assert response.status_code in (302, 403)
