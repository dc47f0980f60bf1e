"""The demo installation: ``seed_demo`` and the GeoNames world-city loader it relies on."""

import datetime
import io

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import F
from django.test import RequestFactory, override_settings
from django.utils import timezone

from cities.choices import PartnerKind, StaffRole
from cities.models import (
    City,
    Commitment,
    NetworkMembership,
    ParticipatingCity,
    Partner,
    Person,
    ProgressEntry,
    SisterCityTie,
    StaffMember,
)
from cities.world_cities import city_from_geonames, find_world_city, world_cities_load
from engagements.choices import EngagementKind, EngagementStatus, FollowUpStatus
from engagements.models import (
    Delegation,
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
)
from missions import selectors as mission_selectors

pytestmark = pytest.mark.django_db

SEATTLE_GEONAMES_ID = 5809844


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every model, history and many-to-many tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def log_in(username: str, password: str):
    # django-axes wants the request that carries the login attempt.
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request, username=username, password=password)


# --- seed_demo ---------------------------------------------------------------


@pytest.fixture(scope="class")
def demo_output(django_db_setup, django_db_blocker):
    """Seed once for the whole class, inside a transaction rolled back at its end.

    Each test still runs in its own savepoint (``django_db``), so one that
    changes the demo data leaves it intact for the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo_output")
class TestSeedDemo:
    def test_seeding_twice_adds_nothing(self):
        after_first = row_counts()

        output = seed()

        assert row_counts() == after_first
        assert "nothing added" in output

    def test_demo_has_the_promised_cities_engagements_and_partners(self, demo_output):
        today = timezone.localdate()

        cities = ParticipatingCity.objects.all()
        assert cities.count() >= 17
        assert {"los-angeles", "new-york-city", "seattle", "atlanta"} <= set(
            cities.values_list("slug", flat=True)
        )
        new_york = ParticipatingCity.objects.get(slug="new-york-city")
        assert new_york.city.geonames_id is not None
        assert new_york.contact_email == "international@new-york-city.example.gov"

        engagements = Engagement.objects.all()
        assert engagements.count() >= 300
        assert set(engagements.values_list("kind", flat=True)) == set(EngagementKind.values)
        assert set(engagements.values_list("status", flat=True)) == set(EngagementStatus.values)
        assert (
            engagements.filter(start_date__lt=today - datetime.timedelta(days=3 * 366)).count() == 0
        )
        upcoming = engagements.upcoming(today).filter(
            start_date__lte=today + datetime.timedelta(days=90)
        )
        assert upcoming.exists()
        assert not engagements.filter(topics=None).exists()
        assert not engagements.filter(partners=None).exists()
        trade = engagements.filter(
            kind=EngagementKind.TRADE_MISSION, status=EngagementStatus.COMPLETED
        )
        assert not trade.filter(investment_usd=None).exists()

        assert Partner.objects.values("country").distinct().count() >= 40
        for city in cities:
            partners = city.partners.all()
            assert 15 <= partners.count() <= 30, city.slug
            assert set(partners.values_list("kind", flat=True)) == set(PartnerKind.values), (
                city.slug
            )
            assert city.commitments.count() in range(2, 5), city.slug
            assert city.network_memberships.exists(), city.slug
            assert city.ties.exists(), city.slug
            editor = get_user_model().objects.get(username=f"{city.slug}-editor")
            viewer = get_user_model().objects.get(username=f"{city.slug}-viewer")
            assert editor.staff.city == city and editor.staff.role == StaffRole.EDITOR
            assert viewer.staff.city == city and viewer.staff.role == StaffRole.VIEWER
            assert set(city.engagements.values_list("owner", flat=True)) == {editor.pk}
        assert Partner.objects.sensitive().exists()

        assert "los-angeles-editor" in demo_output
        assert settings.DEMO_PASSWORD in demo_output

    def test_demo_ties_are_the_real_ones(self):

        los_angeles = ParticipatingCity.objects.get(slug="los-angeles")
        nagoya = SisterCityTie.objects.get(city=los_angeles, partner_city__name="Nagoya")
        assert nagoya.partner_city.country.code == "JP"
        assert nagoya.established_on.year == 1959
        assert SisterCityTie.objects.filter(
            city__slug="seattle", partner_city__name="Kobe", established_on__year=1957
        ).exists()

    def test_demo_shares_planned_missions_that_overlap(self):
        la_editor = get_user_model().objects.get(username="los-angeles-editor")
        plans, shared, found = mission_selectors.city_plans_with_overlaps(
            la_editor, today=timezone.localdate()
        )
        assert len(plans) == 2
        assert {other.city_name for other in shared} == {"Seattle", "Chicago"}
        assert [(item.other.city_name, item.other.country.code) for item in found] == [
            ("Seattle", "JP")
        ]
        assert found[0].other.partner_name == ""  # Seattle shares country and month only
        nyc_editor = get_user_model().objects.get(username="new-york-city-editor")
        seen_by_nyc = mission_selectors.shared_plans(nyc_editor, since=timezone.localdate())
        assert {p.city_name for p in seen_by_nyc} == {"Seattle", "Los Angeles", "Chicago"}
        assert any(p.partner_name for p in seen_by_nyc if p.city_name == "Los Angeles")

    def test_demo_records_are_complete_and_pass_model_validation(self):
        today = timezone.localdate()

        # Staff must be able to open and save any seeded record in a form.
        for model in (
            Engagement,
            Delegation,
            DelegationMember,
            ItineraryItem,
            Gift,
            FollowUp,
            Partner,
            Person,
            Commitment,
            ProgressEntry,
            SisterCityTie,
            NetworkMembership,
            ParticipatingCity,
        ):
            for record in model.objects.all():
                record.full_clean()

        for delegation in Delegation.objects.prefetch_related("members", "itinerary"):
            assert delegation.engagement.is_delegation
            assert 2 <= len(delegation.members.all()) <= 6
            assert 2 <= len(delegation.itinerary.all()) <= 5
        delegated = Engagement.objects.filter(
            kind__in=[
                EngagementKind.INBOUND_DELEGATION,
                EngagementKind.OUTBOUND_MISSION,
                EngagementKind.TRADE_MISSION,
            ]
        )
        assert not delegated.filter(delegation=None).exists()
        assert Delegation.objects.filter(gifts__isnull=False).exists()

        assert FollowUp.objects.overdue(today).exists()
        done = FollowUp.objects.filter(status=FollowUpStatus.DONE)
        assert done.exists()
        assert not done.filter(completed_at=None).exists()

        for commitment in Commitment.objects.prefetch_related("progress_entries", "sdg_targets"):
            assert 2 <= len(commitment.progress_entries.all()) <= 5
            assert commitment.sdg_targets.all()
            assert commitment.target_year > commitment.baseline_year
        assert NetworkMembership.objects.values("network").distinct().count() == 8

    def test_demo_records_were_written_by_the_services_as_their_citys_staff(self):
        # Each city's records carry the history a page or import would leave:
        # created by a named user, the site admin for the city and its staff,
        # the city's editor for everything its office keeps.
        admin = get_user_model().objects.get(username="admin")
        for city in ParticipatingCity.objects.all():
            assert city.history.get(history_type="+").history_user == admin, city.slug
            for staff in city.staff.all():
                assert staff.history.get(history_type="+").history_user == admin
        kept_by_the_editor = (
            (Engagement, "city"),
            (Partner, "city"),
            (SisterCityTie, "city"),
            (NetworkMembership, "city"),
            (Commitment, "city"),
            (ProgressEntry, "commitment__city"),
            (Person, "partner__city"),
            (Delegation, "engagement__city"),
            (DelegationMember, "delegation__engagement__city"),
            (ItineraryItem, "delegation__engagement__city"),
            (Gift, "delegation__engagement__city"),
            (FollowUp, "engagement__city"),
        )
        for model, city_path in kept_by_the_editor:
            created = model.history.filter(history_type="+")
            assert created.count() == model.objects.count() > 0, model.__name__
            authors = created.values_list(f"{city_path}__slug", "history_user__username")
            strangers = [(slug, user) for slug, user in authors if user != f"{slug}-editor"]
            assert not strangers, model.__name__
        # The engagement service also records who logged it and last changed it.
        assert not Engagement.objects.exclude(created_by=F("owner")).exists()
        assert not Engagement.objects.exclude(updated_by=F("owner")).exists()

    def test_demo_data_keeps_the_rules_only_the_services_enforce(self):
        # The links between records no database constraint checks, which
        # the services refuse to break from any door.
        foreign_partners = Engagement.partners.through.objects.exclude(
            partner__city=F("engagement__city")
        )
        assert not foreign_partners.exists()
        assert not Engagement.objects.exclude(owner__staff__city=F("city")).exists()
        assert not FollowUp.objects.exclude(owner__staff__city=F("engagement__city")).exists()
        heads = Delegation.objects.exclude(head=None)
        assert heads.exists()
        assert not heads.exclude(head__partner__city=F("engagement__city")).exists()
        listed = DelegationMember.objects.exclude(person=None)
        assert listed.exists()
        assert not listed.exclude(person__partner__city=F("delegation__engagement__city")).exists()

    def test_done_demo_follow_ups_keep_the_day_they_were_done(self):
        # Written through the follow-up service, a follow-up done months ago
        # keeps that completion time instead of taking the seeding's.
        today = timezone.localdate()
        done = FollowUp.objects.filter(status=FollowUpStatus.DONE)
        assert done.filter(completed_at__date__lt=today - datetime.timedelta(days=60)).exists()
        assert done.values("completed_at__date").distinct().count() > 50

    def test_demo_logins_work_with_the_demo_password(self):

        admin = log_in("admin", settings.DEMO_PASSWORD)
        assert admin is not None and admin.is_superuser and admin.is_staff
        assert not StaffMember.objects.filter(user=admin).exists()
        editor = log_in("los-angeles-editor", settings.DEMO_PASSWORD)
        assert editor is not None and editor.staff.city.slug == "los-angeles"
        assert log_in("seattle-viewer", settings.DEMO_PASSWORD).staff.role == StaffRole.VIEWER

    def test_a_city_whose_engagements_were_removed_gets_the_same_ones_back(self):
        seattle = ParticipatingCity.objects.get(slug="seattle")
        titles = sorted(seattle.engagements.values_list("title", "start_date", "kind", "status"))
        others = Engagement.objects.exclude(city=seattle).count()
        seattle.engagements.all().delete()

        seed()

        again = sorted(seattle.engagements.values_list("title", "start_date", "kind", "status"))
        assert again == titles
        assert Engagement.objects.exclude(city=seattle).count() == others

    def test_demo_nagoya_visit_to_los_angeles_was_requested_accepted_and_briefed(self):
        from visits.choices import VisitRequestStatus
        from visits.models import VisitRequest
        from visits.selectors import briefing_context

        requests = VisitRequest.objects.filter(city__slug="los-angeles")
        nagoya = requests.get(organisation="City of Nagoya")
        assert nagoya.status == VisitRequestStatus.ACCEPTED
        assert requests.filter(status__in=["pending", "more_info"]).count() == 3
        briefing = briefing_context(nagoya.engagement, today=timezone.localdate())
        (tie,) = briefing["ties"]
        assert tie["tie"].established_on.year == 1959
        assert briefing["earlier_with_partner"]
        assert briefing["commitments"]
        assert len(briefing["members"]) == 4 and briefing["itinerary"]
        assert briefing["delegation"].interpreters_needed
        assert briefing["talking_points"]

    def test_los_angeles_publishes_its_page_and_drafts_this_years_review(self, client):
        from reviews.models import LocalReview
        from transparency.models import PublicProfile

        los_angeles = ParticipatingCity.objects.get(slug="los-angeles")
        assert PublicProfile.objects.published().get().city == los_angeles
        public = los_angeles.engagements.filter(is_public=True)
        assert public.exists()
        assert not public.exclude(status=EngagementStatus.COMPLETED).exists()
        assert not public.filter(partners__sensitivity_note__gt="").exists()
        assert client.get("/public/los-angeles/").status_code == 200
        assert client.get("/public/seattle/").status_code == 404
        review = LocalReview.objects.get(city=los_angeles, year=timezone.localdate().year)
        assert review.narratives.count() == review.priority_goals.count() == 5


@override_settings(PRODUCTION=True)
def test_seed_demo_refuses_to_run_in_production():
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=io.StringIO())

    assert not City.objects.exists()
    assert not get_user_model().objects.exists()


# --- world cities --------------------------------------------------------------


def test_loading_world_cities_twice_adds_nothing_and_keeps_edits():
    added = world_cities_load(countries=["IS", "LU"])
    assert added == City.objects.count() > 0
    assert set(City.objects.values_list("country", flat=True)) == {"IS", "LU"}
    reykjavik = City.objects.get(name="Reykjavík")
    reykjavik.name = "Reykjavik (edited)"
    reykjavik.save()

    assert world_cities_load(countries=["IS", "LU"]) == 0
    assert City.objects.filter(name="Reykjavik (edited)").exists()


def test_load_world_cities_command_loads_a_country_within_a_limit():
    out = io.StringIO()
    call_command("load_world_cities", "--country", "US", "--limit", "25", stdout=out)

    assert City.objects.filter(country="US").count() == 25
    assert "Added 25 world cities" in out.getvalue()
    # U.S. cities carry their state's name; GeoNames ships none for other regions.
    assert not City.objects.filter(region="").exists()


def test_a_geonames_city_has_its_state_coordinates_and_time_zone():
    seattle = city_from_geonames(SEATTLE_GEONAMES_ID)

    assert (seattle.name, seattle.country.code, seattle.region) == ("Seattle", "US", "Washington")
    assert seattle.latitude.as_tuple().exponent == -5
    assert abs(float(seattle.latitude) - 47.606) < 0.01
    assert seattle.time_zone == "America/Los_Angeles"
    assert seattle.population > 700_000
    assert city_from_geonames(SEATTLE_GEONAMES_ID) == seattle
    assert City.objects.count() == 1


def test_find_world_city_picks_the_most_populous_match():
    assert find_world_city("Portland", "US").region == "Oregon"
    assert find_world_city("Portland", "US", region="ME").region == "Maine"
    assert find_world_city("Portland", "US", region="Maine").region == "Maine"
    assert find_world_city("Nürnberg", "DE").name == "Nuremberg"
    with pytest.raises(City.DoesNotExist):
        find_world_city("Atlantis", "GR")
