"""Engagements store their search vector (a generated column) and PostgreSQL
indexes it with the city, replacing 0004's expression index: the planner keeps
statistics on a stored column, so a common word is tested row by row along the
list's own order, and a rare one is read from the city's slice of the index."""

import django.contrib.postgres.search
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations, models

import engagements.models.engagements

INDEX = "engagement_city_search"
OLD_INDEX = "engagement_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON engagements_engagement "
            "USING gin (city_id, search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON engagements_engagement USING gin "
            "(to_tsvector('english'::regconfig, "
            "COALESCE(title, '') || ' ' || COALESCE(summary, '')))"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0012_followup_city"),
    ]

    operations = [
        # btree_gin lets one GIN index hold the city beside the words.
        BtreeGinExtension(),
        migrations.AddField(
            model_name="engagement",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=engagements.models.engagements.SearchDocument(),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
