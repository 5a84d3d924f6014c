"""Introductions between members: accept, decline, approve, cancel, report, expire.

A person-to-person match is an introduction. Nobody sees the other's contact details until
both have accepted; then each is emailed the other's details. Either can decline; the
other is then told only that the introduction won't go ahead.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from core.queueing import queue
from matching import emails
from matching.models import (
    Match,
    MatchEvent,
    MatchReport,
    MatchStatus,
    Response,
    Side,
)

from .notifications import (
    announced,
    introduction_notices,
    notice_for,
    notifications_queue,
    report_email_staff,
)

RESPONSE_SALT = "matching.match-response"


class MatchError(Exception):
    """A request about a match that cannot be done; ``str()`` is a message for the member."""


class LinkInvalid(MatchError):
    pass


class LinkExpired(MatchError):
    pass


# ---------------------------------------------------------------------------------------
# Signed links in emails


def response_token_make(*, match: Match, side: str) -> str:
    """A signed, expiring token that lets one side of ``match`` answer from an email."""
    return signing.dumps({"m": match.pk, "s": side}, salt=RESPONSE_SALT, compress=True)


def response_token_read(*, token: str) -> tuple[Match, str]:
    """The match and side a token from ``response_token_make`` stands for.

    Raises ``LinkExpired`` after ``MATCHING_LINK_MAX_AGE_DAYS`` and ``LinkInvalid`` for a
    token that was altered, forged or is for a match that no longer exists.
    """
    max_age = timedelta(days=settings.MATCHING_LINK_MAX_AGE_DAYS)
    try:
        data = signing.loads(token, salt=RESPONSE_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired(
            _("This link has expired. Log in to see your matches and answer from there.")
        ) from error
    except signing.BadSignature as error:
        raise LinkInvalid(
            _("This link isn't valid. Check it was copied in full, or log in to see your matches.")
        ) from error
    match = (
        Match.objects.select_related("need__person", "offer__person")
        .filter(pk=data.get("m"), offer__isnull=False)
        .first()
    )
    if match is None or data.get("s") not in Side.values:
        raise LinkInvalid(_("This introduction no longer exists."))
    return match, data["s"]


# ---------------------------------------------------------------------------------------
# State changes


def _event(match: Match, action: str, *, by=None, side: str = "", note: str = "") -> MatchEvent:
    return MatchEvent.objects.create(
        match=match, action=action, actor=by, side=side, note=note[:500]
    )


def _locked(match: Match) -> Match:
    return (
        Match.objects.select_for_update(of=("self",))
        .select_related("need__person", "offer__person", "scheme")
        .get(pk=match.pk)
    )


def match_close(
    *,
    match: Match,
    status: str,
    action: str,
    by=None,
    note: str = "",
    side: str = "",
    notify_sides: tuple[str, ...] = (Side.NEED, Side.OFFER),
) -> Match:
    """Close an introduction (declined, cancelled or expired) and tell ``notify_sides``.

    The "won't go ahead" email carries no details of the other person. Closing a scheme
    suggestion notifies nobody.
    """
    with transaction.atomic():
        match = _locked(match)
        closable = [MatchStatus.REVIEW, MatchStatus.PROPOSED, MatchStatus.SUGGESTED]
        # Staff can also cancel an introduction already made (after a report, say).
        if status == MatchStatus.CANCELLED:
            closable.append(MatchStatus.INTRODUCED)
        if match.status not in closable:
            return match
        was_proposed = match.status in (MatchStatus.PROPOSED, MatchStatus.INTRODUCED)
        match.status = status
        match.closed_at = timezone.now()
        match.save(update_fields=["status", "closed_at"])
        _event(match, action, by=by, side=side, note=note)
        if match.is_introduction and was_proposed:
            notifications_queue(
                [notice_for(match, s, emails.CLOSED) for s in notify_sides if s != side],
                source=f"match:{match.pk}",
            )
    return match


def match_respond(*, match: Match, side: str, accept: bool, by=None) -> Match:
    """Record one side's answer to an introduction.

    When both have accepted, the match becomes ``INTRODUCED`` and each person is emailed
    the other's contact details (both consented when they registered, and again by
    accepting). A decline closes it and the other person is told only that it won't go
    ahead; the need is then matched again (never with the same offer). Each side answers
    once: the same answer again changes nothing, the other answer raises ``MatchError``
    (as does an introduction that is no longer open).
    """
    from matching import tasks

    with transaction.atomic():
        match = _locked(match)
        _refuse_an_introduction_not_open(match, side)
        current = match.response_of(side)
        wanted = Response.ACCEPTED if accept else Response.DECLINED
        if current == wanted:
            return match
        _refuse_a_changed_answer(match, side)
        now = timezone.now()
        setattr(match, f"{side}_response", wanted)
        setattr(match, f"{side}_responded_at", now)
        match.save(update_fields=[f"{side}_response", f"{side}_responded_at"])
        if not accept:
            match = match_close(
                match=match,
                status=MatchStatus.DECLINED,
                action=MatchEvent.Action.DECLINED,
                by=by,
                side=side,
            )
            need_id = match.need_id
            transaction.on_commit(lambda: queue(tasks.match_need, need_id, "response"))
            return match
        _event(match, MatchEvent.Action.ACCEPTED, by=by, side=side)
        if match.need_response == match.offer_response == Response.ACCEPTED:
            if not (match.need.has_consent and match.offer.has_consent):
                raise MatchError(_("We can't share details without both people's consent."))
            match.status = MatchStatus.INTRODUCED
            match.introduced_at = now
            match.save(update_fields=["status", "introduced_at"])
            _event(match, MatchEvent.Action.INTRODUCED)
            notifications_queue(
                [
                    notice_for(match, Side.NEED, emails.DETAILS),
                    notice_for(match, Side.OFFER, emails.DETAILS),
                ],
                source=f"match:{match.pk}",
            )
    return match


def _refuse_an_introduction_not_open(match: Match, side: str) -> None:
    """Only an open (proposed) introduction can be answered, by one of its two sides."""
    if not match.is_introduction or side not in Side.values:
        raise MatchError(_("This isn't an introduction you can answer."))
    if match.status == MatchStatus.REVIEW:
        raise MatchError(_("Our team is checking this introduction; we'll email you soon."))
    if match.status == MatchStatus.INTRODUCED:
        raise MatchError(_("You've both accepted already: check your email for the details."))
    if match.status != MatchStatus.PROPOSED:
        raise MatchError(
            _("This introduction is closed (%(lower)s).")
            % {"lower": match.get_status_display().lower()}
        )


def _refuse_a_changed_answer(match: Match, side: str) -> None:
    """An answer, once given, stands: the same link (or the match page) cannot turn an
    accept into a decline, which would close a match the other person may have answered on
    the strength of it (issue 11)."""
    current = match.response_of(side)
    if current == Response.PENDING:
        return
    when = timezone.localtime(getattr(match, f"{side}_responded_at"))
    if current == Response.ACCEPTED:
        text = _(
            "You already accepted this introduction on %(day)s at %(time)s, and an answer "
            "can't be changed. If something is wrong, use “Report a problem” on the "
            "introduction's page."
        )
    else:
        text = _(
            "You already declined this introduction on %(day)s at %(time)s, and an answer "
            "can't be changed. If something is wrong, use “Report a problem” on the "
            "introduction's page."
        )
    raise MatchError(text % {"day": date_format(when, "j F"), "time": time_format(when, "H:i")})


def match_approve(*, match: Match, by) -> bool:
    """Staff approve an introduction awaiting review (or on hold): both people are emailed.

    Returns False when the match was not awaiting review.
    """
    with transaction.atomic():
        match = _locked(match)
        if match.status != MatchStatus.REVIEW:
            return False
        match.status = MatchStatus.PROPOSED
        match.save(update_fields=["status"])
        _event(match, MatchEvent.Action.APPROVED, by=by)
        # A match put on hold after a report was already announced: not again.
        notifications_queue(
            [n for n in introduction_notices(match) if not announced(match, n)],
            source=f"match:{match.pk}",
        )
    return True


def match_cancel(*, match: Match, by, note: str = "") -> bool:
    """Staff cancel a match; both people are told it won't go ahead. False if closed."""
    before = match.status
    match = match_close(
        match=match,
        status=MatchStatus.CANCELLED,
        action=MatchEvent.Action.CANCELLED,
        by=by,
        note=note or "Cancelled by staff.",
    )
    return match.status == MatchStatus.CANCELLED and before != MatchStatus.CANCELLED


