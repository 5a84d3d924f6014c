"""The reminder the day before: a scheduled job, each person reminded exactly once."""

from datetime import datetime, time, timedelta

import time_machine
from django.conf import settings
from django.core.management import call_command

from coopcentre.celery import app as celery_app
from core.outbox.models import OutgoingEmail
from core.outbox.services import outgoing_send
from events.models import EVENT_TZ
from events.services import event_cancel, reminders_queue, rsvp_cancel, rsvp_create
from tests.factories import UserFactory

from .factories import EventFactory, soon


def at(day_offset: int, hour: int) -> datetime:
    return datetime.combine(
        soon(0).date() + timedelta(days=day_offset), time(hour), tzinfo=EVENT_TZ
    )


def test_the_beat_schedule_runs_the_reminders_every_hour():
    # A worker imports every app's tasks module at start; do the same here.
    celery_app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["events-send-reminders"]
    assert entry["task"] == "events.tasks.send_event_reminders"
    assert "events.tasks.send_event_reminders" in celery_app.tasks
    assert "events.tasks.extend_event_schedules" in celery_app.tasks


def test_people_going_tomorrow_are_reminded_once(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(
        title="Walking group",
        starts_at=soon(3, 10),
        ends_at=soon(3, 12),
        capacity=1,
        accessibility_notes="Flat route, about 3 km.",
    )
    date = event.occurrences.get()
    rsvp_create(occurrence=date, user=member)
    rsvp_create(occurrence=date, user=UserFactory(email="waiting@example.org"))
    mailoutbox.clear()
    with time_machine.travel(at(2, 8)), django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue() == 0  # not before nine
    with time_machine.travel(at(2, 9)), django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue() == 1
    with time_machine.travel(at(2, 10)), django_capture_on_commit_callbacks(execute=True):
        reminders_queue()
        call_command("send_event_reminders")
    [message] = mailoutbox
    assert message.to == ["member@example.org"]
    assert message.subject == "Tomorrow: Walking group at 10:00"
    for body in (message.body, message.alternatives[0][0]):
        assert "tomorrow" in body
        assert "Flat route, about 3 km." in body
        assert "Ancoats Community Hall" in body
    assert OutgoingEmail.objects.filter(purpose="events.reminder").count() == 1


def test_no_reminder_after_cancelling(member, mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(starts_at=soon(3, 10))
    rsvp = rsvp_create(occurrence=event.occurrences.get(), user=member)
    other = EventFactory(starts_at=soon(3, 11))
    rsvp_create(occurrence=other.occurrences.get(), user=member)
    rsvp_cancel(rsvp=rsvp)
    event_cancel(event=other, by=other.organiser, reason="Rain")
    mailoutbox.clear()
    with time_machine.travel(at(2, 12)), django_capture_on_commit_callbacks(execute=True):
        assert reminders_queue() == 0
    assert mailoutbox == []


def test_a_reminder_already_queued_is_skipped_if_they_cancel_before_it_goes(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(starts_at=soon(3, 10))
    rsvp = rsvp_create(occurrence=event.occurrences.get(), user=member)
    mailoutbox.clear()
    with time_machine.travel(at(2, 12)):
        reminders_queue()  # recorded; its send waits for the commit
        rsvp_cancel(rsvp=rsvp)
        row = OutgoingEmail.objects.get(purpose="events.reminder")
        assert outgoing_send(pk=row.pk) == "skipped"
    row.refresh_from_db()
    assert row.status == "skipped" and row.sent_at is None
    assert mailoutbox == []


def test_online_reminders_carry_the_join_link(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    chat = EventFactory(
        attendance_mode="online", join_url="https://meet.example.org/tea", starts_at=soon(3, 19)
    )
    rsvp_create(occurrence=chat.occurrences.get(), user=member)
    mailoutbox.clear()
    with time_machine.travel(at(2, 12)), django_capture_on_commit_callbacks(execute=True):
        reminders_queue()
    [message] = mailoutbox
    assert "https://meet.example.org/tea" in message.body
    assert "https://meet.example.org/tea" in message.alternatives[0][0]
