"""Each event's next date, kept on the event (``Event.next_date``) for the listings.

A search without dates lists each event once, on its next date. Finding that date in the
search itself meant comparing every date of every event nearby with its siblings: most of
the database's time of a what's-on search (bench/README.md, session 7). Kept on the event,
the search joins each event to one date.

It is set wherever dates are written (``event_schedule_refresh``: creating, editing,
cancelling dates, the nightly extension, harvested events) and moved on by
``events.tasks.move_next_dates`` every minute once that date is over (and by the searches
themselves when no beat has for a minute, ``next_dates_move_when_due``). Between a date's
end and that task the kept date is over, and the listings' "not yet over" condition on
the date they show hides the event: a search never shows a past date, and an event is
missing from searches without dates for a minute at most after one of its dates ends.
"""

from datetime import datetime, timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from core.page_cache import listings_changed

from ..models import Event, Occurrence


def _coming(now: datetime):
    """The dates of the outer event not cancelled and not over at ``now``, next first."""
    return Occurrence.objects.filter(
        event=OuterRef("pk"), is_cancelled=False, ends_at__gte=now
    ).order_by("starts_at", "pk")


def event_next_date_set(*, event: Event, now: datetime | None = None) -> None:
    """Keep ``event``'s next date (and the instance's copy) after its dates changed.

    The next date is its first date not cancelled and not over at ``now`` (default now),
    by start then id, as the search's series grouping orders them; None when there is none.
    """
    now = now or timezone.now()
    found = (
        event.occurrences.filter(is_cancelled=False, ends_at__gte=now)
        .order_by("starts_at", "pk")
        .values_list("pk", "ends_at")
        .first()
    )
    event.next_date_id, event.next_date_ends_at = found or (None, None)
    Event.objects.filter(pk=event.pk).update(
        next_date_id=event.next_date_id, next_date_ends_at=event.next_date_ends_at
    )


def next_dates_move(*, now: datetime | None = None) -> int:
    """Move on the next date of every event whose kept next date is over at ``now``.

    Run every minute from the beat schedule; one UPDATE of only those events (the index
    on ``next_date_ends_at``). When it moved any, the anonymous page cache's events pages
    are made anew: a kept page showed those events on a date now over, or not at all.
    Returns how many events it moved.
    """
    now = now or timezone.now()
    moved = _refresh(Event.objects.filter(next_date_ends_at__lt=now), now)
    if moved:
        listings_changed("events")
    return moved


# A search moves the kept dates on itself when the task has not for a minute: with no beat
# running (the embedded default, ``make run``, or a beat that stopped), events would
# otherwise drop out of searches for good once one of their dates is over.
SELF_MOVE_EVERY = timedelta(minutes=1)
_self_move = {"due": None}


def next_dates_move_when_due(*, now: datetime | None = None) -> int:
    """``next_dates_move`` at most once a minute in this process, from the searches that
    rely on the kept dates. One indexed UPDATE that usually finds nothing."""
    now = now or timezone.now()
    due = _self_move["due"]
    if due is not None and now < due:
        return 0
    _self_move["due"] = now + SELF_MOVE_EVERY
    return next_dates_move(now=now)


def next_dates_fill(*, now: datetime | None = None) -> int:
    """Set every event's next date from its dates (a bench's or an import's bulk-made
    events; the data migration does the same). Returns how many events."""
    return _refresh(Event.objects.all(), now or timezone.now())


def _refresh(events, now: datetime) -> int:
    """Set the next date of ``events`` from their dates, in one UPDATE; how many."""
    coming = _coming(now)
    return events.update(
        next_date=Subquery(coming.values("pk")[:1]),
        next_date_ends_at=Subquery(coming.values("ends_at")[:1]),
    )
