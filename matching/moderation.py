"""What matching puts in the staff's moderation queue (core.moderation_queue)."""

from django.utils.translation import gettext_lazy as _

from core import moderation_queue

from .models import Match, MatchReport, MatchStatus
from .services.matches import MatchError, match_approve, match_cancel, match_report_resolve


def _approve(match, by, note):
    if not match_approve(match=match, by=by):
        raise moderation_queue.Refused(_("that introduction is no longer awaiting review."))


def _resolve(report, by, note):
    if not match_report_resolve(report=report, by=by, note=note):
        raise moderation_queue.Refused(_("that report was already resolved."))


def register() -> None:
    moderation_queue.register(
        "matching.match",
        model=Match,
        label=_("introductions awaiting review"),
        pending=lambda: Match.objects.filter(status=MatchStatus.REVIEW).select_related(
            "need__person", "offer__person", "scheme"
        ),
        submitted_at="created_at",
        approve=_approve,
        reject=lambda match, by, note: match_cancel(match=match, by=by, note=note),
        approve_label=_("Approve the introduction"),
        reject_label=_("Cancel it"),
        describe=lambda match: (
            f"{match} ({match.need.person} with {match.offer.person})"
            if match.offer_id
            else str(match)
        ),
        submitter=lambda match: match.need.person,
        refusals=(MatchError,),
    )
    moderation_queue.register(
        "matching.matchreport",
        model=MatchReport,
        label=_("reports on matches"),
        pending=lambda: MatchReport.objects.filter(resolved_at__isnull=True).select_related(
            "reporter", "match"
        ),
        submitted_at="created_at",
        approve=_resolve,
        approve_label=_("Mark resolved"),
        describe=lambda report: f"{report}: {report.details[:120]}",
        submitter=lambda report: report.reporter,
    )
