"""An event's next date, kept on the event (``Event.next_date``): the date a search without
dates lists. It follows every change to the dates, and time (the every-minute task)."""

from datetime import timedelta

import time_machine
from django.conf import settings

from coopcentre.celery import app as celery_app
from events.models import Event
from events.services import event_update, rsvp_create
from events.services.next_dates import next_dates_move_when_due
from events.tasks import move_next_dates

from .factories import EventFactory, soon
from .test_event_list import search, titles


def next_date_of(event: Event):
    event.refresh_from_db()
    return event.next_date


def test_a_new_event_keeps_its_first_date_as_next(client, db, wednesday):
    walk = EventFactory(title="Saturday walk", recurrence="weekly", starts_at=soon(3, 10))
    first = walk.occurrences.order_by("starts_at").first()
    assert next_date_of(walk) == first
    assert walk.next_date_ends_at == first.ends_at
    assert "Saturday 5 December, 10:00" in search(client, postcode="M1 1AD").content.decode()


def test_moving_a_date_moves_the_next_date_and_the_page_shows_it(client, db, wednesday):
    film = EventFactory(title="Film night", starts_at=soon(2, 19))
    assert "Friday 4 December, 19:00" in search(client, postcode="M1 1AD").content.decode()
    film.starts_at, film.ends_at = soon(5, 19), soon(5, 21)
    event_update(event=film, by=film.organiser)
    html = search(client, postcode="M1 1AD").content.decode()
    assert "Monday 7 December, 19:00" in html
    assert "Friday 4 December" not in html
    assert next_date_of(film).starts_at == soon(5, 19)
    # The task finds it by when that date ends: it moved with the date.
    assert film.next_date_ends_at == soon(5, 21)


def test_a_date_added_to_an_event_that_was_over_lists_it_again(client, db, wednesday):
    quiz = EventFactory(title="Pub quiz", starts_at=soon(-3, 19))
    assert next_date_of(quiz) is None
    assert titles(search(client, postcode="M1 1AD")) == []
    quiz.starts_at, quiz.ends_at = soon(4, 19), soon(4, 21)
    event_update(event=quiz, by=quiz.organiser)
    assert next_date_of(quiz).starts_at == soon(4, 19)
    response = search(client, postcode="M1 1AD")
    assert titles(response) == ["Pub quiz"]
    assert "Sunday 6 December, 19:00" in response.content.decode()


def test_dates_cancelled_from_the_schedule_are_never_next(client, db, member, wednesday):
    walk = EventFactory(title="Canal walk", recurrence="weekly", starts_at=soon(-20, 10))
    coming = walk.occurrences.filter(starts_at__gt=soon(0)).order_by("starts_at").first()
    rsvp_create(occurrence=coming, user=member)
    # The organiser ends the series yesterday: the date someone replied to is cancelled
    # (kept for the record), the others go.
    walk.repeat_until = soon(-1).date()
    event_update(event=walk, by=walk.organiser)
    coming.refresh_from_db()
    assert coming.is_cancelled
    assert next_date_of(walk) is None
    assert titles(search(client, postcode="M1 1AD")) == []
    assert titles(search(client, postcode="M1 1AD", when="week")) == []


def test_time_passing_moves_the_next_date_and_the_page_shows_it(client, db, wednesday):
    EventFactory(title="Saturday walk", recurrence="weekly", starts_at=soon(3, 10))
    with time_machine.travel(soon(3, 12, 30)):
        # The walk of 5 December is over: the every-minute task moves it on.
        assert move_next_dates.delay().get() == 1
        response = search(client, postcode="M1 1AD")
        assert titles(response) == ["Saturday walk"]
        assert "Saturday 12 December, 10:00" in response.content.decode()
        assert "5 December" not in response.content.decode()
        # Nothing else is over: the next run moves nothing.
        assert move_next_dates.delay().get() == 0


def test_with_no_beat_running_a_search_moves_the_dates_on_itself(
    client, db, wednesday, searches_move_dates
):
    """``make run`` and the embedded default run no beat: the search moves over dates on
    itself, at most once a minute in each process, so an event never drops out."""
    EventFactory(title="Saturday walk", recurrence="weekly", starts_at=soon(3, 10))
    EventFactory(title="Sunday swim", recurrence="weekly", starts_at=soon(4, 9))
    with time_machine.travel(soon(3, 12, 30)):
        response = search(client, postcode="M1 1AD")
        assert titles(response) == ["Sunday swim", "Saturday walk"]
        assert "Saturday 12 December, 10:00" in response.content.decode()


def test_the_searches_move_dates_at_most_once_a_minute(db, wednesday, searches_move_dates):
    walk = EventFactory(title="Saturday walk", recurrence="weekly", starts_at=soon(3, 10))
    over = walk.occurrences.order_by("starts_at").first().ends_at
    assert next_dates_move_when_due(now=over - timedelta(seconds=30)) == 0  # nothing over
    # Over, but a search moved dates 40 seconds ago: left to the task for now.
    assert next_dates_move_when_due(now=over + timedelta(seconds=10)) == 0
    assert next_date_of(walk).ends_at == over
    assert next_dates_move_when_due(now=over + timedelta(seconds=31)) == 1
    assert next_date_of(walk).starts_at == soon(10, 10)


def test_a_date_under_way_stays_next(client, db, wednesday):
    walk = EventFactory(title="Saturday walk", recurrence="weekly", starts_at=soon(3, 10))
    first = walk.occurrences.order_by("starts_at").first()
    with time_machine.travel(soon(3, 10, 30)):
        assert move_next_dates.delay().get() == 0
        assert next_date_of(walk) == first
        assert "Saturday 5 December, 10:00" in search(client, postcode="M1 1AD").content.decode()


def test_the_task_moves_only_events_whose_next_date_is_over(db, wednesday):
    early = EventFactory(title="Breakfast club", recurrence="weekly", starts_at=soon(1, 8))
    late = EventFactory(title="Evening choir", recurrence="weekly", starts_at=soon(1, 19))
    late_next = next_date_of(late)
    with time_machine.travel(soon(1, 12)):
        assert move_next_dates.delay().get() == 1
    assert next_date_of(early).starts_at == soon(8, 8)
    assert next_date_of(late) == late_next


def test_the_beat_schedule_moves_next_dates_every_minute():
    celery_app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["events-move-next-dates"]
    assert entry == {"task": "events.tasks.move_next_dates", "schedule": 60.0}
    assert "events.tasks.move_next_dates" in celery_app.tasks


def test_an_event_and_its_dates_can_still_be_deleted(db, member, wednesday):
    # The event points at one of its dates, which point back at it: deleting either works.
    walk = EventFactory(title="Saturday walk", recurrence="weekly", starts_at=soon(3, 10))
    rsvp_create(occurrence=next_date_of(walk), user=member)
    # Deleted by hand (the services never delete a date with replies): the link is cleared.
    walk.next_date.delete()
    assert next_date_of(walk) is None
    walk.delete()
    assert not Event.objects.filter(title="Saturday walk").exists()
