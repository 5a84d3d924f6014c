"""Put every event and date that existed before the feeds into them.

The signals stamp what changes from now on; what was there before the app was installed
(or before its migrations ran) has no stamp and so would never be in the feeds. This used
to need ``manage.py stamp_feeds`` by hand; ``migrate`` now does it once. Written against
the historical models (a migration must not import app code): the same rows
``opendata.services.stamps.stamps_backfill`` writes, with one ``modified`` for all.
"""

import time

from django.db import migrations

BATCH = 5000


def _stamp_missing(FeedStamp, kind, ids, modified):
    have = set(FeedStamp.objects.filter(kind=kind).values_list("item_id", flat=True))
    missing = sorted(set(ids) - have)
    FeedStamp.objects.bulk_create(
        [FeedStamp(kind=kind, item_id=pk, modified=modified) for pk in missing],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def stamp_existing(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Occurrence = apps.get_model("events", "Occurrence")
    FeedStamp = apps.get_model("opendata", "FeedStamp")
    # RPDE "modified": microseconds since the epoch, as opendata.services.stamps writes.
    modified = time.time_ns() // 1000
    _stamp_missing(
        FeedStamp, "SessionSeries", Event.objects.values_list("pk", flat=True), modified
    )
    _stamp_missing(
        FeedStamp, "ScheduledSession", Occurrence.objects.values_list("pk", flat=True), modified
    )


class Migration(migrations.Migration):
    dependencies = [
        ("opendata", "0002_seed_activity_mappings"),
        ("events", "0005_outbox_history"),
    ]

    operations = [migrations.RunPython(stamp_existing, migrations.RunPython.noop)]