def match_report(*, match: Match, by, side: str, reason: str, details: str = "") -> MatchReport:
    """A member reports a problem with a match.

    An introduction not yet made is put on hold (awaiting staff review) so no details are
    exchanged until staff look at it; one already made is left as it is for staff to act on.
    Staff are emailed about it (once each, after the commit; see ``report_email_staff``).
    """
    with transaction.atomic():
        match = _locked(match)
        report = MatchReport.objects.create(
            match=match, reporter=by, side=side, reason=reason, details=details
        )
        _event(
            match, MatchEvent.Action.REPORTED, by=by, side=side, note=report.get_reason_display()
        )
        if match.status == MatchStatus.PROPOSED:
            match.status = MatchStatus.REVIEW
            match.save(update_fields=["status"])
            _event(match, MatchEvent.Action.HELD, note="Held after a report.")
        report_email_staff(report_id=report.pk)
    return report


def matches_expire(*, now=None) -> int:
    """Close introductions nobody finished answering within ``MATCHING_LINK_MAX_AGE_DAYS``."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MATCHING_LINK_MAX_AGE_DAYS)
    stale = Match.objects.filter(status=MatchStatus.PROPOSED, created_at__lt=cutoff)
    count = 0
    for match in stale.select_related("need__person", "offer__person").iterator():
        match_close(match=match, status=MatchStatus.EXPIRED, action=MatchEvent.Action.EXPIRED)
        count += 1
    return count


def match_report_resolve(*, report: MatchReport, by, note: str = "") -> bool:
    """Staff mark a member's report on a match resolved, with what they did (``note``).

    Returns False when the report was already resolved. Nobody is emailed: staff act on
    the match itself (approve, cancel) and tell the members from there.
    """
    fields = {"resolved_at": timezone.now(), "resolved_by": by}
    if note:
        fields["staff_note"] = note
    done = MatchReport.objects.filter(pk=report.pk, resolved_at__isnull=True).update(**fields)
    return bool(done)
