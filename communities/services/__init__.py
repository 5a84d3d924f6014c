"""Workflows of the communities app. Views and tasks import from here.

Split by sub-domain: ``groups`` (groups, members, claims), ``commitments`` (registration,
progress, review), ``checkins`` (the yearly email) and ``pioneers`` (relayed messages).
The co-operative audit and deserts combine several apps: they live in ``portal/audit.py``.
"""

from .checkins import checkins_queue_due
from .commitments import (
    commitment_add,
    commitment_remove,
    community_register,
    community_review,
    progress_is_implausible,
    progress_post,
    registration_missing,
)
from .errors import CommunityError
from .groups import (
    claim_decide,
    claim_submit,
    group_area_apply,
    group_area_refresh,
    group_create,
    group_slug,
    group_spaces_set,
    group_update,
    membership_join,
    membership_leave,
    membership_remove,
    membership_set_role,
)
from .pioneers import pioneer_message_reply, pioneer_message_send

__all__ = [
    "CommunityError",
    "checkins_queue_due",
    "claim_decide",
    "claim_submit",
    "commitment_add",
    "commitment_remove",
    "community_register",
    "community_review",
    "group_area_apply",
    "group_area_refresh",
    "group_create",
    "group_slug",
    "group_spaces_set",
    "group_update",
    "membership_join",
    "membership_leave",
    "membership_remove",
    "membership_set_role",
    "pioneer_message_reply",
    "pioneer_message_send",
    "progress_is_implausible",
    "progress_post",
    "registration_missing",
]
