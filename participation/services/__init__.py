"""The participation app's workflows, one module per sub-domain: ``processes`` (phases,
follows, who leads), ``posts`` (the blog and its comments), ``proposals`` (supports and
official answers), ``surveys`` (answering, the CSV), ``results`` (privacy-safe figures) and
``notifications`` (immediate or weekly, one-click stop)."""

from .notifications import digests_send, notices_stop, notify, settings_for
from .posts import (
    ParticipationError,
    comment_add,
    comment_edit,
    comment_hide,
    comment_report,
    comment_reports_dismiss,
    comment_thread,
    post_create,
)
from .processes import is_lead, phase_activate, process_follow, processes_for_listing
from .proposals import proposal_answer, proposal_create, proposal_support, proposal_unsupport
from .results import THRESHOLD, survey_results
from .surveys import export_rows, response_for, response_initial, response_save

__all__ = [
    "THRESHOLD",
    "ParticipationError",
    "comment_add",
    "comment_edit",
    "comment_hide",
    "comment_report",
    "comment_reports_dismiss",
    "comment_thread",
    "digests_send",
    "export_rows",
    "is_lead",
    "notices_stop",
    "notify",
    "phase_activate",
    "post_create",
    "process_follow",
    "processes_for_listing",
    "proposal_answer",
    "proposal_create",
    "proposal_support",
    "proposal_unsupport",
    "response_for",
    "response_initial",
    "response_save",
    "settings_for",
    "survey_results",
]
