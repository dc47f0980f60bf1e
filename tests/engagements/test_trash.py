"""A deleted engagement, partner, tie or commitment goes to its city's trash
whole, and an editor brings it back whole: every field, every link, its
delegation and follow-ups, and its place in the stored reports."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cities.choices import PartnerKind
from cities.models import (
    Commitment,
    Partner,
    Person,
    ProgressEntry,
    SisterCityTie,
    TrashEntry,
)
from cities.services import trash_entry_purge, trash_entry_restore, trash_purge_expired
from engagements.choices import (
    EngagementKind,
    EngagementStatus,
    FollowUpStatus,
    GiftDirection,
    MemberRole,
    PeriodKind,
    TopicCode,
)
from engagements.models import (
    CityReport,
    Delegation,
    DelegationMember,
    Engagement,
    EngagementImportKey,
    FollowUp,
    Gift,
    ItineraryItem,
    Topic,
)
from engagements.services import (
    delegation_create,
    delegation_member_create,
    engagement_create,
    engagement_delete,
    follow_up_create,
    gift_create,
    itinerary_item_create,
)
from tests.factories import (
    CommitmentFactory,
    EngagementFactory,
    PartnerFactory,
    PersonFactory,
    ProgressEntryFactory,
    SisterCityTieFactory,
    sdg_target,
)

START = datetime.date(2026, 3, 10)


def row(instance):
    """Every stored value of a row, by column."""
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def engagement_graph(pk):
    """Everything an engagement is: its row, its links, its delegation's parts, its follow-ups."""
    engagement = Engagement.objects.get(pk=pk)
    delegation = Delegation.objects.get(engagement=engagement)
    return {
        "engagement": row(engagement),
        "partners": sorted(engagement.partners.values_list("pk", flat=True)),
        "topics": sorted(engagement.topics.values_list("pk", flat=True)),
        "sdg_targets": sorted(engagement.sdg_targets.values_list("pk", flat=True)),
        "delegation": row(delegation),
        "members": [row(m) for m in DelegationMember.objects.filter(delegation=delegation)],
        "itinerary": [row(i) for i in ItineraryItem.objects.filter(delegation=delegation)],
        "gifts": [row(g) for g in Gift.objects.filter(delegation=delegation)],
        "follow_ups": [row(f) for f in FollowUp.objects.filter(engagement=engagement)],
        "import_key": list(
            EngagementImportKey.objects.filter(engagement=engagement).values_list("key", flat=True)
        ),
    }


def stored_figures(city):
    """The figures of every stored report of ``city`` that the engagement counts in."""
    return {
        (report.period_kind, report.period_start): {
            name: report.figures[name]
            for name in (
                "engagements",
                "inbound_delegations",
                "partners",
                "partner_ids",
                "by_topic",
                "by_sdg_goal",
                "investment_usd",
                "follow_ups_open",
            )
        }
        for report in CityReport.objects.filter(city=city)
        if report.period_start <= START <= report.period_end
    }


@pytest.fixture
def full_engagement(los_angeles, editor, django_capture_on_commit_callbacks):
    """An inbound delegation with partners, topics, SDG targets, members,
    itinerary, gifts, follow-ups and an import key, saved through the services."""
    nagoya = PartnerFactory(city=los_angeles, name="City of Nagoya", country="JP")
    jetro = PartnerFactory(
        city=los_angeles, name="JETRO Los Angeles", country="JP", kind=PartnerKind.BUSINESS
    )
    mayor = PersonFactory(partner=nagoya, name="Takashi Kawamura", title="Mayor")
    with django_capture_on_commit_callbacks(execute=True):
        engagement = engagement_create(
            city=los_angeles,
            author=editor,
            kind=EngagementKind.INBOUND_DELEGATION,
            title="Nagoya mayoral delegation",
            start_date=START,
            end_date=START + datetime.timedelta(days=2),
            location="City Hall",
            status=EngagementStatus.COMPLETED,
            summary="Port and hydrogen cooperation.",
            investment_usd=Decimal("1250000.00"),
            jobs_announced=40,
            partners=[nagoya, jetro],
            topics=list(Topic.objects.filter(code__in=[TopicCode.TRADE, TopicCode.CLIMATE])),
            sdg_targets=[sdg_target("7.2"), sdg_target("9.1")],
        )
        delegation = delegation_create(
            engagement=engagement, editor=editor, head=mayor, interpreters_needed=True
        )
        delegation_member_create(
            delegation=delegation, editor=editor, person=mayor, name=mayor.name,
            role=MemberRole.HEAD,
        )  # fmt: skip
        delegation_member_create(delegation=delegation, editor=editor, name="Aiko Tanaka")
        itinerary_item_create(
            delegation=delegation, editor=editor, date=START, place="Port of Los Angeles",
            activity="Harbour tour", start_time=datetime.time(9), end_time=datetime.time(11),
        )  # fmt: skip
        gift_create(
            delegation=delegation, editor=editor, direction=GiftDirection.RECEIVED,
            description="Lacquered tray", value_usd=Decimal("80"), giver="Mayor of Nagoya",
            recipient="Mayor of Los Angeles",
        )  # fmt: skip
        follow_up_create(
            engagement=engagement, editor=editor, description="Send the MOU draft",
            owner=editor, due_date=START + datetime.timedelta(days=30),
        )  # fmt: skip
        follow_up_create(
            engagement=engagement, editor=editor, description="Thank-you letter",
            status=FollowUpStatus.DONE,
        )  # fmt: skip
    EngagementImportKey.objects.create(city=los_angeles, key="row-17", engagement=engagement)
    return engagement


