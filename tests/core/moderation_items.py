"""One pending item of every moderated kind, each sent a minute after the one before."""

import datetime

from django.utils import timezone

from communities.models import GroupClaim
from matching.models import MatchReport, MatchStatus
from opendata.models import HarvestedListing
from participation.models import CommentReport
from spaces.models import SpaceEdit, SpacePhoto
from tests.communities.factories import GroupFactory
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.matching.factories import IntroductionFactory
from tests.participation.factories import PostFactory
from tests.spaces.factories import SpaceFactory, ThreatReportFactory, image_upload

# Oldest first: the order the queue shows them in.
KINDS_IN_ORDER = [
    "spaces.space",
    "spaces.spaceedit",
    "spaces.spacephoto",
    "spaces.threatreport",
    "communities.group",
    "communities.groupclaim",
    "events.event",
    "matching.match",
    "matching.matchreport",
    "participation.post",
    "participation.comment",
    "opendata.harvestedlisting",
]


def one_of_each(submitter, *, start=None, tag="") -> dict:
    """Create one pending item of every kind, by ``submitter``; returns them by kind.

    Needs a temporary MEDIA_ROOT (a photo is saved)."""
    start = start or timezone.now() - datetime.timedelta(days=2)
    at = [start + datetime.timedelta(minutes=n) for n in range(len(KINDS_IN_ORDER))]
    approved = SpaceFactory(name=f"Approved Hall{tag}")
    space = SpaceFactory(
        name=f"Waiting Hall{tag}", moderation_status="pending", submitted_by=submitter
    )
    items = {
        "spaces.space": space,
        "spaces.spaceedit": SpaceEdit.objects.create(
            space=approved,
            changes={"phone": {"from": "", "to": "0161 000 0000"}},
            submitted_by=submitter,
        ),
        "spaces.spacephoto": SpacePhoto.objects.create(
            space=approved,
            image=image_upload(),
            thumbnail=image_upload("hall-t.jpg"),
            alt_text="The hall",
            submitted_by=submitter,
        ),
        "spaces.threatreport": ThreatReportFactory(space=approved, reported_by=submitter),
        "communities.group": GroupFactory(
            name=f"Waiting Growers{tag}", moderation_status="pending", submitted_by=submitter
        ),
        "communities.groupclaim": GroupClaim.objects.create(
            group=GroupFactory(name=f"Claimed Group{tag}"), user=submitter, message="I chair it."
        ),
        "events.event": EventFactory(
            title=f"Waiting Tea Dance{tag}",
            moderation_status="pending",
            organiser=submitter,
        ),
        "matching.match": IntroductionFactory(status=MatchStatus.REVIEW),
        "matching.matchreport": MatchReport.objects.create(
            match=IntroductionFactory(),
            reporter=UserFactory(),
            side="need",
            reason="other",
            details="They did not turn up.",
        ),
        "participation.post": PostFactory(
            title=f"Waiting piece{tag}", moderation_status="pending", submitted_by=submitter
        ),
        "participation.comment": _reported_comment(submitter, tag),
        "opendata.harvestedlisting": HarvestedListing.objects.create(
            source_url="https://feeds.example.org/session-series",
            item_id=f"walk-1{tag}",
            kind="SessionSeries",
            name=f"Harvested walk{tag}",
        ),
    }
    for item, when in zip(items.values(), at, strict=True):
        field = next(f for f in ("harvested_at", "submitted_at", "created_at") if hasattr(item, f))
        type(item).objects.filter(pk=item.pk).update(**{field: when})
    assert set(items) == set(KINDS_IN_ORDER)
    return items


def _reported_comment(author, tag: str):
    comment = PostFactory(title=f"Published piece{tag}").comments.create(
        author=author, body=f"A rude comment{tag}"
    )
    CommentReport.objects.create(comment=comment, user=UserFactory(), reason="Rude")
    return comment
