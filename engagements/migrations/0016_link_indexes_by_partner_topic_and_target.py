"""Each engagement link table indexed from its other side, covering both columns.

A filter by partner country, topic or SDG target finds the links of a few
partners (topics, targets) and wants their engagements: with (partner_id,
engagement_id) that is an index-only scan, where the single-column index on
partner_id alone was priced above a scan of every link (1,000,000 links:
161 ms against 13.5 ms). The link tables are Django's own, so the indexes are
SQL; the single-column ones Django made stay (they back the foreign keys).
"""

from django.db import migrations

LINKS = [
    ("engagements_engagement_partners", "partner_id", "engagement_link_by_partner"),
    ("engagements_engagement_topics", "topic_id", "engagement_link_by_topic"),
    ("engagements_engagement_sdg_targets", "sdgtarget_id", "engagement_link_by_target"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0015_engagement_date_index_for_site_admin_list"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column}, engagement_id)",
            f"DROP INDEX IF EXISTS {name}",
        )
        for table, column, name in LINKS
    ]
