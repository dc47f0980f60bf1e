from django.db import migrations, models


class Migration(migrations.Migration):
    """A saved view's list is checked by its form, so a new list needs no migration."""

    dependencies = [
        ("cities", "0007_membership_constraint_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="savedview",
            name="list_name",
            field=models.CharField(max_length=40),
        ),
    ]
