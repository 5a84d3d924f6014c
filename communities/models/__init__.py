from .commitments import (
    MAX_TARGET,
    CheckIn,
    Commitment,
    CommitmentArea,
    CommitmentStatus,
    ProgressUpdate,
)
from .groups import (
    MAX_RADIUS_KM,
    AreaType,
    ClaimStatus,
    Group,
    GroupClaim,
    GroupKind,
    Membership,
    Role,
    anniversary,
    checkin_years_elapsed,
)
from .guides import Guide, GuideStep
from .pioneers import Pioneer, PioneerMessage

__all__ = [
    "MAX_RADIUS_KM",
    "MAX_TARGET",
    "AreaType",
    "CheckIn",
    "ClaimStatus",
    "Commitment",
    "CommitmentArea",
    "CommitmentStatus",
    "Group",
    "GroupClaim",
    "GroupKind",
    "Guide",
    "GuideStep",
    "Membership",
    "Pioneer",
    "PioneerMessage",
    "ProgressUpdate",
    "Role",
    "anniversary",
    "checkin_years_elapsed",
]
