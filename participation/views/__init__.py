"""The participation pages, one module per part: ``processes`` (list, page, follow, feed),
``posts`` (the blog and comments), ``proposals``, ``surveys`` (answer, results, CSV),
``notifications`` (choices, one-click stop); ``common`` finds what a visitor may see."""

from .notifications import notice_settings, unsubscribe
from .posts import comment_edit, comment_hide, comment_report, post_create, post_detail, post_list
from .processes import ProcessFeed, process_detail, process_follow, process_list
from .proposals import (
    proposal_answer,
    proposal_create,
    proposal_detail,
    proposal_list,
    proposal_support,
)
from .surveys import survey_detail, survey_export, survey_results

__all__ = [
    "ProcessFeed",
    "comment_edit",
    "comment_hide",
    "comment_report",
    "notice_settings",
    "post_create",
    "post_detail",
    "post_list",
    "process_detail",
    "process_follow",
    "process_list",
    "proposal_answer",
    "proposal_create",
    "proposal_detail",
    "proposal_list",
    "proposal_support",
    "survey_detail",
    "survey_export",
    "survey_results",
    "unsubscribe",
]