def test_engagement_restored_from_the_trash_comes_back_whole_with_its_report_figures(
    full_engagement, los_angeles, editor, client, django_capture_on_commit_callbacks
):
    pk = full_engagement.pk
    before = engagement_graph(pk)
    figures_before = stored_figures(los_angeles)
    assert figures_before[(PeriodKind.MONTH, datetime.date(2026, 3, 1))]["engagements"] == 1
    assert len(figures_before) == 3  # its month, quarter and year

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("engagement_delete", args=[pk]))
    assert response.status_code == 302

    assert not Engagement.objects.filter(pk=pk).exists()
    for model in (Delegation, DelegationMember, ItineraryItem, Gift, FollowUp):
        assert not model.objects.for_city(los_angeles).exists(), model
    assert not EngagementImportKey.objects.exists()
    after_delete = stored_figures(los_angeles)
    for figures in after_delete.values():
        assert figures["engagements"] == 0
        assert figures["inbound_delegations"] == 0
        assert figures["partners"] == 0
        assert figures["follow_ups_open"] == 0

    trash = client.get(reverse("trash_list"))
    assert "Nagoya mayoral delegation" in trash.content.decode()
    entry = TrashEntry.objects.get()
    assert (entry.model_label, entry.record_id, entry.deleted_by) == (
        "engagements.engagement",
        pk,
        editor,
    )

    with django_capture_on_commit_callbacks(execute=True):
        restored = client.post(reverse("trash_restore", args=[entry.pk]), follow=True)
    assert restored.status_code == 200
    assert "Restored “Nagoya mayoral delegation”." in restored.content.decode()

    assert engagement_graph(pk) == before
    assert stored_figures(los_angeles) == figures_before
    assert not TrashEntry.objects.exists()
    # Its history says who deleted and who restored it, with the links it had.
    latest = Engagement.history.filter(id=pk).latest()
    assert (latest.history_type, latest.history_user) == ("+", editor)
    assert latest.history_change_reason == "Restored from the trash"
    assert sorted(link.partner_id for link in latest.partners.all()) == before["partners"]
    deletion = Engagement.history.filter(id=pk, history_type="-").get()
    assert deletion.history_user == editor


def test_every_door_to_an_engagement_delete_trashes_it(los_angeles, editor, site_admin):
    from django.test import Client
    from rest_framework.test import APIClient

    by_page, by_api, by_admin = (
        EngagementFactory(city=los_angeles, title=title) for title in ("Page", "API", "Admin")
    )
    client, admin_client = Client(), Client()
    client.force_login(editor)
    admin_client.force_login(site_admin)
    client.post(reverse("engagement_delete", args=[by_page.pk]))
    api = APIClient()
    api.force_authenticate(editor)
    assert api.delete(f"/api/v1/engagements/{by_api.pk}/").status_code == 204
    admin_client.post(
        reverse("admin:engagements_engagement_delete", args=[by_admin.pk]), {"post": "yes"}
    )

    assert sorted(TrashEntry.objects.values_list("title", flat=True)) == ["API", "Admin", "Page"]
    assert not Engagement.objects.exists()


def test_delete_page_says_the_engagement_goes_to_the_trash_for_ninety_days(
    editor_client, los_angeles
):
    engagement = EngagementFactory(city=los_angeles)
    page = editor_client.get(reverse("engagement_delete", args=[engagement.pk]))
    assert "goes to the trash" in page.content.decode()
    assert "for 90 days" in page.content.decode()
    assert "history" not in page.content.decode()


