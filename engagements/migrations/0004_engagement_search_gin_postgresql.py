"""A GIN index for the engagement list's full-text search, on PostgreSQL only.

The indexed expression is exactly what ``engagements.models.engagements.
search_document()`` compiles to, so ``EngagementQuerySet.search`` is answered
from the index. SQLite has no tsvector; there the search is a substring match
and this migration does nothing.
"""

from django.db import migrations

INDEX = "engagement_search_gin"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON engagements_engagement USING gin "
    "(to_tsvector('english'::regconfig, "
    "COALESCE(title, '') || ' ' || COALESCE(summary, '')))"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0003_report_refresh_and_job"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
