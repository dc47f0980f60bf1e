"""Load the engagement topics (climate, trade, migration…) into every database."""

from django.db import migrations

TOPICS = [
    ("climate", "Climate"),
    ("trade", "Trade and investment"),
    ("tourism", "Tourism"),
    ("education", "Education and students"),
    ("migration", "Migration and inclusion"),
    ("public_safety", "Public safety"),
    ("health", "Health"),
    ("culture", "Culture"),
    ("technology", "Technology"),
    ("resilience", "Resilience"),
    ("other", "Other"),
]


def load(apps, schema_editor):
    Topic = apps.get_model("engagements", "Topic")
    for code, name in TOPICS:
        Topic.objects.update_or_create(code=code, defaults={"name": name})


def unload(apps, schema_editor):
    apps.get_model("engagements", "Topic").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("engagements", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