def test_a_trashed_engagement_is_gone_from_the_list_its_page_and_the_api(
    editor_client, los_angeles, editor
):
    kept = EngagementFactory(city=los_angeles, title="Kept engagement")
    gone = EngagementFactory(city=los_angeles, title="Trashed engagement")
    gone_pk = gone.pk
    engagement_delete(engagement=gone, editor=editor)

    listed = editor_client.get(reverse("engagement_list")).content.decode()
    assert kept.title in listed and gone.title not in listed
    assert editor_client.get(reverse("engagement_detail", args=[gone_pk])).status_code == 404
    api = editor_client.get("/api/v1/engagements/").json()
    assert [item["title"] for item in api["results"]] == ["Kept engagement"]


def test_restoring_an_engagement_whose_import_key_was_reused_is_refused(
    los_angeles, editor, editor_client
):
    engagement = EngagementFactory(city=los_angeles, title="Imported twice")
    EngagementImportKey.objects.create(city=los_angeles, key="row-3", engagement=engagement)
    engagement_delete(engagement=engagement, editor=editor)
    # The same spreadsheet row imported again while the first was in the trash.
    newer = EngagementFactory(city=los_angeles, title="Imported twice")
    EngagementImportKey.objects.create(city=los_angeles, key="row-3", engagement=newer)

    entry = TrashEntry.objects.get()
    response = editor_client.post(reverse("trash_restore", args=[entry.pk]), follow=True)

    assert "cannot be restored" in response.content.decode()
    assert TrashEntry.objects.filter(pk=entry.pk).exists()
    assert list(Engagement.objects.values_list("pk", flat=True)) == [newer.pk]


# --- Partners, ties, commitments ---------------------------------------------------


def test_partner_in_use_goes_to_the_trash_and_comes_back_linked(
    los_angeles, editor, editor_client, django_capture_on_commit_callbacks
):
    partner = PartnerFactory(city=los_angeles, name="City of Busan", country="KR")
    person = PersonFactory(partner=partner, name="Park Heong-joon")
    engagement = EngagementFactory(city=los_angeles, title="Busan port call", partners=[partner])
    delegation = Delegation.objects.create(engagement=engagement, direction="inbound", head=person)
    before = row(partner)

    page = editor_client.get(reverse("partner_delete", args=[partner.pk])).content.decode()
    assert "Busan port call" in page  # the engagements that lose the link are named
    assert "for 90 days" in page
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("partner_delete", args=[partner.pk]))

    assert not Partner.objects.filter(pk=partner.pk).exists()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert list(engagement.partners.all()) == []
    delegation.refresh_from_db()
    assert delegation.head is None
    year = CityReport.objects.get(city=los_angeles, period_kind=PeriodKind.YEAR)
    assert year.figures["partners"] == 0

    entry = TrashEntry.objects.get(model_label="cities.partner")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("trash_restore", args=[entry.pk]))

    assert row(Partner.objects.get(pk=partner.pk)) == before
    assert Person.objects.get(pk=person.pk).name == "Park Heong-joon"
    assert list(engagement.partners.all()) == [partner]
    delegation.refresh_from_db()
    assert delegation.head_id == person.pk
    year.refresh_from_db()
    assert year.figures["partners"] == 1


def test_partner_delete_page_refuses_a_viewer_and_hides_another_citys_partner(
    viewer_client, los_angeles, seattle, client, other_editor
):
    partner = PartnerFactory(city=los_angeles)
    assert viewer_client.get(reverse("partner_delete", args=[partner.pk])).status_code == 403
    assert viewer_client.post(reverse("partner_delete", args=[partner.pk])).status_code == 403
    client.force_login(other_editor)
    assert client.post(reverse("partner_delete", args=[partner.pk])).status_code == 404
    assert Partner.objects.filter(pk=partner.pk).exists()


def this_year(city) -> dict:
    """The figures of the stored report of the current year."""
    year = timezone.localdate().replace(month=1, day=1)
    return CityReport.objects.get(city=city, period_kind=PeriodKind.YEAR, period_start=year).figures


