"""``manage.py evaluate_sdg_suggestions``: how well the SDG suggestions match a specialist.

Ranks every engagement of the labelled set (cities/data/sdg_labelled_engagements.csv)
and prints top-5 goal recall and top-10 target recall.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from cities.sdg_suggestions import (
    GOALS_CUTOFF,
    LABELLED_FILE,
    TARGETS_CUTOFF,
    evaluate,
    labelled_engagements,
)


class Command(BaseCommand):
    help = "Print the recall of SDG suggestions on the labelled engagement descriptions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, default=LABELLED_FILE, help="A labelled set in the same format."
        )

    def handle(self, *args, **options):
        items = labelled_engagements(options["file"])
        result = evaluate(items)
        self.stdout.write(f"Labelled engagements: {result.engagements}")
        self.stdout.write(f"Top-{GOALS_CUTOFF} goal recall: {result.goal_recall:.3f}")
        self.stdout.write(f"Top-{TARGETS_CUTOFF} target recall: {result.target_recall:.3f}")
