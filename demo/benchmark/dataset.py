"""A synthetic installation of any size, written with set-based SQL (PostgreSQL).

Row by row through the ORM a million engagements take hours; ``INSERT ... SELECT
generate_series`` writes them in about a minute. Cities, users and staff go
through the services like every other door; only the bulk rows are SQL.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from simple_history.models import HistoricalRecords

from cities.choices import StaffRole
from cities.models import City, ParticipatingCity, SdgTarget
from cities.services import participating_city_create, staff_member_create
from engagements.models import Engagement, Topic

# The two largest cities hold a tenth of the engagements each, as Los Angeles and
# New York City do in a large installation; the others share the rest.
CITIES = [
    ("Los Angeles", "US"),
    ("New York City", "US"),
    ("Chicago", "US"),
    ("Houston", "US"),
    ("Toronto", "CA"),
    ("Mexico City", "MX"),
    ("Bogotá", "CO"),
    ("São Paulo", "BR"),
    ("Madrid", "ES"),
    ("Barcelona", "ES"),
    ("Paris", "FR"),
    ("Berlin", "DE"),
    ("Nairobi", "KE"),
    ("Seoul", "KR"),
    ("Tokyo", "JP"),
    ("Sydney", "AU"),
    ("Mumbai", "IN"),
]
COUNTRIES = [
    "CN",
    "JP",
    "KR",
    "IN",
    "FR",
    "DE",
    "GB",
    "IT",
    "ES",
    "MX",
    "BR",
    "AR",
    "CO",
    "CL",
    "PE",
    "CA",
    "AU",
    "NZ",
    "ZA",
    "NG",
    "KE",
    "EG",
    "MA",
    "TR",
    "IL",
    "AE",
    "SA",
    "SG",
    "ID",
    "PH",
    "VN",
    "TH",
    "MY",
    "NL",
    "BE",
    "SE",
    "NO",
    "DK",
    "PL",
    "UA",
]
WORDS = [
    "harbour",
    "climate",
    "trade",
    "students",
    "resilience",
    "culture",
    "ports",
    "investment",
    "health",
    "tourism",
    "migration",
    "technology",
    "water",
    "energy",
]
SLUG_PREFIX = "bench-"


@dataclass
class Installation:
    cities: list[ParticipatingCity]
    editors: dict[int, object] = field(default_factory=dict)  # city id -> user
    viewers: dict[int, object] = field(default_factory=dict)
    site_admin: object = None

    @property
    def largest(self) -> ParticipatingCity:
        return self.cities[0]


def _city_index(n: str, cities: int) -> str:
    """SQL for the 1-based city of row ``n``: 10 % each to the first two, the rest even."""
    if cities < 3:
        return f"1 + ({n} %% {cities})"
    return (
        f"CASE WHEN {n} %% 1000 < 100 THEN 1 WHEN {n} %% 1000 < 200 THEN 2"
        f" ELSE 3 + (({n} %% 1000 - 200) %% {cities - 2}) END"
    )


def installation(cities: int) -> Installation:
    """The benchmark's cities, their editors and viewers, and a site admin (idempotent)."""
    User = get_user_model()
    chosen = []
    for index, (name, country) in enumerate(CITIES[:cities]):
        slug = f"{SLUG_PREFIX}{index:02d}"
        existing = ParticipatingCity.objects.filter(slug=slug).select_related("city").first()
        if existing is None:
            city = City.objects.create(name=name, country=country, region="Benchmark")
            existing = participating_city_create(city=city, slug=slug)
        chosen.append(existing)
    found = Installation(cities=chosen)
    for city in chosen:
        for role, store in ((StaffRole.EDITOR, found.editors), (StaffRole.VIEWER, found.viewers)):
            username = f"{city.slug}-{role}"
            user, created = User.objects.get_or_create(username=username)
            if created:
                staff_member_create(user=user, city=city, role=role)
            store[city.pk] = user
    found.site_admin, created = User.objects.get_or_create(
        username="bench-site-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    return found


def seeded_count(found: Installation) -> int:
    """The seeded engagements: the rows a benchmark's import added have an import key
    and are left out, so the next run reuses the installation."""
    return Engagement.objects.filter(city__in=found.cities, import_key__isnull=True).count()


def imports_forget(found: Installation) -> int:
    """Delete the engagements earlier runs' imports added (with their links and history),
    so every run measures the installation as seeded; returns how many.

    Left in, each run would add 10,000 engagements to the largest city's last
    two years, and the next run's pages and refreshes would read a larger city.
    By SQL, table by table: a delete through the ORM writes a history entry
    and sends signals per engagement (8 ms each).
    """
    imported = Engagement.objects.filter(city__in=found.cities, import_key__isnull=False)
    ids = list(imported.values_list("pk", flat=True))
    if not ids:
        return 0
    history = Engagement.history.model
    with transaction.atomic():
        history_ids = history.objects.filter(id__in=ids).values("history_id")
        for field in Engagement._meta.many_to_many:
            kept = HistoricalRecords.m2m_models.get(field)
            if kept is not None:
                _delete(kept.objects.filter(history__in=history_ids))
        _delete(history.objects.filter(id__in=ids))
        # What refers to an imported engagement: its links, its import key (an
        # import row has no follow-ups or delegation, but any would go too).
        for relation in Engagement._meta.related_objects:
            if relation.on_delete is models.CASCADE:
                rows = relation.related_model._base_manager.filter(
                    **{f"{relation.field.name}__in": ids}
                )
                _delete(rows)
        for field in Engagement._meta.many_to_many:
            through = field.remote_field.through
            _delete(through.objects.filter(**{f"{field.m2m_field_name()}__in": ids}))
        _delete(Engagement.objects.filter(pk__in=ids))
    return len(ids)


def _delete(queryset) -> None:
    queryset._raw_delete(queryset.db)


def foreign_engagements(found: Installation) -> bool:
    """Whether the database holds engagements of cities that are not the benchmark's."""
    return Engagement.objects.exclude(city__in=found.cities).exists()


@transaction.atomic
def seed(
    found: Installation, *, engagements: int, partners: int, years: int, today: datetime.date
) -> float:
    """Replace the benchmark cities' rows with ``engagements`` new ones; returns seconds."""
    started = time.perf_counter()
    ids = [city.pk for city in found.cities]
    owners = [found.editors[pk].pk for pk in ids]
    ncities = len(ids)
    topics = list(Topic.objects.values_list("pk", flat=True)) or [None]
    targets = list(SdgTarget.objects.values_list("pk", flat=True)[:169]) or [None]
    partners_through = Engagement.partners.through._meta
    topics_through = Engagement.topics.through._meta
    targets_through = Engagement.sdg_targets.through._meta
    params = {
        "ids": ids,
        "owners": owners,
        "words": WORDS,
        "countries": COUNTRIES,
        "rows": engagements,
        "partners": max(partners, ncities),
        "days": 365 * years,
        "today": today,
        "topics": topics,
        "targets": targets,
    }
    with connection.cursor() as cursor:
        # The benchmark owns its database (the command refuses one holding other
        # cities' engagements): TRUNCATE clears every linked row at once, where the
        # ORM's collector would load each row and its history first.
        cursor.execute(
            "TRUNCATE engagements_engagement, cities_partner, engagements_cityreport CASCADE"
        )
        cursor.execute(
            f"""
            INSERT INTO cities_partner
                (city_id, kind, name, country, website, notes, sensitivity_note,
                 created_at, updated_at)
            SELECT (%(ids)s::bigint[])[{_city_index("n", ncities)}],
                   (ARRAY['business','academic','civil_society','diplomatic_mission'])[1 + n %% 4],
                   'Partner ' || n || ' for ' || (%(words)s::text[])[1 + n %% 14],
                   (%(countries)s::text[])[1 + (n * 7) %% 40],
                   '', '', '', now(), now()
            FROM generate_series(1, %(partners)s) AS n
            """,
            params,
        )
        cursor.execute(
            f"""
            INSERT INTO engagements_engagement
                (city_id, owner_id, kind, title, start_date, end_date, location, status,
                 summary, outcomes, investment_usd, jobs_announced, is_public,
                 created_at, updated_at)
            SELECT (%(ids)s::bigint[])[ci], (%(owners)s::bigint[])[ci],
                (ARRAY['meeting','inbound_delegation','outbound_mission','conference',
                       'virtual_meeting','agreement','hosted_event','consular_training',
                       'trade_mission'])[1 + n %% 9],
                'Engagement ' || n || ' on ' || (%(words)s::text[])[1 + n %% 14],
                %(today)s::date - ((n::bigint * 7919) %% %(days)s)::int,
                NULL, 'City Hall',
                CASE WHEN (n::bigint * 7919) %% %(days)s < 60
                     THEN (ARRAY['planned','confirmed'])[1 + n %% 2]
                     ELSE (ARRAY['completed','completed','completed','cancelled'])[1 + (n / 9) %% 4]
                END,
                'Talks about ' || (%(words)s::text[])[1 + (n / 14) %% 14] || ' and '
                    || (%(words)s::text[])[1 + (n / 196) %% 14],
                '',
                CASE WHEN n %% 20 = 0 THEN (n %% 1000) * 1000 END,
                CASE WHEN n %% 25 = 0 THEN n %% 300 END,
                n %% 3 = 0, now(), now()
            FROM (SELECT n, {_city_index("n", ncities)} AS ci
                  FROM generate_series(1, %(rows)s) AS n) AS numbered
            """,
            params,
        )
        # Each engagement meets one partner of its own city.
        cursor.execute(
            f"""
            WITH ranked AS (
                SELECT id, city_id,
                       row_number() OVER (PARTITION BY city_id ORDER BY id) - 1 AS rank,
                       count(*) OVER (PARTITION BY city_id) AS size
                FROM cities_partner WHERE city_id = ANY(%(ids)s)
            )
            INSERT INTO {partners_through.db_table}
                ({partners_through.get_field("engagement").column},
                 {partners_through.get_field("partner").column})
            SELECT e.id, ranked.id
            FROM engagements_engagement e
            JOIN ranked ON ranked.city_id = e.city_id AND ranked.rank = (e.id * 31) %% ranked.size
            WHERE e.city_id = ANY(%(ids)s)
            """,
            params,
        )
        if topics[0] is not None:
            cursor.execute(
                f"""
                INSERT INTO {topics_through.db_table}
                    ({topics_through.get_field("engagement").column},
                     {topics_through.get_field("topic").column})
                SELECT id, (%(topics)s::bigint[])[1 + id %% cardinality(%(topics)s::bigint[])]
                FROM engagements_engagement WHERE city_id = ANY(%(ids)s)
                """,
                params,
            )
        if targets[0] is not None:
            cursor.execute(
                f"""
                INSERT INTO {targets_through.db_table}
                    ({targets_through.get_field("engagement").column},
                     {targets_through.get_field("sdgtarget").column})
                SELECT id, (%(targets)s::bigint[])[1 + id %% cardinality(%(targets)s::bigint[])]
                FROM engagements_engagement WHERE city_id = ANY(%(ids)s) AND id %% 3 = 0
                """,
                params,
            )
        cursor.execute(
            """
            INSERT INTO engagements_delegation
                (engagement_id, direction, protocol_level, interpreters_needed,
                 interpreter_notes, press_needed, photographer_needed, press_notes,
                 security_needed, security_notes, notes)
            SELECT id, CASE WHEN kind = 'outbound_mission' THEN 'outbound' ELSE 'inbound' END,
                   'senior_official', id %% 4 = 0, '', false, false, '', false, '', ''
            FROM engagements_engagement WHERE city_id = ANY(%(ids)s) AND id %% 10 = 0
            """,
            params,
        )
        cursor.execute(
            """
            INSERT INTO engagements_followup
                (engagement_id, city_id, description, owner_id, due_date, status, completed_at,
                 created_at)
            SELECT id, city_id, 'Send the thank-you letter', owner_id, start_date + 14,
                   CASE WHEN id %% 2 = 0 THEN 'done' ELSE 'open' END,
                   CASE WHEN id %% 2 = 0 THEN now() END, now()
            FROM engagements_engagement WHERE city_id = ANY(%(ids)s) AND id %% 10 IN (1, 4, 7)
            """,
            params,
        )
    return time.perf_counter() - started


def analyze() -> None:
    """Do what autovacuum does soon after a bulk load: statistics and the visibility map.

    Without statistics (autovacuum off, as on the development machine) the
    planner guesses, and reads a link table whole where its index finds 50
    rows (a month's topics: 230 ms instead of 8); without the visibility map an
    index-only scan still reads every row it finds. Run outside a transaction.
    """
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