def test_tie_comes_back_from_the_trash_unless_a_live_tie_took_its_place(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    from cities.services import sister_city_tie_delete

    tie = SisterCityTieFactory(city=los_angeles, notes="Since 1959.", focus_areas="Ports")
    before = row(tie)
    with django_capture_on_commit_callbacks(execute=True):
        entry = sister_city_tie_delete(tie=tie, editor=editor)
    assert not SisterCityTie.objects.exists()
    assert this_year(los_angeles)["ties_dormant"] + this_year(los_angeles)["ties_active"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        trash_entry_restore(entry=entry, editor=editor)
    assert row(SisterCityTie.objects.get()) == before
    assert this_year(los_angeles)["ties_dormant"] + this_year(los_angeles)["ties_active"] == 1

    entry = sister_city_tie_delete(tie=SisterCityTie.objects.get(), editor=editor)
    SisterCityTieFactory(city=los_angeles, partner_city_id=before["partner_city_id"])
    with pytest.raises(Exception, match="already have a live tie"):
        trash_entry_restore(entry=entry, editor=editor)


def test_commitment_comes_back_with_its_progress_and_targets(
    los_angeles, editor, django_capture_on_commit_callbacks
):
    from cities.services import commitment_delete

    commitment = CommitmentFactory(city=los_angeles, title="Halve emissions by 2030")
    commitment.sdg_targets.set([sdg_target("13.2")])
    entries = [
        ProgressEntryFactory(commitment=commitment, value=value, date=datetime.date(year, 7, 1))
        for year, value in ((2024, 90), (2025, 75))
    ]
    before = (row(commitment), [row(e) for e in entries])

    def tracked():
        figures = this_year(los_angeles)
        return figures["commitments_on_track"] + figures["commitments_off_track"]

    with django_capture_on_commit_callbacks(execute=True):
        entry = commitment_delete(commitment=commitment, editor=editor)
    assert not ProgressEntry.objects.exists()
    assert tracked() == 0
    with django_capture_on_commit_callbacks(execute=True):
        trash_entry_restore(entry=entry, editor=editor)

    restored = Commitment.objects.get()
    assert (row(restored), [row(e) for e in restored.progress_entries.order_by("pk")]) == before
    assert [t.code for t in restored.sdg_targets.all()] == ["13.2"]
    assert tracked() == 1


# --- The trash page: who sees, restores and purges -----------------------------------


def test_trash_page_lists_kind_title_who_and_days_left(editor_client, los_angeles, editor):
    old_mou = EngagementFactory(city=los_angeles, title="Old MOU")
    engagement_delete(engagement=old_mou, editor=editor)

    page = editor_client.get(reverse("trash_list"))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Old MOU" in text and "Engagement" in text and "la-editor" in text
    assert page.context["rows"][0][1] == 89  # deleted moments ago: 89 whole days left
    assert "Purge" not in text  # a site admin's act


def test_viewer_cannot_see_or_restore_the_trash(viewer_client, los_angeles, editor):
    entry = engagement_delete(engagement=EngagementFactory(city=los_angeles), editor=editor)
    assert viewer_client.get(reverse("trash_list")).status_code == 403
    assert viewer_client.post(reverse("trash_restore", args=[entry.pk])).status_code == 403
    assert TrashEntry.objects.filter(pk=entry.pk).exists()


def test_another_citys_trashed_record_is_a_404(other_client, los_angeles, editor):
    entry = engagement_delete(
        engagement=EngagementFactory(city=los_angeles, title="LA only"), editor=editor
    )
    assert "LA only" not in other_client.get(reverse("trash_list")).content.decode()
    assert other_client.post(reverse("trash_restore", args=[entry.pk])).status_code == 404
    assert other_client.post(reverse("trash_purge", args=[entry.pk])).status_code == 404


def test_only_a_site_admin_purges_and_the_purge_is_in_history(
    client, los_angeles, editor, site_admin
):
    entry = engagement_delete(
        engagement=EngagementFactory(city=los_angeles, title="Duplicate"), editor=editor
    )
    client.force_login(editor)
    assert client.post(reverse("trash_purge", args=[entry.pk])).status_code == 403
    client.force_login(site_admin)
    page = client.get(reverse("trash_list")).content.decode()
    assert "Purge" in page and "Los Angeles" in page  # a site admin sees every city's trash

    assert client.post(reverse("trash_purge", args=[entry.pk])).status_code == 302

    assert not TrashEntry.objects.exists()
    purge = TrashEntry.history.get(id=entry.pk, history_type="-")
    assert (purge.history_user, purge.title, purge.history_change_reason) == (
        site_admin,
        "Duplicate",
        "Purged",
    )


def test_daily_job_purges_only_what_waited_ninety_days(los_angeles, editor):
    old = engagement_delete(engagement=EngagementFactory(city=los_angeles), editor=editor)
    recent = engagement_delete(engagement=EngagementFactory(city=los_angeles), editor=editor)
    TrashEntry.objects.filter(pk=old.pk).update(
        deleted_at=timezone.now() - datetime.timedelta(days=90, minutes=1)
    )
    from cities.tasks import purge_expired_trash

    assert purge_expired_trash.delay().get() == 1
    assert list(TrashEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert trash_purge_expired() == 0  # a second run changes nothing


def test_trash_page_runs_a_fixed_number_of_queries(
    editor_client, los_angeles, editor, django_assert_max_num_queries
):
    for n in range(12):
        engagement_delete(
            engagement=EngagementFactory(city=los_angeles, title=f"Trashed {n}"), editor=editor
        )
    # Session, user, staff and city, the nav's checks, the page, its count.
    with django_assert_max_num_queries(7):
        response = editor_client.get(reverse("trash_list"))
    assert len(response.context["rows"]) == 12


def test_restoring_twice_changes_nothing_the_second_time(editor_client, los_angeles, editor):
    entry = engagement_delete(engagement=EngagementFactory(city=los_angeles), editor=editor)
    editor_client.post(reverse("trash_restore", args=[entry.pk]))
    assert editor_client.post(reverse("trash_restore", args=[entry.pk])).status_code == 404
    assert Engagement.objects.count() == 1


def test_purge_service_is_recorded_without_the_snapshot(los_angeles, editor, site_admin):
    entry = engagement_delete(engagement=EngagementFactory(city=los_angeles), editor=editor)
    trash_entry_purge(entry=entry, editor=site_admin)
    historical = TrashEntry.history.model
    assert "records" not in {field.name for field in historical._meta.fields}


def test_api_and_admin_deletes_of_partners_ties_and_commitments_trash_them(
    los_angeles, editor, site_admin
):
    from django.test import Client
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(editor)
    for resource, record in (
        ("partners", PartnerFactory(city=los_angeles, name="API partner")),
        ("sister-city-ties", SisterCityTieFactory(city=los_angeles)),
        ("commitments", CommitmentFactory(city=los_angeles, title="API commitment")),
    ):
        assert api.delete(f"/api/v1/{resource}/{record.pk}/").status_code == 204, resource
    admin = Client()
    admin.force_login(site_admin)
    partner = PartnerFactory(city=los_angeles, name="Admin partner")
    admin.post(reverse("admin:cities_partner_delete", args=[partner.pk]), {"post": "yes"})

    assert sorted(TrashEntry.objects.values_list("model_label", flat=True)) == [
        "cities.commitment",
        "cities.partner",
        "cities.partner",
        "cities.sistercitytie",
    ]


def test_partner_page_offers_delete_to_editors_only(editor_client, los_angeles, client, viewer):
    partner = PartnerFactory(city=los_angeles)
    delete_url = reverse("partner_delete", args=[partner.pk])
    page = editor_client.get(reverse("partner_detail", args=[partner.pk]))
    assert delete_url in page.content.decode()
    client.force_login(viewer)
    page = client.get(reverse("partner_detail", args=[partner.pk]))
    assert delete_url not in page.content.decode()


@pytest.mark.parametrize("engagement_first", [True, False])
def test_links_between_two_trashed_records_come_back_whichever_is_restored_first(
    los_angeles, editor, engagement_first
):
    from cities.services import partner_delete

    partner = PartnerFactory(city=los_angeles, name="Port of Rotterdam")
    head = PersonFactory(partner=partner, name="Allard Castelein")
    engagement = EngagementFactory(city=los_angeles, title="Rotterdam visit", partners=[partner])
    Delegation.objects.create(engagement=engagement, direction="inbound", head=head)
    pks = engagement.pk, partner.pk, head.pk
    entries = [
        engagement_delete(engagement=engagement, editor=editor).pk,
        partner_delete(partner=partner, editor=editor).pk,
    ]
    if not engagement_first:
        entries.reverse()

    trash_entry_restore(entry=TrashEntry.objects.get(pk=entries[0]), editor=editor)
    if engagement_first:  # its partner and head are still in the trash
        restored = Engagement.objects.get(pk=pks[0])
        assert list(restored.partners.all()) == []
        assert restored.delegation.head is None
    trash_entry_restore(entry=TrashEntry.objects.get(pk=entries[1]), editor=editor)

    restored = Engagement.objects.get(pk=pks[0])
    assert [p.pk for p in restored.partners.all()] == [pks[1]]
    assert restored.delegation.head_id == pks[2]


def test_a_column_dropped_since_the_deletion_does_not_stop_the_restore(los_angeles, editor):
    entry = engagement_delete(
        engagement=EngagementFactory(city=los_angeles, title="Before the migration"),
        editor=editor,
    )
    records = entry.records
    records[0]["fields"]["column_dropped_since"] = "old value"
    TrashEntry.objects.filter(pk=entry.pk).update(records=records)

    trash_entry_restore(entry=TrashEntry.objects.get(pk=entry.pk), editor=editor)

    assert Engagement.objects.get().title == "Before the migration"
