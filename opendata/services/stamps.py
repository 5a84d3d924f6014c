"""Change stamps of the OpenActive feeds (see ``FeedStamp``).

Every change to an event, its dates, its interests or the activity mapping stamps the
feed items it touches, after the transaction commits: a stamp is then always later than
the data it points at, so a harvester that has read past a stamp has seen that data.
"""

import time

from django.db import transaction
from django.db.models import Max

from events import selectors as events

from ..models import FeedKind, FeedStamp


def now_modified() -> int:
    """RPDE "modified": microseconds since the epoch."""
    return time.time_ns() // 1000


def stamp(kind: str, ids) -> int:
    """Record a change to items ``ids`` of feed ``kind`` now; returns how many."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    modified = now_modified()
    FeedStamp.objects.bulk_create(
        [FeedStamp(kind=kind, item_id=pk, modified=modified) for pk in ids],
        update_conflicts=True,
        unique_fields=["kind", "item_id"],
        update_fields=["modified"],
        batch_size=1000,
    )
    return len(ids)


def events_changed(event_ids, *, occurrence_ids=()) -> None:
    """Stamp these events and all their dates (and ``occurrence_ids`` of dates already
    deleted) once the current transaction commits."""
    event_ids = set(event_ids)
    gone = set(occurrence_ids)

    def run():
        stamp(FeedKind.SESSION_SERIES, event_ids)
        stamp(FeedKind.SCHEDULED_SESSION, gone | set(events.occurrence_ids_of_events(event_ids)))

    transaction.on_commit(run)


def tags_remapped(tags) -> None:
    """The activity of these tags changed: every event carrying one changes in the feed."""
    events_changed(events.event_ids_tagged(tags))


def new_dates_stamp() -> int:
    """Stamp dates added since the newest one stamped (the nightly extension of regular
    activities adds them without saving their event). Returns how many."""
    newest = (
        FeedStamp.objects.filter(kind=FeedKind.SCHEDULED_SESSION).aggregate(m=Max("item_id"))["m"]
        or 0
    )
    rows = events.occurrence_ids_after(newest)
    return stamp(FeedKind.SCHEDULED_SESSION, [pk for pk, _event_id in rows])


def stamps_backfill() -> int:
    """Stamp every event and date that has no stamp yet (run once when the feeds are
    switched on, and by the demo loader). Returns how many items were stamped."""
    count = 0
    for kind, ids in (
        (FeedKind.SESSION_SERIES, events.all_event_ids()),
        (FeedKind.SCHEDULED_SESSION, events.occurrence_ids_of_events(events.all_event_ids())),
    ):
        have = set(FeedStamp.objects.filter(kind=kind).values_list("item_id", flat=True))
        count += stamp(kind, set(ids) - have)
    return count
