"""Two members taking the last place at once, in two real transactions on PostgreSQL."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from events.models import Occurrence, Rsvp
from events.services import rsvp_create
from tests.factories import UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks (SELECT … FOR UPDATE) need PostgreSQL; SQLite serialises writes")


def _in_thread(target, results, key):
    def run():
        try:
            results[key] = target()
        except Exception as error:  # reported by the test, not lost in the thread
            results[key] = error
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_the_second_member_waits_for_the_first_and_joins_the_waiting_list():
    event = EventFactory(capacity=1)
    date = event.occurrences.get()
    first, second = UserFactory(), UserFactory()
    results: dict = {}
    first_has_place = threading.Event()
    let_first_commit = threading.Event()

    def first_member():
        with transaction.atomic():
            rsvp = rsvp_create(occurrence=date, user=first)
            first_has_place.set()
            # Hold the transaction open: the place is taken but not yet committed.
            let_first_commit.wait(10)
            return rsvp.status

    def second_member():
        return rsvp_create(occurrence=date, user=second).status

    one = _in_thread(first_member, results, "first")
    assert first_has_place.wait(10)
    two = _in_thread(second_member, results, "second")
    # The second member is blocked on the date's row lock, not counting places.
    two.join(1.0)
    assert two.is_alive(), "the second RSVP did not wait for the first transaction"
    let_first_commit.set()
    one.join(10)
    two.join(10)
    assert results == {"first": "going", "second": "waiting"}
    assert Occurrence.objects.get(pk=date.pk).going_count == 1


def test_many_members_racing_for_few_places_never_overfill_it():
    event = EventFactory(capacity=3)
    date = event.occurrences.get()
    people = [UserFactory() for _ in range(8)]
    start = threading.Barrier(len(people))
    results: dict = {}

    def reply(person):
        def go():
            start.wait(10)
            return rsvp_create(occurrence=date, user=person).status

        return go

    threads = [_in_thread(reply(p), results, p.pk) for p in people]
    for thread in threads:
        thread.join(20)
    statuses = sorted(results.values())
    assert statuses == ["going"] * 3 + ["waiting"] * 5, results
    assert Rsvp.objects.going().filter(occurrence=date).count() == 3
    assert Occurrence.objects.get(pk=date.pk).going_count == 3
