"""Keeping an event's dates in step with it: on save, on edit, and nightly."""

from datetime import timedelta

import time_machine

from events.models import Occurrence, RsvpStatus
from events.services import event_schedules_extend, event_update, rsvp_create

from .factories import EventFactory, soon


def test_saving_an_event_expands_its_dates(db, wednesday):
    once = EventFactory()
    walk = EventFactory(
        recurrence="weekly", starts_at=soon(1), ends_at=soon(1) + timedelta(hours=1)
    )
    assert once.occurrences.count() == 1
    # Weekly, a year ahead.
    assert walk.occurrences.count() == 52
    assert walk.occurrences.first().starts_at == walk.starts_at


def test_a_regular_activity_started_long_ago_is_listed_by_its_next_date(db, wednesday):
    started = wednesday - timedelta(days=70) + timedelta(hours=2)
    walk = EventFactory(
        recurrence="weekly", starts_at=started, ends_at=started + timedelta(hours=1)
    )
    first = walk.occurrences.order_by("starts_at").first()
    assert first.starts_at > wednesday
    assert (first.starts_at - wednesday) < timedelta(days=7)


def test_moving_a_series_keeps_each_reply_on_its_date(
    db, member, django_capture_on_commit_callbacks, mailoutbox
):
    walk = EventFactory(
        recurrence="weekly", starts_at=soon(1), ends_at=soon(1) + timedelta(hours=1)
    )
    second = walk.occurrences.order_by("starts_at")[1]
    rsvp_create(occurrence=second, user=member)
    walk.starts_at += timedelta(days=1, minutes=30)
    walk.ends_at += timedelta(days=1, minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        changes = event_update(event=walk, by=walk.organiser)
    assert any(line.startswith("When:") for line in changes)
    second.refresh_from_db()
    assert second.starts_at == soon(9, 18, 30)
    assert second.rsvps.get().status == RsvpStatus.GOING
    assert "Change to" in mailoutbox[-1].subject


def test_ending_a_series_sooner_cancels_dates_people_replied_to_and_tells_them(
    db, member, django_capture_on_commit_callbacks, mailoutbox
):
    walk = EventFactory(
        recurrence="weekly", starts_at=soon(1), ends_at=soon(1) + timedelta(hours=1)
    )
    dates = list(walk.occurrences.order_by("starts_at")[:4])
    rsvp_create(occurrence=dates[3], user=member)
    mailoutbox.clear()
    walk.repeat_until = dates[1].starts_at.date()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=walk, by=walk.organiser)
    live = walk.occurrences.filter(is_cancelled=False)
    assert live.count() == 2
    # The date with a reply stays, cancelled, for the record; the others are gone.
    assert list(walk.occurrences.filter(is_cancelled=True)) == [dates[3]]
    subjects = [m.subject for m in mailoutbox]
    assert (
        f"Cancelled: {walk.title} on {dates[3].starts_at:%a} {dates[3].starts_at.day}"
        in " ".join(subjects)
    )


def test_the_nightly_job_lists_new_dates_as_time_moves_on(db):
    walk = EventFactory(
        recurrence="weekly", starts_at=soon(1), ends_at=soon(1) + timedelta(hours=1)
    )
    last = walk.occurrences.order_by("-starts_at").first().starts_at
    with time_machine.travel(soon(30)):
        assert event_schedules_extend() == 1
    newest = walk.occurrences.order_by("-starts_at").first().starts_at
    assert newest > last
    assert Occurrence.objects.filter(event=walk, starts_at__lt=soon(30)).count() >= 4
