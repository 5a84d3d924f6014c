"""Events that were on the site before the feeds are put into them by ``migrate``, with
no ``manage.py stamp_feeds`` by hand (migration ``opendata/0003``)."""

import importlib

from django.apps import apps
from django.urls import reverse

from opendata.models import FeedStamp
from tests.events.factories import EventFactory

stamp_existing = importlib.import_module(
    "opendata.migrations.0003_stamp_existing_events"
).stamp_existing


def test_events_from_before_the_feeds_are_published_after_migrate(client, walking):
    # Made without running what waits for the commit: no stamps, as on a site that had
    # events before the opendata app.
    walk = EventFactory(title="Canal walk", recurrence="weekly", tags=["walking"])
    assert not FeedStamp.objects.exists()
    assert client.get(reverse("opendata:feed-session-series")).json()["items"] == []

    stamp_existing(apps, None)

    [item] = client.get(reverse("opendata:feed-session-series")).json()["items"]
    assert (item["id"], item["state"], item["data"]["name"]) == (walk.pk, "updated", "Canal walk")
    sessions = client.get(reverse("opendata:feed-scheduled-sessions")).json()["items"]
    assert {s["id"] for s in sessions} == set(walk.occurrences.values_list("pk", flat=True))


def test_items_already_in_the_feeds_keep_their_stamps(walking, stamped):
    walk = stamped(lambda: EventFactory(recurrence="weekly", tags=["walking"]))
    before = set(FeedStamp.objects.values_list("kind", "item_id", "modified"))
    count = FeedStamp.objects.count()

    stamp_existing(apps, None)

    assert FeedStamp.objects.count() == count
    assert set(FeedStamp.objects.values_list("kind", "item_id", "modified")) == before
    assert ("SessionSeries", walk.pk) in {(kind, pk) for kind, pk, _modified in before}
