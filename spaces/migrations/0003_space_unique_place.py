import re
import unicodedata

from django.db import migrations, models

_NAME_NOISE = re.compile(r"\b(the|and)\b|[^a-z0-9 ]")


def name_key(name):
    # A frozen copy of spaces.models.name_key, as it was when this migration was written.
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("saint ", "st ")
    return " ".join(_NAME_NOISE.sub(" ", text).split())[:200]


def fill_name_keys(apps, schema_editor):
    # Spaces listed before duplicate detection get their key before the constraint lands.
    Space = apps.get_model("spaces", "Space")
    for space in Space.objects.only("pk", "name"):
        Space.objects.filter(pk=space.pk).update(name_key=name_key(space.name))


class Migration(migrations.Migration):
    dependencies = [
        ("spaces", "0002_space_details_status_pledges"),
    ]

    operations = [
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="space",
            constraint=models.UniqueConstraint(
                condition=models.Q(("moderation_status", "rejected"), _negated=True),
                fields=("name_key", "postcode"),
                name="space_unique_place",
            ),
        ),
    ]
