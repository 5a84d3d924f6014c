"""Saying you're going: places, the waiting list moving up, and the emails."""

import pytest
from icalendar import Calendar

from core.outbox.models import OutgoingEmail
from events.models import Rsvp
from events.services import event_cancel
from tests.factories import UserFactory

from .factories import EventFactory, soon


def rsvp_url(event) -> str:
    return f"/events/{event.slug}/rsvp/"


def cancel_url(event) -> str:
    return f"/events/{event.slug}/rsvp/cancel/"


def going(client, event, date=None, **extra):
    date = date or event.occurrences.get()
    return client.post(rsvp_url(event), {"occurrence": date.pk, **extra}, follow=True)


@pytest.fixture
def chat(db):
    return EventFactory(
        title="Wellbeing chat",
        attendance_mode="online",
        join_url="https://meet.example.org/wellbeing",
        capacity=2,
        starts_at=soon(3, 19),
        ends_at=soon(3, 20),
    )


def test_anonymous_visitors_are_sent_to_log_in_and_back(client, chat):
    response = client.post(rsvp_url(chat), {"occurrence": chat.occurrences.get().pk})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={chat.get_absolute_url()}"
    assert not Rsvp.objects.exists()


def test_replies_are_post_only(member_client, chat):
    assert member_client.get(rsvp_url(chat)).status_code == 405
    assert member_client.get(cancel_url(chat)).status_code == 405


