"""Follow-ups carry their engagement's city, so a city's open follow-ups by due
date are one index range (the dashboard's overdue list and counts)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_engagement_city(apps, schema_editor):
    FollowUp = apps.get_model("engagements", "FollowUp")
    HistoricalFollowUp = apps.get_model("engagements", "HistoricalFollowUp")
    Engagement = apps.get_model("engagements", "Engagement")
    city = Subquery(Engagement.objects.filter(pk=OuterRef("engagement_id")).values("city_id")[:1])
    FollowUp.objects.update(city_id=city)
    # History rows whose engagement is gone keep no city (their column is nullable).
    HistoricalFollowUp.objects.update(city_id=city)
    # Follow-ups waiting in a city's trash come back with the new column: a trash
    # entry holds one city's records, so theirs is the entry's city.
    TrashEntry = apps.get_model("cities", "TrashEntry")
    for entry in TrashEntry.objects.iterator():
        changed = False
        for record in entry.records:
            if record.get("model") == "engagements.followup":
                record.setdefault("fields", {})["city"] = entry.city_id
                changed = True
        if changed:
            entry.save(update_fields=["records"])


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0015_user_preference"),
        ("engagements", "0011_model_names_translated"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="city",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="cities.participatingcity",
                verbose_name="city",
            ),
        ),
        migrations.AddField(
            model_name="historicalfollowup",
            name="city",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cities.participatingcity",
                verbose_name="city",
            ),
        ),
        migrations.RunPython(copy_engagement_city, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="followup",
            name="city",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="cities.participatingcity",
                verbose_name="city",
            ),
        ),
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                condition=models.Q(("status", "open")),
                fields=["city", "due_date", "id"],
                name="followup_open_city_due",
            ),
        ),
    ]
