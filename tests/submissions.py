"""Every form a member submits, with a valid post for each: the limits, honeypot and
hostile-input tests walk this one list, so a new submission form is added here once.

``world(owner=..., member=...)`` makes one of everything to act on; each ``Submission``
says who posts (``member`` or ``owner``), where, and a valid post (``data(w, n)``: the
``n``-th one, different from the others where the form refuses duplicates).
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from communities.models import PioneerMessage

from .communities.factories import CommitmentFactory, GroupFactory, PioneerFactory
from .events.factories import EventFactory, soon
from .matching.factories import IntroductionFactory, NeedFactory, OfferFactory, shopping
from .participation.factories import (
    PostFactory,
    ProcessFactory,
    ProposalFactory,
    SurveyFactory,
    answers,
    census,
)
from .spaces.factories import SpaceFactory, ThreatenedSpaceFactory, image_upload


def world(*, owner, member) -> dict:
    """One of everything a member can act on; ``owner`` owns each, ``member`` is the other
    person in the match and the message."""
    group = GroupFactory(name="Ancoats Makers", organiser=owner)
    registered = GroupFactory(
        name="Registered Makers", organiser=owner, registered_at=timezone.now()
    )
    pioneer = PioneerFactory(user=owner, name="Priya")
    need = NeedFactory(person=owner)
    event = EventFactory(organiser=owner)
    return {
        "space": SpaceFactory(submitted_by=owner),
        "threatened": ThreatenedSpaceFactory(),
        "event": event,
        "occurrence": event.occurrences.first(),
        "group": group,
        "registered": registered,
        "commitment": CommitmentFactory(group=registered),
        "pioneer": pioneer,
        "message": PioneerMessage.objects.create(
            pioneer=pioneer, sender=member, recipient=owner, body="Can you help us?"
        ),
        "need": need,
        "match": IntroductionFactory(need=need, offer=OfferFactory(person=member)),
        "shopping": shopping(),
        **_participation(owner),
    }


def _participation(owner) -> dict:
    process = ProcessFactory(slug="strategy")
    survey = SurveyFactory(process=process, slug="census")
    reported = PostFactory(process=process, title="A piece with a comment")
    return {
        "process": process,
        "piece": PostFactory(process=process, submitted_by=owner),
        "comment": reported.comments.create(author=owner, body="Words to report"),
        "proposal": ProposalFactory(process=process, author=owner),
        "survey": survey,
        "questions": census(survey),
    }


def _later(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def space_data(w, n) -> dict:
    return {
        "name": f"Ancoats Hall number {n}",
        "kind": "community_centre",
        "address": f"{n} Cutting Room Square",
        "postcode": "m4 6de",
        "description": "A mill hall with a sprung floor.",
        "tags": "dance, repair",
        "capacity": "120",
        "owner_type": "community_group",
        "run_by": "Ancoats Neighbours",
        "contact_name": "Aisha",
        "contact_email": "aisha@example.org",
        "contact_consent": "on",
    }


def event_data(w, n) -> dict:
    return {
        "title": f"Clothes swap {n}",
        "description": "Bring clothes you don't wear; take some you will.",
        "tags": "swap",
        "starts_at": soon(5 + n, 10).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": soon(5 + n, 13).strftime("%Y-%m-%dT%H:%M"),
        "attendance_mode": "in_person",
        "venue_name": "St Peter's Hall",
        "address": "12 Oxford Road",
        "postcode": "m1 1ad",
        "price": "0",
    }


def group_data(w, n) -> dict:
    return {
        "name": f"Leith Repair Café {n}",
        "kind": "community_group",
        "description": "We fix things together.",
        "tags": "repair",
        "area_type": "place",
        "postcode": "EH6 6QU",
        "radius_km": "3.0",
        "place_name": "Leith",
    }


def commitment_data(w, n) -> dict:
    return {
        "area": "action",
        "what": f"Hold street party {n}",
        "target": "4",
        "unit": "street parties",
        "due_date": _later(180),
    }


def help_data(w, n, distance="max_distance_km") -> dict:
    return {
        "kinds": [w["shopping"].pk],
        "postcode": "M14 5LL",
        distance: "5",
        "availability": ["1", "4"],
        "note": f"Weekly shop, please ({n}).",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
    }


@dataclass(frozen=True)
class Submission:
    what: str
    who: str
    url: Callable[[dict], str]
    data: Callable[[dict, int], dict]
    # Per member (and per address where stated) in the view's window; None: not limited.
    limit: int | None
    # Its 429 page says this.
    words: str = ""
    # The limit counts every post, refused or not (a one-button action refused with a
    # message, not a form shown again).
    counts_attempts: bool = False


SPACES = "You have sent a lot of these in the last hour"
MESSAGES = "You have sent several messages in a short time"

SUBMISSIONS = [
    Submission("list a space", "member", lambda w: "/spaces/new/", space_data, 10, SPACES),
    Submission(
        "propose an edit to a space",
        "member",
        lambda w: f"/spaces/{w['space'].slug}/edit/",
        lambda w, n: {**space_data(w, n), "name": w["space"].name, "description": f"v{n}"},
        20,
        SPACES,
    ),
    Submission(
        "add a photo",
        "member",
        lambda w: f"/spaces/{w['space'].slug}/photos/new/",
        lambda w, n: {"photo": image_upload(), "alt_text": f"The hall, side {n}"},
        20,
        SPACES,
    ),
    Submission(
        "report a threat",
        "member",
        lambda w: f"/spaces/{w['space'].slug}/report-threat/",
        lambda w, n: {
            "what": f"The council will sell the building ({n}).",
            "evidence": "Cabinet agenda, item 7.",
            "deadline": _later(40),
        },
        5,
        SPACES,
    ),
    Submission(
        "pledge",
        "member",
        lambda w: f"/spaces/{w['threatened'].slug}/pledge/",
        lambda w, n: {"time": "on", "message": f"I can leaflet ({n})."},
        30,
        SPACES,
    ),
    Submission(
        "submit an event",
        "member",
        lambda w: "/events/new/",
        event_data,
        10,
        "a lot of events in the last hour",
    ),
    Submission(
        "reply to an event",
        "member",
        lambda w: f"/events/{w['event'].slug}/rsvp/",
        lambda w, n: {"occurrence": w["occurrence"].pk},
        30,
        "a lot of replies",
        counts_attempts=True,
    ),
    Submission("ask for help", "member", lambda w: "/help/need/", help_data, 20, "Please wait"),
    Submission(
        "offer help",
        "member",
        lambda w: "/help/offer/",
        lambda w, n: help_data(w, n, distance="travel_km"),
        20,
        "Please wait",
    ),
    Submission(
        "report a match",
        "member",
        lambda w: f"/help/matches/{w['match'].pk}/report/",
        lambda w, n: {"reason": "unsafe", "details": f"Rude messages ({n})"},
        5,
        "call 999",
    ),
    Submission(
        "contact a pioneer",
        "member",
        lambda w: f"/communities/pioneers/{w['pioneer'].pk}/contact/",
        lambda w, n: {"body": f"Hello, can you help us start a group? ({n})"},
        5,
        MESSAGES,
    ),
    Submission(
        "reply to a pioneer",
        "member",
        lambda w: f"/communities/messages/{w['message'].pk}/",
        lambda w, n: {"body": f"Thank you, that helps a lot ({n})."},
        20,
        MESSAGES,
    ),
    Submission(
        "list a group",
        "member",
        lambda w: "/communities/new/",
        group_data,
        5,
        "listed several groups",
    ),
    Submission(
        "register a group (step 1)",
        "member",
        lambda w: "/communities/register/group/",
        group_data,
        5,
        "listed several groups",
    ),
    Submission(
        "claim a group",
        "member",
        lambda w: f"/communities/{w['group'].slug}/claim/",
        lambda w, n: {"message": f"I run this group ({n})."},
        5,
        "several claims",
    ),
    Submission(
        "add a commitment",
        "owner",
        lambda w: f"/communities/{w['registered'].slug}/commitments/new/",
        commitment_data,
        30,
        "a lot of commitments",
    ),
    Submission(
        "add a commitment while registering",
        "owner",
        lambda w: f"/communities/register/{w['group'].slug}/commitments/",
        commitment_data,
        30,
        "a lot of commitments",
    ),
    Submission(
        "post progress",
        "owner",
        lambda w: f"/communities/{w['registered'].slug}/commitments/{w['commitment'].pk}/progress/",
        lambda w, n: {"number": "1", "story": f"Elm Street did it ({n}).", "confirm_large": "on"},
        20,
        "a lot of progress updates",
    ),
    Submission(
        "write a piece for a process blog",
        "member",
        lambda w: "/have-your-say/strategy/blog/new/",
        lambda w, n: {"title": f"Our co-op, part {n}", "body": "What we need."},
        5,
        "You have sent several pieces in an hour",
    ),
    Submission(
        "comment on a piece",
        "member",
        lambda w: w["piece"].get_absolute_url(),
        lambda w, n: {"body": f"Agreed, point {n}."},
        20,
        "You have written a lot of comments in an hour",
    ),
    Submission(
        "report a comment",
        "member",
        lambda w: f"/have-your-say/comments/{w['comment'].pk}/report/",
        lambda w, n: {"reason": f"It is rude ({n})"},
        20,
        "You have done this a lot",
    ),
    Submission(
        "make a proposal",
        "member",
        lambda w: "/have-your-say/strategy/proposals/new/",
        lambda w, n: {"title": f"Idea {n}", "body": "A development fund."},
        10,
        "You have made several proposals in an hour",
    ),
    Submission(
        "answer a survey",
        "member",
        lambda w: "/have-your-say/surveys/census/",
        lambda w, n: answers(w["questions"], members=str(n)),
        30,
        "You have sent this survey many times in an hour",
    ),
    Submission(
        "choose notifications",
        "member",
        lambda w: "/have-your-say/settings/",
        lambda w, n: {"delivery": "weekly" if n % 2 else "immediate", "comments": "on"},
        30,
        "You have done this a lot",
    ),
]