def test_a_member_says_they_are_going_and_gets_a_confirmation_with_the_link(
    member_client, member, chat, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = going(member_client, chat, share_email="on")
    html = response.content.decode()
    assert "You&#x27;re going on" in html
    assert 'href="https://meet.example.org/wellbeing"' in html
    rsvp = Rsvp.objects.get()
    assert rsvp.user == member and rsvp.status == "going" and rsvp.share_email
    assert rsvp.occurrence.going_count == 1
    [message] = mailoutbox
    assert message.to == ["member@example.org"]
    assert message.subject.startswith("You're going: Wellbeing chat")
    assert "https://meet.example.org/wellbeing" in message.body
    assert "https://meet.example.org/wellbeing" in message.alternatives[0][0]
    assert "Hello Mo Member," in message.body
    [(name, ics, mimetype)] = message.attachments
    assert name == "event.ics" and mimetype.startswith("text/calendar")
    vevent = Calendar.from_ical(ics).events[0]
    assert vevent.start == soon(3, 19)
    assert "https://meet.example.org/wellbeing" in str(vevent["DESCRIPTION"])


def test_saying_it_twice_is_explained_and_changes_nothing(
    member_client, chat, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        going(member_client, chat)
        response = going(member_client, chat)
    assert "You&#x27;ve already said you&#x27;re going to this date." in response.content.decode()
    assert Rsvp.objects.count() == 1
    assert len(mailoutbox) == 1
    assert chat.occurrences.get().going_count == 1


def test_when_it_is_full_members_join_the_waiting_list_in_order(
    client, chat, mailoutbox, django_capture_on_commit_callbacks
):
    people = [UserFactory(email=f"p{n}@example.org", display_name=f"P{n}") for n in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        for person in people:
            client.force_login(person)
            response = going(client, chat)
    assert "It&#x27;s full on" in response.content.decode()
    statuses = list(Rsvp.objects.order_by("joined_at").values_list("status", flat=True))
    assert statuses == ["going", "going", "waiting", "waiting"]
    waiting_mail = [m for m in mailoutbox if m.to == ["p3@example.org"]][0]
    assert waiting_mail.subject.startswith("You're on the waiting list: Wellbeing chat")
    assert "number 2" in waiting_mail.body and "number 2" in waiting_mail.alternatives[0][0]
    assert "meet.example.org" not in waiting_mail.body
    # The waiting member doesn't see the link either, and may leave the list.
    page = client.get(chat.get_absolute_url()).content.decode()
    assert "meet.example.org" not in page
    assert "Leave the waiting list" in page
    client.force_login(UserFactory())
    assert "Join the waiting list" in client.get(chat.get_absolute_url()).content.decode()


def test_when_someone_cancels_the_first_person_waiting_gets_the_place_and_an_email(
    client, chat, mailoutbox, django_capture_on_commit_callbacks
):
    first, second, third = (UserFactory(email=f"p{n}@example.org") for n in range(3))
    for person in (first, second, third):
        client.force_login(person)
        going(client, chat)
    client.force_login(first)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            cancel_url(chat), {"occurrence": chat.occurrences.get().pk}, follow=True
        )
    assert "your place is free for someone else" in response.content.decode()
    assert Rsvp.objects.get(user=third).status == "going"
    assert Rsvp.objects.get(user=third).promoted_at is not None
    date = chat.occurrences.get()
    assert date.going_count == 2
    [message] = mailoutbox
    assert message.to == ["p2@example.org"]
    assert message.subject.startswith("A place came up: you're going to Wellbeing chat")
    assert "https://meet.example.org/wellbeing" in message.body
    assert "it's yours" in message.alternatives[0][0]
    client.force_login(third)
    assert "meet.example.org/wellbeing" in client.get(chat.get_absolute_url()).content.decode()


def test_leaving_the_waiting_list_moves_no_one(
    client, chat, mailoutbox, django_capture_on_commit_callbacks
):
    people = [UserFactory() for _ in range(3)]
    for person in people:
        client.force_login(person)
        going(client, chat)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            cancel_url(chat), {"occurrence": chat.occurrences.get().pk}, follow=True
        )
    assert "You&#x27;ve left the waiting list." in response.content.decode()
    assert mailoutbox == []
    assert Rsvp.objects.filter(status="going").count() == 2


def test_coming_back_after_cancelling_goes_to_the_end_of_the_queue(client, chat):
    people = [UserFactory() for _ in range(4)]
    for person in people:
        client.force_login(person)
        going(client, chat)
    client.force_login(people[2])
    client.post(cancel_url(chat), {"occurrence": chat.occurrences.get().pk})
    going(client, chat)
    waiting = list(Rsvp.objects.waiting().values_list("user", flat=True))
    assert waiting == [people[3].pk, people[2].pk]


def test_cancelling_a_reply_you_never_made_is_explained(member_client, chat):
    response = member_client.post(
        cancel_url(chat), {"occurrence": chat.occurrences.get().pk}, follow=True
    )
    assert "You weren&#x27;t going to that date" in response.content.decode()


def test_a_date_of_another_event_or_garbage_is_refused_clearly(member_client, chat):
    other = EventFactory()
    for value in [other.occurrences.get().pk, "abc", ""]:
        response = member_client.post(rsvp_url(chat), {"occurrence": value}, follow=True)
        assert response.status_code == 200
        assert "That date isn&#x27;t open for replies any more." in response.content.decode() or (
            "This field is required." in response.content.decode()
        )
    assert not Rsvp.objects.exists()


def test_no_replies_to_cancelled_past_or_unapproved_events(
    member_client, member, owner, db, wednesday
):
    cancelled = EventFactory()
    event_cancel(event=cancelled, by=cancelled.organiser, reason="Rain")
    response = going(member_client, cancelled)
    assert "This event is cancelled" in response.content.decode()
    past = EventFactory(starts_at=soon(-2))
    response = member_client.post(
        rsvp_url(past), {"occurrence": past.occurrences.get().pk}, follow=True
    )
    assert "That date isn&#x27;t open for replies any more." in response.content.decode()
    pending = EventFactory(moderation_status="pending", organiser=owner)
    assert (
        member_client.post(
            rsvp_url(pending), {"occurrence": pending.occurrences.get().pk}
        ).status_code
        == 404
    )
    assert not Rsvp.objects.exists()


def test_members_reply_to_one_date_of_a_regular_activity(member_client, member):
    walk = EventFactory(recurrence="weekly", capacity=10)
    second = walk.occurrences.order_by("starts_at")[1]
    going(member_client, walk, date=second)
    assert Rsvp.objects.get().occurrence == second
    html = member_client.get(walk.get_absolute_url()).content.decode()
    assert "Going to another date?" in html
    assert f'value="{second.pk}" id="date-{second.pk}"' not in html


def test_your_events_lists_what_you_are_going_to_and_organise(member_client, member):
    event = EventFactory(title="Litter pick")
    going(member_client, event)
    EventFactory(title="My own", organiser=member, submitted_by=member, moderation_status="pending")
    html = member_client.get("/events/yours/").content.decode()
    assert "Litter pick" in html and "My own" in html and "awaiting review" in html


def test_every_notice_is_recorded_once(member_client, chat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        going(member_client, chat)
    row = OutgoingEmail.objects.get()
    assert row.purpose == "events.rsvp-confirmed" and row.status == "sent"
    assert row.sent_at is not None


def test_a_waiting_list_place_is_not_listed_under_going(member_client, member):
    from .factories import RsvpFactory

    full = EventFactory(title="Full supper club", capacity=1)
    RsvpFactory(occurrence=full.occurrences.get(), status="waiting", user=member)
    going(member_client, EventFactory(title="Litter pick"))
    html = member_client.get("/events/yours/").content.decode()
    going_part, waiting_part = html.split('id="waiting-heading"')
    assert "Litter pick" in going_part and "Full supper club" not in going_part
    assert "Full supper club" in waiting_part
