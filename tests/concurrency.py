"""Races through the real views, shared by the PostgreSQL tests and the SQLite script.

Each race logs its members in first (one at a time), then lets every thread go at once
through a barrier, each with its own ``Client`` (and so its own database connection), and
reports what every request answered and what the database holds afterwards.
"""

import threading
from collections import Counter
from datetime import datetime, time, timedelta

from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone

from communities.models import Group
from events.models import EVENT_TZ, Event, Rsvp

from .events.factories import EventFactory
from .factories import UserFactory


def _at_once(calls) -> list:
    """Run the callables in threads released together; their results (or exceptions)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(30)
            results[index] = call()
        except Exception as error:  # reported by the caller, not lost in the thread
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def _logged_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def rsvp_race(members: int = 50) -> dict:
    """``members`` members press "I'm going" at once for an event with one place."""
    event = EventFactory(capacity=1)
    occurrence = event.occurrences.get()
    clients = [_logged_in(UserFactory()) for _ in range(members)]
    url = f"/events/{event.slug}/rsvp/"
    responses = _at_once([lambda c=c: c.post(url, {"occurrence": occurrence.pk}) for c in clients])
    statuses = Counter(getattr(r, "status_code", repr(r)) for r in responses)
    replies = Counter(Rsvp.objects.filter(occurrence=occurrence).values_list("status", flat=True))
    occurrence.refresh_from_db()
    return {
        "statuses": dict(statuses),
        "going": replies["going"],
        "waiting": replies["waiting"],
        "going_count": occurrence.going_count,
    }


def _local(value) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def _event_post(n: int) -> dict:
    day = timezone.localdate() + timedelta(days=5)
    start = datetime.combine(day, time(10), tzinfo=EVENT_TZ)
    return {
        "title": f"Clothes swap {n}",
        "description": "Bring clothes you don't wear; take some you will.",
        "tags": "swap, clothes",
        "starts_at": _local(start),
        "ends_at": _local(start + timedelta(hours=3)),
        "attendance_mode": "in_person",
        "venue_name": "St Peter's Hall",
        "address": "12 Oxford Road",
        "postcode": "M1 1AD",
        "price": "0",
    }


def _group_post(n: int) -> dict:
    return {
        "name": f"Leith Repair Café {n}",
        "kind": "community_group",
        "description": "We fix things together.",
        "tags": "repair, zero waste",
        "area_type": "place",
        "postcode": "EH6 6QU",
        "radius_km": "3.0",
        "place_name": "Leith",
    }


def submission_race() -> dict:
    """Two members submit an event and two others a group, all at the same moment."""
    clients = [_logged_in(UserFactory()) for _ in range(4)]
    responses = _at_once(
        [
            lambda: clients[0].post("/events/new/", _event_post(1)),
            lambda: clients[1].post("/events/new/", _event_post(2)),
            lambda: clients[2].post("/communities/new/", _group_post(1)),
            lambda: clients[3].post("/communities/new/", _group_post(2)),
        ]
    )
    return {
        "statuses": [getattr(r, "status_code", repr(r)) for r in responses],
        "events": Event.objects.filter(title__startswith="Clothes swap").count(),
        "groups": Group.objects.filter(name__startswith="Leith Repair").count(),
    }
