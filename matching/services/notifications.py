"""Match emails: each (match, recipient, purpose) goes at most once.

A member gets one email per purpose with everything new for them (a need's schemes and
introductions arrive together). The notification rows are locked, the email is sent, and
the rows are marked sent in the same transaction: if sending fails, nothing is marked and
the task retries; if two tasks race, the second finds the rows already sent.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import emails
from core.signposting import urgent_help
from matching.models import (
    CLOSED_STATUSES,
    MatchNotification,
    MatchReport,
    MatchStatus,
    Purpose,
    RequestStatus,
)

from .matches import response_token_make

log = logging.getLogger(__name__)


def _relevant(notification: MatchNotification) -> bool:
    """Whether the email still makes sense now (the match may have moved on since)."""
    match = notification.match
    purpose = notification.purpose
    if purpose == Purpose.NEED_MATCHED:
        return (
            match.status in (MatchStatus.SUGGESTED, MatchStatus.PROPOSED)
            and match.need.status != RequestStatus.WITHDRAWN
        )
    if purpose == Purpose.OFFER_INTRODUCTION:
        return match.status == MatchStatus.PROPOSED
    if purpose == Purpose.DETAILS:
        # The one email with another person's contact details: both consented, both accepted.
        return (
            match.status == MatchStatus.INTRODUCED
            and match.need.has_consent
            and match.offer.has_consent
        )
    if purpose == Purpose.CLOSED:
        return match.status in CLOSED_STATUSES
    return False


def _answer_urls(match, side: str) -> dict:
    token = response_token_make(match=match, side=side)
    url = settings.SITE_URL + reverse("matching:respond", kwargs={"token": token})
    return {"accept_url": f"{url}?answer=accept", "decline_url": f"{url}?answer=decline"}


def _context(purpose: str, recipient, notifications: list[MatchNotification]) -> dict:
    matches = [n.match for n in notifications]
    context = {"recipient": recipient, "mine_url": settings.SITE_URL + reverse("matching:mine")}
    if purpose == Purpose.NEED_MATCHED:
        needs = {}
        for match in matches:
            group = needs.setdefault(
                match.need_id,
                {
                    "need": match.need,
                    "schemes": [],
                    "introductions": [],
                    "urgent": urgent_help(match.need.nation),
                },
            )
            if match.scheme_id:
                group["schemes"].append(match)
            else:
                group["introductions"].append({"match": match, **_answer_urls(match, "need")})
        for group in needs.values():
            group["schemes"].sort(key=lambda m: (m.scheme.rank, m.scheme.name))
        context["needs"] = list(needs.values())
    elif purpose == Purpose.OFFER_INTRODUCTION:
        context["introductions"] = [
            {"match": m, "need": m.need, **_answer_urls(m, "offer")} for m in matches
        ]
    elif purpose == Purpose.DETAILS:
        context["introductions"] = [
            {
                "match": m,
                "other": m.offer.person if m.need.person_id == recipient.pk else m.need.person,
                "theirs": m.offer if m.need.person_id == recipient.pk else m.need,
                "mine": m.need if m.need.person_id == recipient.pk else m.offer,
                "url": settings.SITE_URL + m.get_absolute_url(),
            }
            for m in matches
        ]
    else:
        context["matches"] = matches
    return context


def notifications_send(*, recipient_id: int, purpose: str) -> int:
    """Send ``recipient_id`` one email with all their unsent ``purpose`` notifications.

    Returns how many matches the email covered (0 when there was nothing to send). Rows
    whose match has moved on (a withdrawn need, a cancelled introduction) are marked
    ``skipped`` without an email. SMTP errors propagate, leaving every row unsent.
    """
    with transaction.atomic():
        rows = list(
            MatchNotification.objects.select_for_update(of=("self",))
            .filter(recipient_id=recipient_id, purpose=purpose, sent_at__isnull=True)
            .select_related(
                "recipient",
                "match__need__person",
                "match__offer__person",
                "match__scheme",
            )
            .prefetch_related(
                "match__need__kinds",
                "match__need__topics",
                "match__offer__kinds",
                "match__offer__topics",
            )
            .order_by("pk")
        )
        if not rows:
            return 0
        relevant = [row for row in rows if _relevant(row)]
        if relevant:
            recipient = rows[0].recipient
            emails.send(
                f"matching-{purpose}",
                to=[recipient.email],
                context=_context(purpose, recipient, relevant),
            )
        now = timezone.now()
        keep = {row.pk for row in relevant}
        for row in rows:
            row.sent_at = now
            row.skipped = row.pk not in keep
        MatchNotification.objects.bulk_update(rows, ["sent_at", "skipped"])
    return len(relevant)


def notifications_requeue(*, older_than_minutes: int = 60) -> int:
    """Queue again the notifications still unsent after their task gave up retrying."""
    from matching.tasks import send_match_notifications

    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    pairs = (
        MatchNotification.objects.filter(sent_at__isnull=True, created_at__lt=cutoff)
        .values_list("recipient_id", "purpose")
        .distinct()
        .order_by()
    )
    pairs = list(pairs)
    for recipient_id, purpose in pairs:
        send_match_notifications.delay(recipient_id, purpose)
    return len(pairs)


def report_staff_recipients() -> list[str]:
    """Where reports go: ``MATCHING_STAFF_EMAIL`` when set, otherwise every active staff user."""
    if settings.MATCHING_STAFF_EMAIL:
        return list(settings.MATCHING_STAFF_EMAIL)
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return list(users.order_by("pk").values_list("email", flat=True))


def report_email_staff(*, report_id: int) -> bool:
    """Tell staff about a member's report on a match; at most once per report.

    The report row is locked, the email sent, and the row marked in the same transaction:
    an SMTP error leaves it unmarked for the task to retry; a second run finds it marked.
    The email names no one and carries no contact details: staff follow the admin link.
    """
    with transaction.atomic():
        report = (
            MatchReport.objects.select_for_update(of=("self",))
            .select_related("match")
            .filter(pk=report_id, staff_emailed_at__isnull=True)
            .first()
        )
        if report is None:
            return False
        recipients = report_staff_recipients()
        if not recipients:
            log.warning("match report %s: no staff email address to send it to", report_id)
            return False
        admin_url = settings.SITE_URL + reverse(
            "admin:matching_matchreport_change", args=[report.pk]
        )
        match_url = settings.SITE_URL + reverse(
            "admin:matching_match_change", args=[report.match_id]
        )
        emails.send(
            "matching-report-staff",
            to=recipients,
            context={
                "report": report,
                "match": report.match,
                "held": report.match.status == MatchStatus.REVIEW,
                "admin_url": admin_url,
                "match_url": match_url,
            },
        )
        report.staff_emailed_at = timezone.now()
        report.save(update_fields=["staff_emailed_at"])
    return True
