"""Match emails: asked of the outbox, each match told to each person at most once.

A member gets one email per purpose with everything new for them: the matches a run made
for them go in one email keyed ``run:<run>:<person>``; an email about one match (its
details, its closing, its approval by staff) is keyed ``match:<match>:<person>``. The
outbox (``core.outbox``) sends each key once, after the transaction that asked for it
commits, and skips it if every match in it moved on before it went (``matching.emails``).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

from core.outbox.models import OutgoingEmail
from core.outbox.services import enqueue, enqueue_many
from matching import emails
from matching.models import Match, Side

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """One match to tell one person about, for one purpose."""

    match_id: int
    recipient_id: int
    purpose: str


def notice_for(match: Match, side: str, purpose: str) -> Notice:
    person_id = match.need.person_id if side == Side.NEED else match.offer.person_id
    return Notice(match_id=match.pk, recipient_id=person_id, purpose=purpose)


def introduction_notices(match: Match) -> list[Notice]:
    """The emails that tell both people about a new introduction."""
    return [
        notice_for(match, Side.NEED, emails.NEED_MATCHED),
        notice_for(match, Side.OFFER, emails.OFFER_INTRODUCTION),
    ]


def notifications_queue(notices: list[Notice], *, source: str) -> int:
    """Ask the outbox for one email per person and purpose covering their ``notices``.

    ``source`` names what made the news (``run:<id>`` or ``match:<id>``) and, with the
    person, keys the email: asking again for the same source sends nothing more. Emails
    go after the caller's transaction commits. Returns how many emails are new.
    """
    grouped: dict[tuple[str, int], list[int]] = defaultdict(list)
    for notice in notices:
        grouped[notice.purpose, notice.recipient_id].append(notice.match_id)
    addresses = dict(
        get_user_model()
        .objects.filter(pk__in={recipient for _purpose, recipient in grouped})
        .values_list("pk", "email")
    )
    created = 0
    for purpose in sorted({purpose for purpose, _recipient in grouped}):
        created += enqueue_many(
            purpose,
            [
                {
                    "key": f"{source}:{recipient}",
                    "to": addresses.get(recipient, ""),
                    "context": {"recipient": recipient, "matches": sorted(match_ids)},
                }
                for (each, recipient), match_ids in sorted(grouped.items())
                if each == purpose
            ],
        )
    return created


def emails_about(match: Match) -> list[OutgoingEmail]:
    """The outbox rows of the emails that told someone about ``match`` (oldest first)."""
    people = [match.need.person_id, match.offer.person_id if match.offer_id else None]
    keys = [f"match:{match.pk}:{person}" for person in people if person]
    if match.run_id:
        keys += [f"run:{match.run_id}:{person}" for person in people if person]
    rows = OutgoingEmail.objects.filter(purpose__in=emails.MATCH_PURPOSES, key__in=keys)
    return [row for row in rows.order_by("pk") if match.pk in row.context.get("matches", [])]


def announced(match: Match, notice: Notice) -> bool:
    """Whether ``notice``'s person was already emailed about ``match`` for its purpose."""
    return any(
        row.purpose == notice.purpose and row.context.get("recipient") == notice.recipient_id
        for row in emails_about(match)
    )


def report_staff_recipients() -> list[str]:
    """Where reports go: ``MATCHING_STAFF_EMAIL`` when set, otherwise every active staff user."""
    if settings.MATCHING_STAFF_EMAIL:
        return list(settings.MATCHING_STAFF_EMAIL)
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return list(users.order_by("pk").values_list("email", flat=True))


def report_email_staff(*, report_id: int) -> int:
    """Tell staff about a member's report on a match: one email per staff address, once.

    Keyed by report and address, so asking again sends nothing more. The email names no
    one and carries no contact details: staff follow the admin link. Returns how many
    emails were new (0 when nobody on the team has an address, which is logged).
    """
    recipients = report_staff_recipients()
    if not recipients:
        log.warning("match report %s: no staff email address to send it to", report_id)
        return 0
    return sum(
        enqueue(
            emails.REPORT_STAFF,
            f"{report_id}:{address}",
            to=address,
            context={"report": report_id},
        ).just_queued
        for address in recipients
    )
