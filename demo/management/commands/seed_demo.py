"""``manage.py seed_demo``: a realistic demo installation, safe to run twice.

Seventeen U.S. cities with their real sister cities, a few hundred
engagements over the last three years and the next quarter, delegations with
members, programmes and gifts, follow-ups, SDG commitments with progress,
city-network memberships, and an editor and a viewer login per city.

Every record a city keeps is written through its service
(``cities.services``, ``engagements.services``), one row at a time, so the demo
data passes the same rules and leaves the same history as a record entered in
a page, the API, an import or the admin: the site admin sets up each city and
its staff, the city's editor records everything else.

Idempotent: records are looked up by natural keys (city, username, name +
country, city + partner city + kind, city + network, city + title) and only
created when missing; a city's engagements, with everything hanging off them,
are generated only while it has none. Randomness comes from generators seeded
with ``demo_data.DEMO_SEED`` per city and section, so the same content comes
out whatever was skipped.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries

from cities.choices import (
    CommitmentFramework,
    DatePrecision,
    MembershipStatus,
    PartnerKind,
    StaffRole,
    TieKind,
    TieStatus,
)
from cities.models import (
    City,
    CityNetwork,
    ParticipatingCity,
    Partner,
    Person,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    StaffMember,
)
from cities.records import record_fields
from cities.services import (
    commitment_create,
    network_membership_create,
    participating_city_create,
    partner_create,
    person_create,
    progress_entry_create,
    sister_city_tie_create,
    staff_member_create,
)
from cities.world_cities import find_world_city, world_cities_load
from demo import demo_data as data
from demo.visits import seed_visit_requests
from engagements.choices import (
    Attendance,
    Direction,
    EngagementKind,
    EngagementStatus,
    FollowUpStatus,
    GiftDirection,
    MemberRole,
    ProtocolLevel,
)
from engagements.models import (
    Delegation,
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
    Topic,
)
from engagements.services import (
    delegation_create,
    delegation_member_create,
    engagement_create,
    engagement_update,
    follow_up_create,
    gift_create,
    itinerary_item_create,
    report_refresh_batch,
)
from engagements.tasks import rebuild_city_reports
from missions.models import MissionSharing
from missions.services import mission_sharing_set, planned_mission_create
from reviews.choices import ReviewScope
from reviews.models import LocalReview
from reviews.services import goal_narrative_create, local_review_create
from transparency.models import PublicProfile
from transparency.services import public_profile_create

K = PartnerKind
DELEGATION_KINDS = {
    EngagementKind.INBOUND_DELEGATION,
    EngagementKind.OUTBOUND_MISSION,
    EngagementKind.TRADE_MISSION,
}
# How often each kind comes up after every kind has appeared once.
KIND_WEIGHTS = {
    EngagementKind.MEETING: 6,
    EngagementKind.VIRTUAL_MEETING: 4,
    EngagementKind.INBOUND_DELEGATION: 5,
    EngagementKind.OUTBOUND_MISSION: 2,
    EngagementKind.TRADE_MISSION: 2,
    EngagementKind.CONFERENCE: 2,
    EngagementKind.AGREEMENT: 2,
    EngagementKind.HOSTED_EVENT: 2,
    EngagementKind.CONSULAR_TRAINING: 1,
}
DAYS = {  # (min, max) length in days of multi-day engagements
    EngagementKind.INBOUND_DELEGATION: (1, 4),
    EngagementKind.OUTBOUND_MISSION: (3, 7),
    EngagementKind.TRADE_MISSION: (4, 8),
    EngagementKind.CONFERENCE: (2, 4),
}
SLOTS = (
    (datetime.time(9, 0), datetime.time(10, 0)),
    (datetime.time(10, 30), datetime.time(12, 0)),
    (datetime.time(12, 30), datetime.time(14, 0)),
    (datetime.time(14, 30), datetime.time(16, 0)),
    (datetime.time(16, 30), datetime.time(17, 30)),
)
EVENING = (datetime.time(19, 0), datetime.time(21, 0))
VISITOR_TITLES = {
    MemberRole.MEMBER: "Delegate",
    MemberRole.STAFF: "Aide",
    MemberRole.INTERPRETER: "Interpreter",
    MemberRole.PRESS: "Press officer",
    MemberRole.SECURITY: "Security officer",
}
# Cities whose demo has visit requests (the Nagoya visit among them).
VISIT_DEMO_CITIES = ("los-angeles",)
MAX_PARTNERS_PER_CITY = 30  # a demo city's directory holds 15 to 30 partners
GIFT_REGISTER_THRESHOLD = 250  # USD: received gifts above this become city property


def demo_random(*parts) -> random.Random:
    """A generator seeded with DEMO_SEED and a section name, e.g. ("seattle", "partners")."""
    return random.Random(":".join(str(p) for p in (data.DEMO_SEED, *parts)))


def country_name(code: str) -> str:
    return countries.name(code) or code


def formal_country_name(code: str) -> str:
    """As in "Consulate General of the Republic of Korea"."""
    return data.FORMAL_COUNTRY_NAMES.get(code, country_name(code))


def country_in_sentence(code: str) -> str:
    """As in "Trade mission to the Netherlands"."""
    name = country_name(code)
    return f"the {name}" if code in data.COUNTRIES_WITH_ARTICLE else name


def person_name(rng: random.Random, country: str, international=False) -> tuple[str, str]:
    """A plausible name for someone from ``country``, or from anywhere."""
    if international:
        pool = rng.choice(sorted(data.NAME_POOLS))
    else:
        pool = data.COUNTRY_LANGUAGES.get(country, "en")
    given, family = data.NAME_POOLS[pool]
    return rng.choice(given), rng.choice(family)


def us_name(rng: random.Random) -> str:
    return f"{rng.choice(data.US_GIVEN)} {rng.choice(data.US_FAMILY)}"


@dataclass
class PartnerInfo:
    """A partner as the seeder uses it: the row, where it sits and its people."""

    partner: Partner | None = None
    place: str = ""  # the city named in titles ("Nagoya"), if any
    seat: str = ""  # the city it is based in, looked up in GeoNames
    themes: tuple[str, ...] = ()  # the subjects it brings; any subject if empty
    tie_city: City | None = None  # set for the government of a sister city
    people: list[Person] = field(default_factory=list)

    @property
    def is_tie(self) -> bool:
        return self.tie_city is not None

    @property
    def kind(self) -> str:
        return self.partner.kind

    @property
    def country(self) -> str:
        return self.partner.country.code


@dataclass
class Plan:
    """One engagement to create, with its relations and dependent rows.

    The rows are unsaved drafts: planning reads and adjusts them as it goes,
    then ``EngagementBuilder.save`` hands their values to the services.
    """

    engagement: Engagement
    partners: list[PartnerInfo]
    theme: data.Theme
    extra_topics: tuple[str, ...] = ()
    delegation: Delegation | None = None
    members: list[DelegationMember] = field(default_factory=list)
    itinerary: list[ItineraryItem] = field(default_factory=list)
    gifts: list[Gift] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


class DemoSeeder:
    """Creates the demo content; run inside a transaction."""

    def __init__(self, *, today: datetime.date, password: str):
        self.today = today
        # One hash for every demo login: hashing 35 times with the production
        # hasher would take most of the run.
        self.password_hash = make_password(password)
        self.created: Counter[str] = Counter()
        self.logins: list[tuple[str, str]] = []
        self.rebuilt: set[int] = set()  # cities whose reports are rebuilt whole on commit
        self.topics = {topic.code: topic for topic in Topic.objects.all()}
        self.targets = {target.code: target for target in SdgTarget.objects.all()}
        self.themes = {theme.phrase: theme for theme in data.THEMES}

    def run(self) -> None:
        # Engagement and follow-up services each ask for their report periods
        # to be refreshed; the batch gathers those requests instead of
        # rebuilding a period per row. A city whose engagements were written
        # gets all its reports rebuilt after commit (EngagementBuilder.build),
        # so its gathered requests are dropped rather than built a second time.
        with report_refresh_batch() as refreshes:
            networks = self.seed_networks()
            self.admin = self.seed_user(
                "admin", "Site", "Admin", "site admin", is_staff=True, is_superuser=True
            )
            for index, demo in enumerate(data.CITIES):
                self.seed_city(index, demo, networks)
            self.seed_joint_missions()
            for city_id in self.rebuilt:
                refreshes.pop(city_id, None)

    def seed_joint_missions(self) -> None:
        """A few planned missions, shared at each city's level (``data.JOINT_MISSIONS``)."""
        for spec in data.JOINT_MISSIONS:
            city = ParticipatingCity.objects.filter(slug=spec.city).first()
            if city is None:
                continue
            editor = get_user_model().objects.get(username=f"{spec.city}-editor")
            if not MissionSharing.objects.filter(city=city).exists():
                mission_sharing_set(city=city, level=spec.sharing, editor=editor)
                self.created["mission sharing settings"] += 1
            if city.planned_missions.filter(title=spec.title).exists():
                continue
            year = self.today.year + (spec.month <= self.today.month)
            partner = None
            if spec.partner_country:
                partner = (
                    city.partners.filter(country=spec.partner_country).order_by("kind", "name")
                ).first()
            planned_mission_create(
                city=city,
                editor=editor,
                title=spec.title,
                direction=spec.direction,
                country=spec.country,
                month=datetime.date(year, spec.month, 1),
                partner=partner,
                topics=[self.topics[code] for code in spec.topics],
            )
            self.created["planned missions"] += 1

    # --- reference rows ---------------------------------------------------
    # World cities (GeoNames), city networks and logins are reference data
    # that no service writes, so they keep ``get_or_create``.

    def seed_networks(self) -> dict[str, CityNetwork]:
        networks = {}
        for spec in data.NETWORKS:
            network, created = CityNetwork.objects.get_or_create(
                name=spec["name"],
                defaults={key: spec[key] for key in ("acronym", "website", "focus", "description")},
            )
            self.created["city networks"] += created
            networks[spec["acronym"] or spec["name"]] = network
        return networks

    def seed_user(self, username: str, first: str, last: str, label: str, **flags):
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.gov",
                "password": self.password_hash,
                **flags,
            },
        )
        self.created["users"] += created
        self.logins.append((username, label))
        return user

    def world_city(self, name: str, country: str) -> City:
        fallback = data.CITIES_OUTSIDE_GEONAMES.get((name, country))
        if fallback is None:
            return find_world_city(name, country)
        latitude, longitude, time_zone = fallback
        city, created = City.objects.get_or_create(
            name=name,
            country=country,
            geonames_id=None,
            defaults={
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
                "time_zone": time_zone,
            },
        )
        self.created["cities outside GeoNames"] += created
        return city

    # --- one participating city -------------------------------------------

    def seed_city(self, index: int, demo: data.DemoCity, networks) -> None:
        city = find_world_city(demo.name, "US", demo.state)
        given, family = data.US_GIVEN, data.US_FAMILY
        editor_name = (given[index % len(given)], family[index % len(family)])
        viewer_name = (given[(index + 4) % len(given)], family[(index + 3) % len(family)])
        participating = ParticipatingCity.objects.filter(city=city).first()
        if participating is None:
            participating = participating_city_create(
                editor=self.admin,
                city=city,
                slug=demo.slug,
                office_name=demo.office_name,
                mayor=f"Mayor of {demo.display_name}",
                contact_name=" ".join(editor_name),
                contact_email=f"international@{demo.slug}.example.gov",
                contact_phone=demo.phone,
            )
            self.created["participating cities"] += 1
        slug, name = participating.slug, demo.display_name
        editor = self.seed_user(f"{slug}-editor", *editor_name, f"{name} editor")
        viewer = self.seed_user(f"{slug}-viewer", *viewer_name, f"{name} viewer")
        for user, role in ((editor, StaffRole.EDITOR), (viewer, StaffRole.VIEWER)):
            if not StaffMember.objects.filter(user=user).exists():
                staff_member_create(user=user, city=participating, role=role, editor=self.admin)
                self.created["staff members"] += 1

        tie_cities = self.seed_ties(participating, demo, editor)
        self.seed_memberships(participating, demo, networks, editor)
        partners = self.seed_partners(participating, demo, tie_cities, networks, editor)
        self.seed_commitments(participating, demo, editor)
        if not participating.engagements.exists():
            EngagementBuilder(self, participating, demo, partners, editor).build()
        if demo.slug in VISIT_DEMO_CITIES:
            self.created.update(seed_visit_requests(participating, editor, today=self.today))
        self.seed_public_page(participating, demo, editor)
        self.seed_review(participating, demo, editor)

    def seed_public_page(self, participating, demo, editor) -> None:
        """Opt the city in to its public page and mark some completed engagements public."""
        introduction = data.PUBLIC_CITIES.get(demo.slug)
        if introduction is None or PublicProfile.objects.filter(city=participating).exists():
            return
        public_profile_create(
            city=participating, editor=editor, is_published=True, introduction=introduction
        )
        self.created["public pages"] += 1
        completed = (
            Engagement.objects.for_city(participating)
            .filter(status=EngagementStatus.COMPLETED)
            .exclude(partners__sensitivity_note__gt="")
            .order_by("start_date", "pk")
        )
        for engagement in list(completed)[:: data.PUBLIC_SHARE]:
            engagement_update(engagement=engagement, editor=editor, is_public=True)
            self.created["public engagements"] += 1

    def seed_review(self, participating, demo, editor) -> None:
        """A Voluntary Local Review of this year, on the city's priority goals, with narratives."""
        narratives = data.REVIEWS.get(demo.slug)
        year = self.today.year
        if narratives is None or LocalReview.objects.filter(city=participating, year=year).exists():
            return
        goals = {goal.number: goal for goal in SdgGoal.objects.filter(number__in=narratives)}
        review = local_review_create(
            city=participating,
            year=year,
            editor=editor,
            scope=ReviewScope.HLPF_PRIORITIES,
            priority_goals=list(goals.values()),
        )
        for number, text in narratives.items():
            goal_narrative_create(review=review, goal=goals[number], editor=editor, text=text)
        self.created["local reviews"] += 1

    def seed_ties(self, participating, demo, editor) -> list[tuple[data.Tie, City]]:
        rng = demo_random(demo.slug, "ties")
        existing = set(participating.ties.values_list("partner_city", "kind"))
        tie_cities = []
        for tie in demo.ties:
            partner_city = self.world_city(tie.city, tie.country)
            tie_cities.append((tie, partner_city))
            focus = tie.focus or rng.choice(
                ("culture, education", "trade, tourism", "youth exchange", "climate, technology")
            )
            # A few older ties without recent exchanges are recorded as dormant.
            dormant = tie.year is not None and tie.year < 1990 and rng.random() < 0.12
            if (partner_city.pk, tie.kind) in existing:
                continue
            sister_city_tie_create(
                city=participating,
                partner_city=partner_city,
                editor=editor,
                kind=tie.kind,
                established_on=datetime.date(tie.year, 1, 1) if tie.year else None,
                established_precision=DatePrecision.YEAR,  # the list gives years only
                status=TieStatus.ACTIVE,
                focus_areas=focus,
                notes="No exchanges recorded in recent years." if dormant else "",
            )
            self.created["sister-city ties"] += 1
        return tie_cities

    def seed_memberships(self, participating, demo, networks, editor) -> None:
        rng = demo_random(demo.slug, "networks")
        existing = set(participating.network_memberships.values_list("network", flat=True))
        for key, since, role in demo.networks:
            lapsed = key == "ICLEI" and rng.random() < 0.3
            # Drawn whether or not the membership exists, so later draws stay the same.
            month = rng.randint(1, 12)
            if networks[key].pk in existing:
                continue
            network_membership_create(
                city=participating,
                editor=editor,
                network=networks[key],
                since=datetime.date(since, month, 1),
                role=role,
                status=MembershipStatus.LAPSED if lapsed else MembershipStatus.ACTIVE,
                until=datetime.date(2023, 12, 31) if lapsed else None,
                notes="Dues not renewed after the 2023 budget cycle." if lapsed else "",
            )
            self.created["network memberships"] += 1

    # --- partners and people ------------------------------------------------

    def partner_specs(self, demo, tie_cities, networks, rng) -> list[tuple[dict, PartnerInfo]]:
        """(fields, info) of every partner of a city, in a fixed order."""
        specs = []
        tie_countries = list(dict.fromkeys(tie.country for tie, _ in tie_cities))

        def add(kind, name, country, *, place="", seat="", themes=(), **extra):
            fields = {"kind": kind, "name": name, "country": country, "partner_city": None}
            info = PartnerInfo(place=place, seat=seat, themes=tuple(themes))
            specs.append(({**fields, **extra}, info))
            return info

        for tie, city in tie_cities[: data.TIE_PARTNERS_PER_CITY]:
            if tie.city in data.CITY_GOVERNMENT_NAMES:
                name = data.CITY_GOVERNMENT_NAMES[tie.city]
            elif tie.country == "CN":
                name = data.CHINESE_CITY_GOVERNMENT.format(name=tie.city)
            else:
                name = f"City of {tie.city}"
            since = f" since {tie.year}" if tie.year else ""
            notes = f"{TieKind(tie.kind).label}{since}."
            info = add(K.CITY_GOVERNMENT, name, tie.country, place=tie.city, notes=notes)
            info.tie_city = city

        national = [c for c in tie_countries if c in data.NATIONAL_BODIES]
        national += [c for c in data.GENERAL_NATIONAL_COUNTRIES if c not in national]
        for country in national[: rng.randint(2, 3)]:
            name = rng.choice(data.NATIONAL_BODIES[country])
            themes = () if name in data.MINISTRIES else data.TRADE_THEMES
            add(K.NATIONAL_GOVERNMENT, name, country, themes=themes)

        for country in rng.sample(demo.consulates, min(len(demo.consulates), 5)):
            if demo.slug == "washington-dc":
                name = (
                    "British Embassy Washington"
                    if country == "GB"
                    else f"Embassy of {formal_country_name(country)}"
                )
            elif country == "GB":
                name = f"British Consulate General {demo.name}"
            else:
                name = f"Consulate General of {formal_country_name(country)} in {demo.name}"
            add(K.DIPLOMATIC_MISSION, name, country, place=demo.name)

        organisations = rng.sample(data.INTERNATIONAL_ORGANISATIONS, rng.randint(2, 3))
        for name, country, seat, themes in organisations:
            add(K.INTERNATIONAL_ORGANISATION, name, country, seat=seat, themes=themes)

        businesses = sorted(
            data.BUSINESSES, key=lambda b: (b[1] not in tie_countries, rng.random())
        )
        for name, country, theme in businesses[: rng.randint(3, 4)]:
            hub = data.BUSINESS_HUBS[country]
            notes = f"Interested in {theme} projects in U.S. cities."
            add(K.BUSINESS, name, country, place=hub, seat=hub, themes=(theme,), notes=notes)

        universities = [
            name for country in tie_countries for name in data.UNIVERSITIES.get(country, ())
        ]
        rng.shuffle(universities)
        by_name = {n: c for c, names in data.UNIVERSITIES.items() for n in names}
        for name in universities[: rng.randint(2, 3)]:
            add(K.ACADEMIC, name, by_name[name], themes=data.ACADEMIC_THEMES)

        for name, country, themes in rng.sample(data.CIVIL_SOCIETY, 2):
            add(K.CIVIL_SOCIETY, name, country, themes=themes)

        network_specs = {spec["acronym"] or spec["name"]: spec for spec in data.NETWORKS}
        member_of = [key for key, _, _ in demo.networks if network_specs[key]["seat"]]
        for key in member_of[:2]:
            spec = network_specs[key]
            seat, country = spec["seat"]
            network = networks[key]
            add(
                K.CITY_NETWORK,
                network.name,
                country,
                seat=seat,
                themes=spec["themes"],
                website=network.website,
            )

        # One regional government, of a tied country where there is one (no
        # random draw, so the rest of the demo stays as it was).
        regional = sorted(
            data.REGIONAL_GOVERNMENTS, key=lambda r: (r[1] not in tie_countries, r[0])
        )
        name, country = regional[0]
        if len(specs) >= MAX_PARTNERS_PER_CITY:
            # Keep the directory within its size: the regional government takes
            # the place of the last national body.
            last_national = max(
                i
                for i, (fields, _info) in enumerate(specs)
                if fields["kind"] == K.NATIONAL_GOVERNMENT
            )
            del specs[last_national]
        add(K.REGIONAL_GOVERNMENT, name, country)
        return specs

    def sensitivity_note(self, fields, rng) -> str:
        if fields["country"] == "CN" and fields["kind"] != K.ACADEMIC:
            return data.SENSITIVITY_NOTES["CN"]
        if fields["country"] in data.SANCTIONS_REVIEW_COUNTRIES:
            return data.SENSITIVITY_NOTES["sanctions"]
        if fields["kind"] == K.BUSINESS and rng.random() < 0.2:
            return data.SENSITIVITY_NOTES["business"]
        return ""

    def seed_partners(self, participating, demo, tie_cities, networks, editor):
        """The city's partners and their people; returns every partner, old and new."""
        rng = demo_random(demo.slug, "people")
        specs = self.partner_specs(demo, tie_cities, networks, demo_random(demo.slug, "partners"))
        existing = {(p.name, p.country.code): p for p in participating.partners.all()}
        new = []
        for fields, info in specs:
            key = (fields["name"], fields["country"])
            if key in existing:
                info.partner = existing[key]
                continue
            if info.tie_city is not None:
                fields["partner_city"] = info.tie_city
            elif fields["kind"] == K.DIPLOMATIC_MISSION:
                fields["partner_city"] = participating.city
            elif info.seat:
                fields["partner_city"] = find_world_city(info.seat, fields["country"])
            info.partner = partner_create(
                city=participating,
                editor=editor,
                sensitivity_note=self.sensitivity_note(fields, rng),
                **fields,
            )
            new.append(info.partner)
        self.created["partners"] += len(new)

        for info in (i for _, i in specs if i.partner in new):
            embassy = info.kind == K.DIPLOMATIC_MISSION and demo.slug == "washington-dc"
            titles = data.PERSON_TITLES["embassy" if embassy else info.kind]
            # Staff of international bodies come from anywhere.
            international = info.kind in (K.INTERNATIONAL_ORGANISATION, K.CITY_NETWORK)
            domain = slugify(info.partner.name)[:40].strip("-") + ".example"
            names: set[str] = set()
            for title in titles[: rng.randint(1, 3)]:
                given, family = person_name(rng, info.country, international=international)
                while f"{given} {family}" in names:
                    given, family = person_name(rng, info.country, international=international)
                names.add(f"{given} {family}")
                person_create(
                    partner=info.partner,
                    editor=editor,
                    name=f"{given} {family}",
                    title=title,
                    email=f"{slugify(given)}.{slugify(family)}@{domain}",
                )
                self.created["people"] += 1

        by_partner = {}
        people = Person.objects.filter(partner__city=participating).select_related("partner")
        for person in people.order_by("pk"):
            by_partner.setdefault(person.partner_id, []).append(person)
        infos = [info for _, info in specs]
        for info in infos:
            info.people = by_partner.get(info.partner.pk, [])
        return infos

    # --- commitments --------------------------------------------------------

    def seed_commitments(self, participating, demo, editor) -> None:
        rng = demo_random(demo.slug, "commitments")
        existing = set(participating.commitments.values_list("title", flat=True))
        pool = list(data.COMMITMENTS)
        chosen = [pool[0]]  # every demo city has a Paris-aligned emissions pledge
        migration = [c for c in pool if c.framework == CommitmentFramework.MIGRATION_COMPACT]
        if any(key == "MMC" for key, _, _ in demo.networks):
            chosen += migration
        others = [c for c in pool[1:] if c not in migration]
        chosen += rng.sample(others, max(0, rng.randint(2, 4) - len(chosen)))
        for template in chosen:
            baseline = self.round_value(template, rng.uniform(*template.baseline_range))
            target = self.round_value(template, float(baseline) * template.target_ratio)
            if template.unit == "%":
                target = min(target, Decimal(100))
            indicator = (
                SdgIndicator.objects.get(code=template.indicator) if template.indicator else None
            )
            if template.title in existing:
                continue
            commitment = commitment_create(
                city=participating,
                editor=editor,
                sdg_targets=[self.targets[code] for code in template.targets],
                title=template.title,
                framework=template.framework,
                description=template.description,
                indicator=indicator,
                indicator_description=template.indicator_description,
                unit=template.unit,
                baseline_value=baseline,
                baseline_year=template.baseline_year,
                target_value=target,
                target_year=template.target_year,
            )
            self.created["commitments"] += 1
            self.seed_progress(commitment, template, rng, editor)

    @staticmethod
    def round_value(template, value: float) -> Decimal:
        places = 1 if template.unit in ("%", "µg/m³") else 0
        return Decimal(str(round(value, places))).quantize(Decimal(1).scaleb(-places))

    def seed_progress(self, commitment, template, rng, editor) -> None:
        """2–5 yearly values at varied paces, so commitments range from on track to worsening."""
        last_year = self.today.year - 1
        years = list(range(template.baseline_year + 1, last_year + 1))[-rng.randint(2, 5) :]
        pace = rng.choice((1.15, 1.0, 0.75, 0.55, 0.3, -0.15))
        baseline, target = float(commitment.baseline_value), float(commitment.target_value)
        span = template.target_year - template.baseline_year
        for year in years:
            share = pace * (year - template.baseline_year) / span
            value = baseline + (target - baseline) * share
            value *= 1 + rng.uniform(-0.02, 0.02)
            progress_entry_create(
                commitment=commitment,
                editor=editor,
                date=datetime.date(year, 12, 31),
                value=self.round_value(template, max(value, 0)),
                note=f"{year} annual report",
            )
            self.created["progress entries"] += 1


