"""Dormancy is derived from engagements now: a tie stored as dormant is in force."""

from django.db import migrations


def dormant_ties_are_active(apps, schema_editor):
    # Dormancy is derived from engagements now; a tie stored as dormant is in force.
    apps.get_model("cities", "SisterCityTie").objects.filter(status="dormant").update(
        status="active"
    )
    apps.get_model("cities", "HistoricalSisterCityTie").objects.filter(status="dormant").update(
        status="active"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0003_calendar_feeds"),
    ]

    operations = [
        migrations.RunPython(dormant_ties_are_active, migrations.RunPython.noop),
    ]
