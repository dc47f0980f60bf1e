"""Load the 17 SDG goals, 169 targets and the indicators into every database."""

from django.db import migrations


def load(apps, schema_editor):
    from cities import sdg_data

    Goal = apps.get_model("cities", "SdgGoal")
    Target = apps.get_model("cities", "SdgTarget")
    Indicator = apps.get_model("cities", "SdgIndicator")
    for number, short, title, colour in sdg_data.goals():
        Goal.objects.update_or_create(
            number=number, defaults={"short": short, "title": title, "color": colour}
        )
    for position, (code, title) in enumerate(sdg_data.targets(), start=1):
        Target.objects.update_or_create(
            code=code,
            defaults={"goal_id": int(code.split(".")[0]), "title": title, "position": position},
        )
    target_ids = dict(Target.objects.values_list("code", "id"))
    for position, (code, title) in enumerate(sdg_data.indicators(), start=1):
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "target_id": target_ids[code.rsplit(".", 1)[0]],
                "title": title,
                "position": position,
            },
        )


def unload(apps, schema_editor):
    for name in ("SdgIndicator", "SdgTarget", "SdgGoal"):
        apps.get_model("cities", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
