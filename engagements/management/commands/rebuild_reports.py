"""Rebuild the stored reports by hand, with a progress bar.

python manage.py rebuild_reports              # every participating city
python manage.py rebuild_reports --city los-angeles
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from cities.models import ParticipatingCity
from engagements.reporting.compute import rebuild_periods, reports_rebuild


class Command(BaseCommand):
    help = "Rebuild every month, quarter and year report of one or all participating cities."

    def add_arguments(self, parser):
        parser.add_argument("--city", help="The slug of one participating city (default: all).")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, city=None, no_progress=False, **options):
        cities = ParticipatingCity.objects.select_related("city").order_by("slug")
        if city:
            cities = cities.filter(slug=city)
            if not cities:
                raise CommandError(f"No participating city with the slug {city!r}.")
        today = timezone.localdate()
        city_ids = [each.pk for each in cities]
        # Every city in one pass by sets; the bar advances as the reports are written.
        periods = rebuild_periods(city_ids, today)
        total = sum(len(each) for each in periods.values())
        with tqdm(total=total, unit="report", disable=no_progress, file=self.stderr._out) as bar:
            reports_rebuild(today=today, periods=periods, on_progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Rebuilt {total} reports for {len(city_ids)} participating "
                f"{'city' if len(city_ids) == 1 else 'cities'}."
            )
        )