class EngagementBuilder:
    """A city's engagements over the last three years and the next quarter."""

    def __init__(self, seeder: DemoSeeder, participating, demo, partners, editor):
        self.seeder = seeder
        self.today = seeder.today
        self.city = participating
        self.demo = demo
        self.editor = editor
        self.rng = demo_random(demo.slug, "engagements")
        self.by_kind: dict[str, list[PartnerInfo]] = {}
        for info in partners:
            self.by_kind.setdefault(info.kind, []).append(info)
        self.titles: set[str] = set()

    # --- planning -----------------------------------------------------------

    def pick(self, *kinds) -> PartnerInfo:
        """A partner of the first kind the city has, from ``kinds`` in preference order."""
        for kind in kinds:
            if self.by_kind.get(kind):
                return self.rng.choice(self.by_kind[kind])
        return self.rng.choice([i for infos in self.by_kind.values() for i in infos])

    def dates(self) -> list[tuple[datetime.date, bool]]:
        """(start date, is future) of every engagement, weekdays only."""
        past = self.rng.sample(range(3, data.HISTORY_DAYS), self.rng.randint(17, 21))
        future = self.rng.sample(range(4, data.PLANNING_DAYS - 2), self.rng.randint(2, 4))
        days = [(self.today - datetime.timedelta(days=d), False) for d in past]
        days += [(self.today + datetime.timedelta(days=d), True) for d in future]
        weekdays = []
        for day, is_future in days:
            if day.weekday() == 5:
                day -= datetime.timedelta(days=1)
            elif day.weekday() == 6:
                day += datetime.timedelta(days=1)
            weekdays.append((day, is_future))
        return sorted(weekdays)

    def kinds(self, count: int) -> list[str]:
        kinds = list(EngagementKind.values)  # every kind at least once per city
        kinds += self.rng.choices(
            list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()), k=count - len(kinds)
        )
        self.rng.shuffle(kinds)
        return kinds

    def statuses(self, dates) -> list[str]:
        statuses = []
        for _day, is_future in dates:
            if is_future:
                statuses.append(self.rng.choice(EngagementStatus.values[:2]))
            elif self.rng.random() < 0.08:
                statuses.append(EngagementStatus.CANCELLED)
            else:
                statuses.append(EngagementStatus.COMPLETED)
        # Every city shows each status at least once.
        future = [i for i, (_, is_future) in enumerate(dates) if is_future]
        past = [i for i, (_, is_future) in enumerate(dates) if not is_future]
        statuses[future[0]] = EngagementStatus.PLANNED
        statuses[future[-1]] = EngagementStatus.CONFIRMED
        if EngagementStatus.CANCELLED not in statuses:
            statuses[self.rng.choice(past[len(past) // 2 :])] = EngagementStatus.CANCELLED
        return statuses

    def build(self) -> None:
        dates = self.dates()
        plans = [
            self.plan(kind, day, status)
            for kind, (day, _), status in zip(
                self.kinds(len(dates)), dates, self.statuses(dates), strict=True
            )
        ]
        self.save(plans)
        # Dashboards read stored reports: rebuild the city's once the data is committed.
        # Robust: the demo data stands even if a rebuild fails (the nightly job retries).
        city_id = self.city.pk
        transaction.on_commit(lambda: rebuild_city_reports.delay(city_id), robust=True)
        self.seeder.rebuilt.add(city_id)

    def fill(self, template: str, **values) -> str:
        text = template.format(**values)
        return text[0].upper() + text[1:]

    def plan(self, kind: str, start: datetime.date, status: str) -> Plan:
        rng = self.rng
        extra_topics: tuple[str, ...] = ()
        location = f"{data.CITY_HALLS.get(self.demo.slug, 'City Hall')}, {self.demo.display_name}"
        network = ""

        if kind == EngagementKind.INBOUND_DELEGATION:
            preference = rng.choice(
                (
                    (K.CITY_GOVERNMENT,),
                    (K.CITY_GOVERNMENT,),
                    (K.NATIONAL_GOVERNMENT,),
                    (K.BUSINESS, K.ACADEMIC),
                )
            )
            primary = self.pick(*preference, K.CITY_GOVERNMENT)
            if primary.kind == K.CITY_GOVERNMENT:
                templates = data.TITLES["inbound_delegation"]
            elif primary.partner.name in data.MINISTRIES:
                templates = data.TITLES["inbound_ministry"]
                if self.demo.slug in data.HEAD_OF_GOVERNMENT_HOSTS and rng.random() < 0.4:
                    templates = data.TITLES["inbound_head_of_government"]
            else:
                templates = data.TITLES["inbound_other"]
            partners = [primary, *self.consulate_of(primary.country)]
        elif kind == EngagementKind.OUTBOUND_MISSION:
            primary = self.pick(K.CITY_GOVERNMENT)
            templates = data.TITLES["outbound_mission"]
            location = f"{primary.place}, {country_name(primary.country)}"
            partners = [primary]
        elif kind == EngagementKind.TRADE_MISSION:
            primary = self.pick(K.BUSINESS)
            templates = data.TITLES["trade_mission"]
            location = f"{primary.place}, {country_name(primary.country)}"
            same_country = [
                info
                for partner_kind in (K.NATIONAL_GOVERNMENT, K.BUSINESS, K.CITY_GOVERNMENT)
                for info in self.by_kind.get(partner_kind, [])
                if info.country == primary.country and info is not primary
            ]
            partners = [primary, *same_country[:2]]
            extra_topics = ("trade",)
        elif kind == EngagementKind.MEETING:
            preference = rng.choice(
                (
                    K.DIPLOMATIC_MISSION,
                    K.DIPLOMATIC_MISSION,
                    K.INTERNATIONAL_ORGANISATION,
                    K.ACADEMIC,
                    K.CIVIL_SOCIETY,
                    K.BUSINESS,
                    K.NATIONAL_GOVERNMENT,
                )
            )
            primary = self.pick(preference, K.DIPLOMATIC_MISSION)
            consulate = primary.kind == K.DIPLOMATIC_MISSION
            templates = data.TITLES["meeting_consulate" if consulate else "meeting"]
            partners = [primary]
        elif kind == EngagementKind.VIRTUAL_MEETING:
            preference = rng.choice(
                (
                    K.CITY_GOVERNMENT,
                    K.INTERNATIONAL_ORGANISATION,
                    K.CITY_NETWORK,
                    K.ACADEMIC,
                    K.CIVIL_SOCIETY,
                )
            )
            primary = self.pick(preference, K.CITY_GOVERNMENT)
            templates = data.TITLES["virtual_meeting"]
            location = "Video call"
            partners = [primary]
        elif kind == EngagementKind.CONFERENCE:
            primary = self.pick(K.CITY_NETWORK, K.INTERNATIONAL_ORGANISATION)
            network = data.NETWORK_SHORT_NAMES.get(primary.partner.name, primary.partner.name)
            templates = data.TITLES["conference"]
            host, host_country = rng.choice(data.CONFERENCE_HOSTS)
            location = f"{host}, {country_name(host_country)}"
            peers = self.by_kind.get(K.CITY_GOVERNMENT, [])
            partners = [primary, *rng.sample(peers, min(len(peers), rng.randint(0, 2)))]
        elif kind == EngagementKind.AGREEMENT:
            preference = rng.choice((K.CITY_GOVERNMENT, K.CITY_GOVERNMENT, K.ACADEMIC, K.BUSINESS))
            primary = self.pick(preference, K.CITY_GOVERNMENT)
            renewal = primary.is_tie and rng.random() < 0.4
            templates = data.TITLES["agreement_tie" if renewal else "agreement"]
            partners = [primary]
        elif kind == EngagementKind.HOSTED_EVENT:
            missions = self.by_kind.get(K.DIPLOMATIC_MISSION, [])
            governments = self.by_kind.get(K.CITY_GOVERNMENT, [])
            partners = rng.sample(missions, min(len(missions), rng.randint(2, 4)))
            partners += rng.sample(governments, min(len(governments), 1))
            primary = partners[0] if partners else self.pick(K.DIPLOMATIC_MISSION)
            templates = data.TITLES["hosted_event"]
            extra_topics = ("culture",)
        else:  # a consular-corps briefing or protocol training
            missions = self.by_kind.get(K.DIPLOMATIC_MISSION, [])
            partners = rng.sample(missions, min(len(missions), rng.randint(2, 5)))
            partners = partners or [self.pick(K.DIPLOMATIC_MISSION)]
            primary = partners[0]
            templates = data.TITLES["consular_training"]

        head = primary.people[0] if primary.people else None
        values = {
            "partner": primary.partner.name,
            "pcity": primary.place or primary.partner.name,
            "country": country_in_sentence(primary.country),
            "formal_country": formal_country_name(primary.country),
            "network": network,
            "city": self.demo.display_name,
            "person_title": head.title if head else "Consul General",
        }
        # Pick another wording or subject rather than repeat one of the city's titles.
        for _ in range(8):
            template = rng.choice(templates)
            theme = self.theme(kind, primary, template)
            values["theme"] = theme.phrase
            title = self.fill(template, **values)
            if title not in self.titles:
                break
        self.titles.add(title)

        end = None
        if kind in DAYS:
            end = start + datetime.timedelta(days=rng.randint(*DAYS[kind]) - 1)
        engagement = Engagement(
            city=self.city,
            kind=kind,
            title=title,
            start_date=start,
            end_date=end,
            location=location,
            status=status,
            summary=self.fill(data.SUMMARIES[kind], **values),
            owner=self.editor,
            created_by=self.editor,
            updated_by=self.editor,
        )
        plan = Plan(engagement, partners, theme, extra_topics)
        self.outcomes(plan, primary, values)
        if kind in DELEGATION_KINDS:
            self.delegation(plan, primary, head, values)
        self.follow_ups(plan, values)
        return plan

    def theme(self, kind: str, primary: PartnerInfo, template: str) -> data.Theme:
        """What an engagement is about: set by its wording, its partner, or its kind."""
        rng, themes = self.rng, self.seeder.themes
        if template in data.TEMPLATE_THEMES:
            return themes[data.TEMPLATE_THEMES[template]]
        if primary.themes:
            return themes[rng.choice(primary.themes)]
        if kind == EngagementKind.CONSULAR_TRAINING:
            return themes[rng.choice(data.CONSULAR_THEMES)]
        return rng.choice(data.THEMES)

    def consulate_of(self, country: str) -> list[PartnerInfo]:
        """The city's consulate of a visiting delegation's country, when it comes along."""
        missions = self.by_kind.get(K.DIPLOMATIC_MISSION, [])
        return [i for i in missions if i.country == country and self.rng.random() < 0.6][:1]

    def outcomes(self, plan: Plan, primary: PartnerInfo, values) -> None:
        engagement, rng = plan.engagement, self.rng
        if engagement.status == EngagementStatus.CANCELLED:
            engagement.summary += " " + rng.choice(data.CANCELLATION_REASONS)
            return
        if engagement.status != EngagementStatus.COMPLETED:
            return
        group = engagement.kind in (EngagementKind.HOSTED_EVENT, EngagementKind.CONSULAR_TRAINING)
        pool = data.GROUP_OUTCOMES if group else data.OUTCOMES
        lines = [self.fill(o, **values) for o in rng.sample(pool, rng.randint(1, 2))]
        name = primary.partner.name
        if engagement.kind == EngagementKind.AGREEMENT:
            lines.insert(0, f"Signed by the Mayor and {name}{'' if name.endswith('.') else '.'}")
        invests = engagement.kind == EngagementKind.TRADE_MISSION or (
            engagement.kind == EngagementKind.AGREEMENT and primary.kind == K.BUSINESS
        )
        if invests:
            millions = rng.choice((1.5, 2.5, 4, 6, 8, 12, 18, 25, 40, 60, 85, 120, 200))
            engagement.investment_usd = Decimal(str(millions)) * 1_000_000
            engagement.jobs_announced = max(5, round(millions * rng.uniform(2, 6)))
            lines.insert(
                1 if engagement.kind == EngagementKind.AGREEMENT else 0,
                f"{name} announced ${millions:g} million of investment "
                f"and {engagement.jobs_announced} jobs.",
            )
        engagement.outcomes = " ".join(lines)

    # --- delegations --------------------------------------------------------

    def delegation(self, plan: Plan, primary: PartnerInfo, head, values) -> None:
        engagement, rng = plan.engagement, self.rng
        inbound = engagement.kind == EngagementKind.INBOUND_DELEGATION
        title = engagement.title
        if inbound:
            if title.startswith("Head-of-government"):
                level = ProtocolLevel.HEAD_OF_STATE
            elif "Mayor of" in title:
                level = ProtocolLevel.MAYOR
            elif "Ministerial" in title:
                level = ProtocolLevel.MINISTER
            elif primary.kind in (K.BUSINESS, K.ACADEMIC, K.CIVIL_SOCIETY):
                level = ProtocolLevel.NON_GOVERNMENTAL
            else:
                level = rng.choice((ProtocolLevel.SENIOR_OFFICIAL, ProtocolLevel.WORKING_LEVEL))
        elif title.startswith("Staff study"):
            level = ProtocolLevel.WORKING_LEVEL
        else:
            level = rng.choice(
                (ProtocolLevel.MAYOR, ProtocolLevel.MAYOR, ProtocolLevel.SENIOR_OFFICIAL)
            )
        foreign_language = primary.country not in data.ENGLISH_SPEAKING
        language = data.LANGUAGE_BY_COUNTRY.get(primary.country) or data.LANGUAGE_NAMES.get(
            data.COUNTRY_LANGUAGES.get(primary.country, "en"), "local-language"
        )
        press = level in (ProtocolLevel.HEAD_OF_STATE, ProtocolLevel.MINISTER, ProtocolLevel.MAYOR)
        press = press or rng.random() < 0.25
        security = level in (ProtocolLevel.HEAD_OF_STATE, ProtocolLevel.MINISTER) or (
            level == ProtocolLevel.MAYOR and not inbound
        )
        plan.delegation = Delegation(
            engagement=engagement,
            direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
            # The head is a partner contact; our own mayor leads outbound missions.
            head=head if inbound else None,
            protocol_level=level,
            interpreters_needed=foreign_language,
            interpreter_notes=(
                f"Consecutive {language} interpreter through the language-access contract"
                if foreign_language
                else ""
            ),
            press_needed=press,
            photographer_needed=press and rng.random() < 0.7,
            press_notes="Media advisory the day before; photo spray at the top" if press else "",
            security_needed=security,
            security_notes=(
                "Police dignitary-protection unit briefed; route agreed" if security else ""
            ),
        )
        self.members(plan, primary, head, inbound, level)
        self.itinerary(plan, inbound, values)
        if engagement.status == EngagementStatus.COMPLETED and rng.random() < 0.4:
            self.gifts(plan, primary, head, values)

    def attendance(self, status: str, is_head: bool) -> str:
        if status == EngagementStatus.COMPLETED:
            no_show = not is_head and self.rng.random() < 0.1
            return Attendance.NO_SHOW if no_show else Attendance.ATTENDED
        if status == EngagementStatus.CANCELLED:
            return Attendance.DECLINED
        if status == EngagementStatus.CONFIRMED:
            return Attendance.CONFIRMED
        return Attendance.INVITED

    def members(self, plan: Plan, primary: PartnerInfo, head, inbound: bool, level) -> None:
        rng = self.rng
        count = rng.randint(2, 6)
        members = []
        if inbound:
            for person in primary.people:
                role = MemberRole.HEAD if person == head else MemberRole.MEMBER
                members.append((person, person.name, person.title, primary.partner.name, role))
            while len(members) < count:
                given, family = person_name(rng, primary.country)
                role = rng.choice(list(VISITOR_TITLES))
                members.append(
                    (None, f"{given} {family}", VISITOR_TITLES[role], primary.partner.name, role)
                )
        else:
            if level == ProtocolLevel.MAYOR:
                members.append(
                    (None, self.city.mayor, "Mayor", self.demo.office_name, MemberRole.HEAD)
                )
            for team_title, role in data.CITY_TEAM_TITLES:
                if len(members) >= count:
                    break
                role = MemberRole(role)
                if role == MemberRole.MEMBER and not any(m[4] == MemberRole.HEAD for m in members):
                    role = MemberRole.HEAD
                members.append((None, us_name(rng), team_title, self.demo.office_name, role))
            if plan.engagement.kind == EngagementKind.TRADE_MISSION:
                for person in primary.people[:1]:
                    members.append(
                        (person, person.name, person.title, primary.partner.name, MemberRole.MEMBER)
                    )
        plan.members = [
            DelegationMember(
                delegation=plan.delegation,
                person=person,
                name=name,
                title=title,
                organisation=organisation,
                role=role,
                attendance=self.attendance(plan.engagement.status, role == MemberRole.HEAD),
            )
            for person, name, title, organisation, role in members[:6]
        ]

    def itinerary(self, plan: Plan, inbound: bool, values) -> None:
        rng, engagement = self.rng, plan.engagement
        pool = list(data.INBOUND_ITINERARY if inbound else data.OUTBOUND_ITINERARY)
        if inbound and self.demo.slug not in data.PORT_CITIES:
            pool = [item for item in pool if not item[0].startswith("Port of")]
        items = rng.sample(pool, rng.randint(2, 5))
        days = (engagement.last_day - engagement.start_date).days + 1
        # Programmes start at 9:00 or 10:30, then fill the day's slots in order.
        slot_used: Counter[datetime.date] = Counter()
        for offset in range(days):
            slot_used[engagement.start_date + datetime.timedelta(days=offset)] = rng.randint(0, 1)
        rows = []
        for index, (place, activity) in enumerate(items):
            day = engagement.start_date + datetime.timedelta(days=index * days // len(items))
            if "Dinner" in activity or "reception" in activity:
                start, end = EVENING
            else:
                start, end = SLOTS[min(slot_used[day], len(SLOTS) - 1)]
                slot_used[day] += 1
            rows.append(
                ItineraryItem(
                    delegation=plan.delegation,
                    date=day,
                    start_time=start,
                    end_time=end,
                    place=self.fill(place, **values),
                    activity=self.fill(activity, **values),
                    responsible=self.city.contact_name,
                )
            )
        plan.itinerary = rows

    def gifts(self, plan: Plan, primary: PartnerInfo, head, values) -> None:
        rng = self.rng
        counterpart = head.name if head else primary.partner.name
        description, value = rng.choice(data.GIFTS_RECEIVED)
        disposition = (
            "Reported on the gift register; kept as city property"
            if value > GIFT_REGISTER_THRESHOLD
            else rng.choice(data.GIFT_DISPOSITIONS)
        )
        plan.gifts.append(
            Gift(
                delegation=plan.delegation,
                direction=GiftDirection.RECEIVED,
                description=self.fill(description, **values),
                value_usd=Decimal(value),
                giver=counterpart,
                recipient=self.city.mayor,
                disposition=disposition,
            )
        )
        if rng.random() < 0.6:
            description, value = rng.choice(data.GIFTS_GIVEN)
            plan.gifts.append(
                Gift(
                    delegation=plan.delegation,
                    direction=GiftDirection.GIVEN,
                    description=self.fill(description, **values),
                    value_usd=Decimal(value),
                    giver=self.city.mayor,
                    recipient=counterpart,
                    disposition="Presented at the courtesy call",
                )
            )

    # --- follow-ups ---------------------------------------------------------

    def follow_ups(self, plan: Plan, values) -> None:
        rng, engagement = self.rng, plan.engagement
        if engagement.status == EngagementStatus.CANCELLED:
            if rng.random() < 0.5:
                plan.follow_ups.append(
                    self.follow_up(
                        f"Send regrets and propose new dates to {values['partner']}",
                        engagement.start_date + datetime.timedelta(days=rng.randint(3, 14)),
                    )
                )
            return
        if engagement.status in (EngagementStatus.PLANNED, EngagementStatus.CONFIRMED):
            if rng.random() < 0.7:
                due = engagement.start_date - datetime.timedelta(days=rng.randint(2, 20))
                description = self.fill(rng.choice(data.PREPARATION_FOLLOW_UPS), **values)
                plan.follow_ups.append(self.follow_up(description, due))
            return
        if rng.random() < 0.35:
            return
        for template in rng.sample(data.FOLLOW_UPS, rng.randint(1, 2)):
            due = engagement.last_day + datetime.timedelta(days=rng.randint(7, 45))
            plan.follow_ups.append(self.follow_up(self.fill(template, **values), due))

    def follow_up(self, description: str, due: datetime.date) -> FollowUp:
        """Open, done or cancelled as a real office would leave it by today."""
        rng = self.rng
        status, completed_at = FollowUpStatus.OPEN, None
        if due < self.today - datetime.timedelta(days=30):
            roll = rng.random()
            if roll < 0.75:
                status = FollowUpStatus.DONE
            elif roll < 0.83:
                status = FollowUpStatus.CANCELLED
        elif due < self.today and rng.random() < 0.5:
            status = FollowUpStatus.DONE
        if status == FollowUpStatus.DONE:
            done_on = min(due - datetime.timedelta(days=rng.randint(-5, 6)), self.today)
            completed_at = datetime.datetime.combine(
                done_on,
                datetime.time(rng.randint(9, 17), rng.choice((0, 15, 30, 45))),
                tzinfo=datetime.UTC,
            )
            completed_at = min(completed_at, timezone.now())
        return FollowUp(
            description=description[:500],
            owner=self.editor,
            due_date=due,
            status=status,
            completed_at=completed_at,
        )

    # --- writing ------------------------------------------------------------

    def save(self, plans: list[Plan]) -> None:
        """Write each planned engagement and what hangs off it through the services."""
        editor, created = self.editor, self.seeder.created
        topics, targets = self.seeder.topics, self.seeder.targets
        for plan in plans:
            plan.engagement = engagement_create(
                city=self.city,
                author=editor,
                partners=list(dict.fromkeys(info.partner for info in plan.partners)),
                topics=[
                    topics[code] for code in dict.fromkeys((*plan.theme.topics, *plan.extra_topics))
                ],
                sdg_targets=[targets[code] for code in plan.theme.targets],
                **record_fields(plan.engagement, exclude=("city", "created_by", "updated_by")),
            )
            created["engagements"] += 1
            if plan.delegation is not None:
                self.save_delegation(plan)
            for follow_up in plan.follow_ups:
                follow_up_create(
                    engagement=plan.engagement,
                    editor=editor,
                    **record_fields(follow_up, exclude=("engagement",)),
                )
            created["follow-ups"] += len(plan.follow_ups)

    def save_delegation(self, plan: Plan) -> None:
        editor, created = self.editor, self.seeder.created
        delegation = delegation_create(
            engagement=plan.engagement,
            editor=editor,
            **record_fields(plan.delegation, exclude=("engagement",)),
        )
        created["delegations"] += 1
        for service, rows, label in (
            (delegation_member_create, plan.members, "delegation members"),
            (itinerary_item_create, plan.itinerary, "itinerary items"),
            (gift_create, plan.gifts, "gifts"),
        ):
            for row in rows:
                service(
                    delegation=delegation,
                    editor=editor,
                    **record_fields(row, exclude=("delegation",)),
                )
            created[label] += len(rows)


class Command(BaseCommand):
    help = (
        "Create demo data: 17 U.S. cities with partners, engagements, delegations, "
        "commitments and logins. Safe to run twice; refuses to run in production."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo refuses to run in production: it creates logins with a "
                "published password."
            )
        started = time.monotonic()
        added_cities = world_cities_load()
        with transaction.atomic():
            seeder = DemoSeeder(today=timezone.localdate(), password=settings.DEMO_PASSWORD)
            seeder.run()
            seeded = time.monotonic() - started
        # Leaving the block commits, then runs the queued report rebuilds (in
        # process when Celery is eager, as in development).
        elapsed = time.monotonic() - started

        self.stdout.write(f"World cities added: {added_cities:,}")
        if any(seeder.created.values()):
            for label, count in seeder.created.items():
                if count:
                    self.stdout.write(f"  {label}: {count:,} created")
        else:
            self.stdout.write("Demo data already present: nothing added.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready in {elapsed:.1f} s ({seeded:.1f} s seeding, "
                f"{elapsed - seeded:.1f} s building reports)."
            )
        )
        self.stdout.write("\nLogins (all with the password below):")
        for username, role in seeder.logins:
            self.stdout.write(f"  {username:<28} {role}")
        self.stdout.write(f"Password: {settings.DEMO_PASSWORD}")
