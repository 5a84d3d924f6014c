"""What spaces puts in the staff's moderation queue (core.moderation_queue)."""

from django.utils.translation import gettext_lazy as _

from core import moderation_queue
from core.models import ModerationStatus
from core.moderation import listing_moderate

from .models import Space, SpaceEdit, SpacePhoto, ThreatReport, ThreatState
from .services import status, submissions

APPROVED, REJECTED = ModerationStatus.APPROVED, ModerationStatus.REJECTED


def register() -> None:
    moderation_queue.register(
        "spaces.space",
        model=Space,
        pending=lambda: Space.objects.pending().select_related("submitted_by"),
        approve=lambda space, by, note: submissions.space_moderate(
            space=space, decision=APPROVED, by=by, note=note
        ),
        reject=lambda space, by, note: submissions.space_moderate(
            space=space, decision=REJECTED, by=by, note=note
        ),
        submitter=lambda space: space.submitted_by,
    )
    moderation_queue.register(
        "spaces.spaceedit",
        model=SpaceEdit,
        pending=lambda: SpaceEdit.objects.pending().select_related("space", "submitted_by"),
        approve=lambda edit, by, note: submissions.space_edit_moderate(
            edit=edit, decision=APPROVED, by=by, note=note
        ),
        reject=lambda edit, by, note: submissions.space_edit_moderate(
            edit=edit, decision=REJECTED, by=by, note=note
        ),
        approve_label=_("Apply the edit"),
        describe=lambda edit: f"{edit} ({', '.join(edit.changes)})",
        submitter=lambda edit: edit.submitted_by,
        refusals=(submissions.DuplicateSpace,),
    )
    moderation_queue.register(
        "spaces.spacephoto",
        model=SpacePhoto,
        pending=lambda: SpacePhoto.objects.pending().select_related("space", "submitted_by"),
        approve=lambda photo, by, note: listing_moderate(
            listing=photo, decision=APPROVED, by=by, note=note
        ),
        reject=lambda photo, by, note: listing_moderate(
            listing=photo, decision=REJECTED, by=by, note=note
        ),
        submitter=lambda photo: photo.submitted_by,
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
