"""Sensible first mappings from common site interests to the OpenActive Activity List;
staff extend them in the admin."""

from django.db import migrations

MAPPINGS = [
    ('walking', 'https://openactive.io/activity-list#95092977-5a20-4d6e-b312-8fddabe71544', 'Walking'),
    ('nordic walking', 'https://openactive.io/activity-list#c72e1713-25c1-4886-926a-4cd549bb4916', 'Nordic Walking'),
    ('running', 'https://openactive.io/activity-list#72ddb2dc-7d75-424e-880a-d90eabe91381', 'Running'),
    ('jogging', 'https://openactive.io/activity-list#72ddb2dc-7d75-424e-880a-d90eabe91381', 'Running'),
    ('yoga', 'https://openactive.io/activity-list#bf1a5e00-cdcf-465d-8c5a-6f57040b7f7e', 'Yoga'),
    ('pilates', 'https://openactive.io/activity-list#3a6b1c08-7aa6-48d4-9690-dca9e0133057', 'Pilates'),
    ('tai chi', 'https://openactive.io/activity-list#c16df6ed-a4a0-4275-a8c3-1c8cff56856f', 'Tai Chi'),
    ('dance', 'https://openactive.io/activity-list#6ca15167-51da-4d91-a1ae-8a45dc47b0ea', 'Dance'),
    ('football', 'https://openactive.io/activity-list#0a5f732d-e806-4e51-ad40-0a7de0239c8c', 'Football'),
    ('netball', 'https://openactive.io/activity-list#fbdc35a8-3dd0-40ee-a7ca-6ff40b3e5f90', 'Netball'),
    ('badminton', 'https://openactive.io/activity-list#c0360db0-a817-4bae-9167-40f89b49fc9e', 'Badminton'),
    ('table tennis', 'https://openactive.io/activity-list#1a05993d-b206-4efe-85da-646fa340bdf4', 'Table Tennis'),
    ('tennis', 'https://openactive.io/activity-list#f2ea7405-6098-4378-b0fe-4e398a659fc4', 'Tennis'),
    ('bowls', 'https://openactive.io/activity-list#b885f4f6-2242-4d11-9466-065d60402624', 'Bowls'),
    ('cycling', 'https://openactive.io/activity-list#4a19873e-118e-43f4-b86e-05acba8fb1de', 'Cycling'),
    ('swimming', 'https://openactive.io/activity-list#2750229d-b725-4171-9276-376be913957c', 'Swimming'),
    ('boxing', 'https://openactive.io/activity-list#d4417bb3-383f-489b-b0c7-731b82f3b220', 'Boxing'),
    ('chair exercise', 'https://openactive.io/activity-list#ee3cf3ee-082e-4f53-9cb2-3ef0589497ed', 'Chair Based Exercise'),
    ('gardening', 'https://openactive.io/activity-list#5b880e93-4a16-4c37-86ac-ba2ffba68358', 'Gardening'),
]


def seed(apps, schema_editor):
    ActivityMapping = apps.get_model("opendata", "ActivityMapping")
    for tag, activity_id, label in MAPPINGS:
        ActivityMapping.objects.get_or_create(
            tag=tag, defaults={"activity_id": activity_id, "activity_label": label}
        )


class Migration(migrations.Migration):
    dependencies = [("opendata", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
