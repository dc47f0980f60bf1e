"""Measure a city's public page and open data on PostgreSQL with many engagements.

Seeds ``--rows`` engagements for one participating city that publishes (a
quarter of them marked public, a quarter of those completed), then times, with
a cold cache: the public page, the first JSON page, a JSON page ``--depth``
public engagements deep (by its keyset cursor), and the whole CSV streamed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dd_wt14a \\
        python benchmarks/public_open_data.py --rows 1000000

A script, not a test: it writes into the database it is given (``--cleanup``
deletes the rows afterwards). It refuses to run on SQLite.
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

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from cities.models import City, ParticipatingCity  # noqa: E402
from cities.pagination import encode_cursor  # noqa: E402
from transparency.models import PublicProfile  # noqa: E402
from transparency.publication import ENGAGEMENT_ORDERING, public_engagements  # noqa: E402

SLUG = "bench-public"
SEED_SQL = """
INSERT INTO engagements_engagement
    (city_id, kind, title, start_date, end_date, location, status, summary, outcomes,
     is_public, created_at, updated_at)
SELECT
    %(city)s,
    (ARRAY['meeting','inbound_delegation','outbound_mission','conference','virtual_meeting',
           'agreement','hosted_event','consular_training','trade_mission'])[1 + (n %% 9)],
    'Engagement ' || n,
    DATE '2000-01-01' + ((n::bigint * 7919) %% 9500)::int,
    NULL,
    'City Hall',
    (ARRAY['planned','confirmed','completed','cancelled'])[1 + ((n / 4) %% 4)],
    'Talks number ' || n,
    '',
    n %% 4 = 0,
    now(), now()
FROM generate_series(1, %(rows)s) AS n
"""


def bench_city() -> ParticipatingCity:
    city, _ = City.objects.get_or_create(name="Bench Public", country="US")
    participating, _ = ParticipatingCity.objects.get_or_create(city=city, defaults={"slug": SLUG})
    PublicProfile.objects.update_or_create(city=participating, defaults={"is_published": True})
    return participating


def seed(rows: int, city) -> None:
    if city.engagements.count() >= rows:
        print(f"reusing {rows:,} seeded engagements")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM engagements_engagement WHERE city_id = %s", [city.pk])
        cursor.execute(SEED_SQL, {"city": city.pk, "rows": rows})
        cursor.execute("ANALYZE engagements_engagement")
    print(f"seeded {rows:,} engagements in {time.perf_counter() - started:.1f} s")


def cold(fn, repeat=5) -> float:
    """Median wall time in ms, the cache emptied before each call."""
    samples = []
    for _ in range(repeat):
        cache.clear()
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--depth", type=int, default=50_000, help="public rows skipped")
    parser.add_argument("--cleanup", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this on PostgreSQL (DATABASE_URL=postgres://…).")
    city = bench_city()
    seed(args.rows, city)
    public = public_engagements(city).order_by(*ENGAGEMENT_ORDERING)
    total = public.count()
    depth = min(args.depth, total - 1)
    row = public.values_list("start_date", "pk")[depth]
    cursor = encode_cursor(list(row))
    client = Client()
    base = f"/public/{SLUG}"
    print(f"{total:,} public completed engagements of {args.rows:,}")
    print(f"public page, first page:        {cold(lambda: client.get(f'{base}/')):8.1f} ms")
    first = f"{base}/engagements.json"
    print(f"engagements.json, first page:   {cold(lambda: client.get(first)):8.1f} ms")
    deep = f"{base}/engagements.json?after={cursor}"
    print(f"engagements.json, {depth:,} deep: {cold(lambda: client.get(deep)):8.1f} ms")
    plan = public.filter(start_date__lte=row[0]).only("pk")[:500].explain(analyze=True)
    print("keyset plan uses:", ", ".join(sorted(set(re.findall(r"using (\w+)", plan)))))

    started = time.perf_counter()
    lines = sum(
        chunk.count(b"\n") for chunk in client.get(f"{base}/engagements.csv").streaming_content
    )
    elapsed = time.perf_counter() - started
    print(f"engagements.csv: {lines - 1:,} rows streamed in {elapsed:.1f} s")
    if args.cleanup:
        with connection.cursor() as cursor_:
            cursor_.execute("DELETE FROM engagements_engagement WHERE city_id = %s", [city.pk])
        print("benchmark rows deleted")


if __name__ == "__main__":
    main()
