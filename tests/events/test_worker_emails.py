"""Every events email through a real Celery worker on Redis to an SMTP server."""

import time
from datetime import datetime, timedelta
from datetime import time as clock

import pytest
from django.utils import timezone

from core.moderation import listing_moderate
from events.models import EVENT_TZ, Rsvp
from events.services import event_cancel, event_update, reminders_queue, rsvp_cancel, rsvp_create
from tests.factories import UserFactory
from tests.outbox import settled

from .factories import EventFactory


@pytest.mark.worker
def test_moderation_confirmation_waiting_reminder_place_freed_change_and_cancellation(
    celery_worker, smtp_sink
):
    organiser = UserFactory(email="organiser@example.org", display_name="Aisha")
    tomorrow = timezone.localdate() + timedelta(days=1)
    starts = datetime.combine(tomorrow, clock(19, 0), tzinfo=EVENT_TZ)
    chat = EventFactory(
        title="Wellbeing chat",
        organiser=organiser,
        submitted_by=organiser,
        moderation_status="pending",
        attendance_mode="mixed",
        join_url="https://meet.example.org/wellbeing",
        capacity=1,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    staff = UserFactory(is_staff=True)
    first = UserFactory(email="first@example.org", display_name="First")
    second = UserFactory(email="second@example.org", display_name="Second")

    listing_moderate(listing=chat, decision="approved", by=staff)
    smtp_sink.wait_for(1)
    date = chat.occurrences.get()
    going = rsvp_create(occurrence=date, user=first)
    rsvp_create(occurrence=date, user=second)
    smtp_sink.wait_for(3)
    # The hourly job, as beat runs it, on the morning of the day before.
    reminders_queue(now=datetime.combine(timezone.localdate(), clock(10), tzinfo=EVENT_TZ))
    smtp_sink.wait_for(4)
    rsvp_cancel(rsvp=going)
    smtp_sink.wait_for(5)
    chat.refresh_from_db()
    chat.starts_at += timedelta(minutes=30)
    chat.ends_at += timedelta(minutes=30)
    event_update(event=chat, by=organiser)
    smtp_sink.wait_for(6)
    event_cancel(event=chat, by=organiser, reason="Our host is unwell.")
    messages = smtp_sink.wait_for(7)

    by_subject = {(m["To"], m["Subject"].split(":")[0]): m for m in messages}
    expected = {
        ("organiser@example.org", "Your event “Wellbeing chat” is live"),
        ("first@example.org", "You're going"),
        ("second@example.org", "You're on the waiting list"),
        ("first@example.org", "Tomorrow"),
        ("second@example.org", "A place came up"),
        ("second@example.org", "Change to Wellbeing chat"),
        ("second@example.org", "Cancelled"),
    }
    assert set(by_subject) == expected
    for message in messages:
        assert smtp_sink.text(message).strip()
        assert "<p>" in smtp_sink.html(message)
    confirmation = by_subject[("first@example.org", "You're going")]
    assert "https://meet.example.org/wellbeing" in smtp_sink.text(confirmation)
    [attachment] = list(confirmation.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    waiting = by_subject[("second@example.org", "You're on the waiting list")]
    assert "meet.example.org" not in smtp_sink.text(waiting)
    assert "number 1" in smtp_sink.html(waiting)
    reminder = by_subject[("first@example.org", "Tomorrow")]
    assert "https://meet.example.org/wellbeing" in smtp_sink.html(reminder)
    freed = by_subject[("second@example.org", "A place came up")]
    assert "https://meet.example.org/wellbeing" in smtp_sink.text(freed)
    changed = by_subject[("second@example.org", "Change to Wellbeing chat")]
    assert "19:30 to 20:30" in smtp_sink.text(changed)
    cancelled = by_subject[("second@example.org", "Cancelled")]
    assert "Our host is unwell." in smtp_sink.html(cancelled)
    # Each recorded once and marked sent by the worker; nothing more arrives.
    rows = settled(purpose__startswith="events.")
    assert rows.count() == 6
    assert rows.filter(status="sent").count() == 6
    assert Rsvp.objects.get(user=second).status == "going"
    reminders_queue(now=datetime.combine(timezone.localdate(), clock(11), tzinfo=EVENT_TZ))
    time.sleep(1.5)
    assert len(smtp_sink.messages) == 7
