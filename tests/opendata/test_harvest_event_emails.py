"""Members going to an approved harvested event hear when its publisher changes or withdraws
it: one email each, through the outbox, in their language."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.models import Event
from events.services import rsvp_create
from opendata.services.harvest import harvest
from tests.factories import UserFactory
from tests.opendata.test_harvest import feed
from tests.opendata.test_harvest_events import approve, session


@pytest.fixture
def going(db, publisher, staff_client, member, django_capture_on_commit_callbacks, mailoutbox):
    """A harvested walk, approved, that ``member`` is going to; returns its feed's URL."""
    url = feed(publisher, [session("a", "Canal walk", 1)], [])
    harvest(url)
    with django_capture_on_commit_callbacks(execute=True):
        approve(staff_client, Event.objects.get())
        rsvp_create(occurrence=Event.objects.get().occurrences.get(), user=member)
    mailoutbox.clear()
    return url


def harvested(url, capture):
    with capture(execute=True):
        return harvest(url)


def test_a_new_time_from_the_feed_emails_the_member_once_with_the_new_time(
    going, publisher, member, mailoutbox, django_capture_on_commit_callbacks
):
    feed(publisher, [session("a", "Canal walk", 2, days=9)], [])
    harvested(going, django_capture_on_commit_callbacks)
    harvested(going, django_capture_on_commit_callbacks)  # the same data again: no news
    event = Event.objects.get()
    assert event.moderation_status == "pending"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    starts = timezone.localtime(event.starts_at)
    new_time = f"{starts:%H:%M} to {starts + timedelta(hours=2):%H:%M}"
    assert (message.to, message.subject) == (["member@example.org"], "Change to Canal walk")
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert "127.0.0.1, who published" in text and "has changed it" in text
        assert new_time in text and date_format(starts.date(), "j F Y") in text
        assert "The organiser has changed" not in text
        assert "Our moderators are checking the change" in text
    assert event.get_absolute_url() not in message.body
    assert event.occurrences.get().starts_at == event.starts_at


def test_a_tombstone_emails_the_member_once_that_its_publisher_withdrew_it(
    going, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    feed(publisher, [session("a", "", 5, state="deleted")], [])
    assert harvested(going, django_capture_on_commit_callbacks).withdrawn == 1
    harvested(going, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert (message.to, message.subject) == (["member@example.org"], "Cancelled: Canal walk")
    for text in (message.body, message.alternatives[0][0]):
        assert "127.0.0.1, who published it, has withdrawn it." in text
        assert "The organiser said" not in text


def test_the_email_is_in_the_members_language(
    going, publisher, member, mailoutbox, django_capture_on_commit_callbacks
):
    member.language = "cy"
    member.save(update_fields=["language"])
    feed(publisher, [session("a", "Canal walk", 2, days=9)], [])
    harvested(going, django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    starts = timezone.localtime(Event.objects.get().starts_at)
    with translation.override("cy"):
        day = date_format(starts.date(), "l j F Y")
    assert message.subject == "Newid i Canal walk"
    assert day in message.body and day.split()[0] == "Dydd"


def test_nobody_is_emailed_when_nobody_replied(
    db, publisher, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    url = feed(publisher, [session("a", "Canal walk", 1)], [])
    harvested(url, django_capture_on_commit_callbacks)
    approve(staff_client, Event.objects.get())
    UserFactory(email="someone@example.org")
    feed(publisher, [session("a", "Canal walk", 2, days=9)], [])
    harvested(url, django_capture_on_commit_callbacks)
    feed(publisher, [session("a", "", 5, state="deleted")], [])
    harvested(url, django_capture_on_commit_callbacks)
    assert mailoutbox == []
