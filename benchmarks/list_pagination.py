"""Measure the engagement list's pagination on PostgreSQL with many rows.

Seeds ``--rows`` engagements spread over ten participating cities (so one city
holds a tenth of them: 100,000 of 1,000,000), then times, for one city's list:
a deep page by OFFSET against the same page by cursor (keyset), the bounded
count against an exact COUNT, a filtered list and a full-text search.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dd_h3 \
        python benchmarks/list_pagination.py --rows 1000000

A script, not a test: it writes a million rows into the database it is given
(``--cleanup`` deletes them afterwards). It refuses to run on SQLite.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings.local")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from cities.models import City, ParticipatingCity  # noqa: E402
from cities.pagination import encode_cursor, paginate  # noqa: E402
from engagements.models import Engagement  # noqa: E402

CITIES = 10
PREFIX = "bench-city-"
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
SEED_SQL = """
INSERT INTO engagements_engagement
    (city_id, kind, title, start_date, end_date, location, status, summary, outcomes,
     created_at, updated_at)
SELECT
    (%(cities)s::bigint[])[1 + (n %% %(ncities)s)],
    (ARRAY['meeting','inbound_delegation','outbound_mission','conference','virtual_meeting',
           'agreement','hosted_event','consular_training','trade_mission'])[1 + (n %% 9)],
    'Engagement ' || n || ' on ' || (%(words)s::text[])[1 + (n %% 14)],
    DATE '2000-01-01' + ((n::bigint * 7919) %% 9500)::int,
    NULL,
    'City Hall',
    (ARRAY['planned','confirmed','completed','cancelled'])[1 + ((n / 9) %% 4)],
    'Talks about ' || (%(words)s::text[])[1 + ((n / 14) %% 14)] || ' and '
        || (%(words)s::text[])[1 + ((n / 196) %% 14)],
    '',
    now(), now()
FROM generate_series(1, %(rows)s) AS n
"""


def bench_cities():
    cities = []
    for i in range(CITIES):
        city, _ = City.objects.get_or_create(
            name=f"Bench City {i}", country="US", defaults={"region": "Benchmark"}
        )
        pc, _ = ParticipatingCity.objects.get_or_create(
            city=city, defaults={"slug": f"{PREFIX}{i}"}
        )
        cities.append(pc)
    return cities


def seed(rows: int, cities) -> None:
    existing = Engagement.objects.filter(city__in=cities).count()
    if existing >= rows:
        print(f"reusing {existing:,} seeded engagements")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Raw SQL: the ORM's cascade collector would load every row first.
        cursor.execute(
            "DELETE FROM engagements_engagement WHERE city_id = ANY(%s)", [[c.pk for c in cities]]
        )
        cursor.execute(
            SEED_SQL,
            {
                "cities": [c.pk for c in cities],
                "ncities": len(cities),
                "words": WORDS,
                "rows": rows,
            },
        )
        cursor.execute("ANALYZE engagements_engagement")
    print(f"seeded {rows:,} engagements in {time.perf_counter() - started:.1f} s")


def timed(fn, repeat=7) -> float:
    """Median wall time in ms (first call discarded: it warms the cache)."""
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def explain_ms(queryset) -> float:
    """The database's own execution time for a queryset (EXPLAIN ANALYZE)."""
    plan = queryset.explain(analyze=True)
    return float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--depth", type=int, default=50_000, help="rows skipped")
    parser.add_argument("--cleanup", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this on PostgreSQL (DATABASE_URL=postgres://…).")

    cities = bench_cities()
    seed(args.rows, cities)
    city = cities[0]
    listing = Engagement.objects.for_city(city)
    ordering = ["-start_date", "-pk"]
    per_page = 50
    total = listing.count()
    depth = min(args.depth, total - per_page)
    print(f"one city's list: {total:,} engagements; installation: {Engagement.objects.count():,}")

    ordered = listing.order_by("-start_date", "-pk")
    offset_qs = ordered[depth : depth + per_page + 1]
    boundary = ordered.values_list("start_date", "pk")[depth - 1]
    cursor = encode_cursor(list(boundary))
    keyset_params = QueryDict(mutable=True)
    keyset_params["after"] = cursor

    offset_rows = list(offset_qs)[:per_page]
    keyset_rows = list(paginate(listing, keyset_params, ordering=ordering, count=False))
    assert [e.pk for e in offset_rows] == [e.pk for e in keyset_rows], "pages differ"

    from django.db.models import F, Q

    keyset_qs = (
        listing.annotate(_key0=F("start_date"), _key1=F("pk"))
        .filter(Q(_key0__lt=boundary[0]) | Q(_key0=boundary[0], _key1__lt=boundary[1]))
        .filter(_key0__lte=boundary[0])  # the leading-key range paginate() adds
        .order_by(F("_key0").desc(), F("_key1").desc())[: per_page + 1]
    )
    results = {
        f"OFFSET {depth:,} (database)": explain_ms(offset_qs),
        f"keyset after row {depth:,} (database)": explain_ms(keyset_qs),
        f"OFFSET {depth:,} (wall, incl. ORM)": timed(lambda: list(offset_qs.all())),
        f"keyset after row {depth:,} (wall, paginate())": timed(
            lambda: list(paginate(listing, keyset_params, ordering=ordering, count=False))
        ),
        "first page + bounded count (wall, paginate())": timed(
            lambda: paginate(listing, QueryDict(), ordering=ordering).count
        ),
        "exact COUNT(*) of the city (wall)": timed(listing.count),
        "bounded count ≤ 1,001 (wall)": timed(lambda: listing.order_by()[:1001].count()),
        "filter kind=meeting, first page + count (wall)": timed(
            lambda: paginate(listing.filter(kind="meeting"), QueryDict(), ordering=ordering).count
        ),
        "search 'harbour', first page + count (wall)": timed(
            lambda: paginate(listing.search("harbour"), QueryDict(), ordering=ordering).count
        ),
        "search 'engagement 4242' (rare), page + count (wall)": timed(
            lambda: (
                paginate(listing.search("engagement 4242"), QueryDict(), ordering=ordering).count
            )
        ),
    }
    width = max(len(name) for name in results)
    for name, ms in results.items():
        print(f"{name:<{width}}  {ms:9.2f} ms")

    if args.cleanup:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM engagements_engagement WHERE city_id = ANY(%s)",
                [[c.pk for c in cities]],
            )
        print("removed the benchmark rows")


if __name__ == "__main__":
    main()
