"""What spaces puts in the staff's moderation queue (core.moderation_queue)."""

from django.utils.translation import gettext_lazy as _

from core import moderation_queue

from .models import Space, SpaceEdit, SpacePhoto, ThreatReport, ThreatState
from .services import status, submissions


def register() -> None:
    moderation_queue.register_listing(
        "spaces.space",
        Space,
        moderate=lambda space, decision, by, note: submissions.space_moderate(
            space=space, decision=decision, by=by, note=note
        ),
    )
    moderation_queue.register_listing(
        "spaces.spaceedit",
        SpaceEdit,
        related=("space", "submitted_by"),
        moderate=lambda edit, decision, by, note: submissions.space_edit_moderate(
            edit=edit, decision=decision, by=by, note=note
        ),
        approve_label=_("Apply the edit"),
        describe=lambda edit: f"{edit} ({', '.join(edit.changes)})",
        refusals=(submissions.DuplicateSpace,),
    )
    moderation_queue.register_listing(
        "spaces.spacephoto", SpacePhoto, related=("space", "submitted_by")
    )
    moderation_queue.register(
        "spaces.threatreport",
        model=ThreatReport,
        pending=lambda: ThreatReport.objects.filter(state=ThreatState.PENDING).select_related(
            "space", "reported_by"
        ),
        submitted_at="created_at",
        approve=lambda report, by, note: status.threat_confirm(report=report, by=by, note=note),
        reject=lambda report, by, note: status.threat_dismiss(report=report, by=by, note=note),
        approve_label=_("Confirm the threat"),
        reject_label=_("Dismiss"),
        describe=lambda report: f"{report}: {report.what[:120]}",
        submitter=lambda report: report.reported_by,
    )
