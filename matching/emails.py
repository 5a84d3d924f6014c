"""The matching app's emails about matches: their purposes in the outbox, and how each renders.

A member gets one email per purpose with everything new for them (a need's schemes and
introductions arrive together): the row's context lists the matches it covers, and the
builders below load them at send time. Matches that moved on since (a withdrawn need, a
cancelled introduction) are left out; when none is left the email went stale and the
outbox skips it. ``matching.services.notifications`` asks for these emails.
Templates: ``matching/templates/matching/emails/<name>-{subject,body}.txt`` and ``-body.html``.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from core.links import absolute_url
from core.outbox import registry
from core.signposting import urgent_help

from .models import CLOSED_STATUSES, Match, MatchReport, MatchStatus, RequestStatus

NEED_MATCHED = "matching.need-matched"
OFFER_INTRODUCTION = "matching.offer-introduction"
DETAILS = "matching.details"
CLOSED = "matching.closed"
REPORT_STAFF = "matching.report-staff"

# The emails about matches to the people in them (the staff report is separate).
MATCH_PURPOSES = (NEED_MATCHED, OFFER_INTRODUCTION, DETAILS, CLOSED)


def relevant(purpose: str, match: Match) -> bool:
    """Whether an email about ``match`` still makes sense now (it may have moved on since)."""
    if purpose == NEED_MATCHED:
        return (
            match.status in (MatchStatus.SUGGESTED, MatchStatus.PROPOSED)
            and match.need.status != RequestStatus.WITHDRAWN
        )
    if purpose == OFFER_INTRODUCTION:
        return match.status == MatchStatus.PROPOSED
    if purpose == DETAILS:
        # The one email with another person's contact details: both consented, both accepted.
        return (
            match.status == MatchStatus.INTRODUCED
            and match.need.has_consent
            and match.offer.has_consent
        )
    if purpose == CLOSED:
        return match.status in CLOSED_STATUSES
    return False


def _answer_urls(match: Match, side: str) -> dict:
    from .services.matches import response_token_make

    token = response_token_make(match=match, side=side)
    url = absolute_url(reverse("matching:respond", kwargs={"token": token}))
    return {"accept_url": f"{url}?answer=accept", "decline_url": f"{url}?answer=decline"}


def _matches(row) -> list[Match]:
    matches = (
        Match.objects.filter(pk__in=row.context["matches"])
        .select_related("need__person", "offer__person", "scheme")
        .prefetch_related("need__kinds", "need__topics", "offer__kinds", "offer__topics")
        .order_by("pk")
    )
    return [m for m in matches if relevant(row.purpose, m)]


def _start(row) -> tuple[object, list[Match], dict] | None:
    recipient = get_user_model().objects.filter(pk=row.context["recipient"]).first()
    matches = _matches(row) if recipient is not None else []
    if not matches:
        return None
    context = {"recipient": recipient, "mine_url": absolute_url(reverse("matching:mine"))}
    return recipient, matches, context


def need_matched_context(row) -> dict | None:
    """Schemes with their contacts and introductions to answer, grouped by need."""
    started = _start(row)
    if started is None:
        return None
    _recipient, matches, context = started
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
    return context


def offer_introduction_context(row) -> dict | None:
    """What a neighbour needs (no name, no address) and the links to answer."""
    started = _start(row)
    if started is None:
        return None
    _recipient, matches, context = started
    context["introductions"] = [
        {"match": m, "need": m.need, **_answer_urls(m, "offer")} for m in matches
    ]
    return context


def details_context(row) -> dict | None:
    """Both said yes: each gets the other's contact details."""
    started = _start(row)
    if started is None:
        return None
    recipient, matches, context = started
    context["introductions"] = []
    for m in matches:
        mine_is_need = m.need.person_id == recipient.pk
        context["introductions"].append(
            {
                "match": m,
                "other": m.offer.person if mine_is_need else m.need.person,
                "theirs": m.offer if mine_is_need else m.need,
                "mine": m.need if mine_is_need else m.offer,
                "url": absolute_url(m.get_absolute_url()),
            }
        )
    return context


def closed_context(row) -> dict | None:
    """The introduction won't go ahead (no details of the other person)."""
    started = _start(row)
    if started is None:
        return None
    _recipient, matches, context = started
    context["matches"] = matches
    return context


def report_staff_context(row) -> dict | None:
    """A member's report on a match, for staff: no names, no contact details, admin links."""
    report = MatchReport.objects.select_related("match").filter(pk=row.context["report"]).first()
    if report is None:
        return None
    admin_url = absolute_url(reverse("admin:matching_matchreport_change", args=[report.pk]))
    match_url = absolute_url(reverse("admin:matching_match_change", args=[report.match_id]))
    return {
        "report": report,
        "match": report.match,
        "held": report.match.status == MatchStatus.REVIEW,
        "admin_url": admin_url,
        "match_url": match_url,
    }


def register() -> None:
    for purpose, name, context, label in [
        (NEED_MATCHED, "need-matched", need_matched_context, "Matches found for a need"),
        (
            OFFER_INTRODUCTION,
            "offer-introduction",
            offer_introduction_context,
            "Introduction offered to a volunteer",
        ),
        (DETAILS, "details", details_context, "Both accepted: contact details"),
        (CLOSED, "closed", closed_context, "The introduction won't go ahead"),
        (REPORT_STAFF, "report-staff", report_staff_context, "A match was reported (to staff)"),
    ]:
        registry.register(purpose, template=f"matching/emails/{name}", context=context, label=label)
