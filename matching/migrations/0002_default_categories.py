"""The help kinds and skill topics the service started with; staff add more in admin."""

from django.db import migrations

KINDS = [
    ("Collecting food and shopping", "shopping", True, 10),
    ("Collecting medication", "medication", True, 20),
    ("A friendly chat by phone", "phone-chat", False, 30),
]
TOPICS = [
    ("Mental wellbeing", "mental-wellbeing", 10),
    ("Getting fit", "getting-fit", 20),
    ("Cooking", "cooking", 30),
    ("Home schooling", "home-schooling", 40),
    ("Getting online", "getting-online", 50),
]


def add(apps, schema_editor):
    HelpKind = apps.get_model("matching", "HelpKind")
    SkillTopic = apps.get_model("matching", "SkillTopic")
    for name, slug, proximity, position in KINDS:
        HelpKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "needs_proximity": proximity, "position": position}
        )
    for name, slug, position in TOPICS:
        SkillTopic.objects.get_or_create(
            slug=slug, defaults={"name": name, "needs_proximity": False, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
