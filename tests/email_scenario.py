"""One of every email the capabilities send, made to happen through their services.

``every_email(step, staff)`` walks spaces, events, matching and communities through the
actions that send mail, calling ``step(n)`` after each with how many new emails it asked
for. The render test renders what each step queued before the next step makes it stale
(a reminder for a place later given up); the real-worker test waits for the emails.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from communities.models import GroupClaim, anniversary
from communities.services import checkins_queue_due, claim_decide, pioneer_message_send
from events.models import EVENT_TZ
from events.services import event_cancel, event_update, reminders_queue, rsvp_cancel, rsvp_create
from matching.models import Match
from matching.services.matches import match_report, match_respond
from matching.services.runs import matching_run
from participation.models import Delivery, NoticeSettings, Support
from participation.services import comment_add, digests_send, proposal_answer
from spaces.models import Status
from spaces.services.status import space_status_change, threat_dismiss

from .communities.factories import CommitmentFactory, GroupFactory, PioneerFactory
from .events.factories import EventFactory
from .factories import UserFactory
from .matching.factories import NeedFactory, OfferFactory, SchemeFactory, phone_chat, shopping
from .participation.factories import PostFactory, ProposalFactory
from .spaces.factories import (
    PledgeFactory,
    SpaceFactory,
    ThreatenedSpaceFactory,
    ThreatReportFactory,
)

# What ``every_email`` sends: one of each purpose the capabilities own, some more than once.
PURPOSES = {
    "spaces.pledge-update": 1,
    "spaces.threat-outcome": 1,
    "events.rsvp-confirmed": 1,
    "events.rsvp-waiting": 1,
    "events.reminder": 1,
    "events.place-freed": 1,
    "events.changed": 1,
    "events.cancelled": 1,
    "matching.need-matched": 1,
    "matching.offer-introduction": 2,
    "matching.details": 2,
    "matching.closed": 1,
    "matching.report-staff": 1,
    "communities.checkin": 1,
    "communities.claim-decision": 1,
    "communities.message": 1,
    "participation.notice": 2,
    "participation.digest": 1,
}


def person(email: str, name: str):
    return UserFactory(email=email, display_name=name)


def every_email(step, staff) -> None:
    _spaces(step, staff)
    _events(step)
    _matching(step)
    _communities(step, staff)
    _participation(step, staff)


def _spaces(step, staff) -> None:
    space = ThreatenedSpaceFactory(name="Rusholme Library")
    PledgeFactory(space=space, user=person("pledger@example.org", "Pat Pledger"), time=True)
    space_status_change(space=space, status=Status.SAVED, by=staff, note="Handed over.")
    step(1)
    report = ThreatReportFactory(
        space=SpaceFactory(name="Moss Side Hall"),
        reported_by=person("reporter@example.org", "Rae Reporter"),
    )
    threat_dismiss(report=report, by=staff, note="The council withdrew the plan.")
    step(1)


def _events(step) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    starts = datetime.combine(tomorrow, time(19, 0), tzinfo=EVENT_TZ)
    organiser = person("organiser@example.org", "Aisha Organiser")
    chat = EventFactory(
        title="Wellbeing chat",
        organiser=organiser,
        attendance_mode="mixed",
        join_url="https://meet.example.org/wellbeing",
        capacity=1,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        accessibility_notes="Step-free entrance.",
    )
    first = person("first@example.org", "Fran First")
    second = person("second@example.org", "Sol Second")
    date = chat.occurrences.get()
    going = rsvp_create(occurrence=date, user=first)
    step(1)
    rsvp_create(occurrence=date, user=second)
    step(1)
    # The hourly job, as beat runs it, on the morning of the day before.
    reminders_queue(now=datetime.combine(timezone.localdate(), time(10), tzinfo=EVENT_TZ))
    step(1)
    rsvp_cancel(rsvp=going)
    step(1)
    chat.refresh_from_db()
    chat.starts_at += timedelta(minutes=30)
    chat.ends_at += timedelta(minutes=30)
    event_update(event=chat, by=organiser)
    step(1)
    event_cancel(event=chat, by=organiser, reason="Our host is unwell.")
    step(1)


def _matching(step) -> None:
    food, talk = shopping(), phone_chat()
    SchemeFactory(name="Manchester Food Line", phone="0161 000 1111", kinds=[food])
    shopper = person("shopper@example.org", "Sam Shopper")
    caller = person("caller@example.org", "Cal Caller")
    asker = person("asker@example.org", "Ash Asker")
    OfferFactory(person=shopper, at="M14 5LL", kinds=[food], contact_phone="07700 900002")
    OfferFactory(person=caller, at="M14 5LL", kinds=[talk])
    need = NeedFactory(
        person=asker,
        at="M14 5LL",
        kinds=[food, talk],
        note="Weekly shop, please",
        contact_phone="07700 900001",
    )
    matching_run(need_ids=[need.pk])
    step(3)
    shop = Match.objects.get(need=need, offer__person=shopper)
    call = Match.objects.get(need=need, offer__person=caller)
    match_respond(match=shop, side="offer", accept=True, by=shopper)
    match_respond(match=shop, side="need", accept=True, by=asker)
    step(2)
    match_respond(match=call, side="offer", accept=False, by=caller)
    step(1)
    match_report(match=shop, by=asker, side="need", reason="no_show", details="No reply.")
    step(1)


def _communities(step, staff) -> None:
    organiser = person("leith@example.org", "Lee Leith")
    group = GroupFactory(
        name="Leith Co-operative Community",
        organiser=organiser,
        registered_at=anniversary(timezone.now(), -1) - timedelta(days=1),
    )
    CommitmentFactory(group=group, what="Run a clothes swap", target=6, unit="swaps")
    checkins_queue_due()
    step(1)
    claimant = person("claimant@example.org", "Cleo Claimant")
    claim = GroupClaim.objects.create(
        group=GroupFactory(name="Ormeau Residents"), user=claimant, message="I chair it."
    )
    claim_decide(claim=claim, confirm=True, by=staff)
    step(1)
    pioneer = PioneerFactory(
        user=person("pioneer@example.org", "Priya Pioneer"), name="Priya", at="M4"
    )
    pioneer_message_send(
        pioneer=pioneer, sender=claimant, body="Could you help us start a street party?"
    )
    step(1)


def _participation(step, staff) -> None:
    writer = person("writer@example.org", "Wren Writer")
    piece = PostFactory(submitted_by=writer, title="Seats at the table")
    comment_add(post=piece, author=person("reader@example.org", "Rob Reader"), body="Agreed!")
    step(1)
    proposal = ProposalFactory(author=writer, title="A development fund")
    backer = person("backer@example.org", "Bea Backer")
    Support.objects.create(proposal=proposal, user=backer)
    NoticeSettings.objects.create(user=backer, delivery=Delivery.WEEKLY)
    proposal_answer(proposal=proposal, by=staff, status="accepted", reason="It is costed.")
    step(1)
    digests_send()
    step(1)
