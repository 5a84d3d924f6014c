"""Workflows of the communities app. Views and tasks import from here.

Split by sub-domain: ``groups`` (groups, members, claims), ``commitments`` (registration,
progress, review), ``checkins`` (the yearly email), ``pioneers`` (relayed messages) and
``audit`` (what exists near a postcode; co-operative deserts).
"""

from .audit import DesertLevel, DesertRow, PlaceAudit, deserts_rank, place_audit
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
    "DesertLevel",
    "DesertRow",
    "PlaceAudit",
    "checkins_queue_due",
    "claim_decide",
    "claim_submit",
    "commitment_add",
    "commitment_remove",
    "community_register",
    "community_review",
    "deserts_rank",
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
    "place_audit",
    "progress_is_implausible",
    "progress_post",
    "registration_missing",
]
