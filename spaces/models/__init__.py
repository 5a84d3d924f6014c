"""Community spaces: the places where neighbours meet, their status, and the people saving them."""

from .contributions import SpaceEdit, SpacePhoto, photo_path
from .saving import Pledge, StatusChange, ThreatReport, ThreatState
from .space import (
    FACILITIES,
    LISTING_FIELDS,
    WEEKDAYS,
    Kind,
    OwnerType,
    Space,
    SpaceQuerySet,
    Status,
    TransferStage,
    name_key,
)

__all__ = [
    "FACILITIES",
    "LISTING_FIELDS",
    "WEEKDAYS",
    "Kind",
    "OwnerType",
    "Pledge",
    "Space",
    "SpaceEdit",
    "SpacePhoto",
    "SpaceQuerySet",
    "Status",
    "StatusChange",
    "ThreatReport",
    "ThreatState",
    "TransferStage",
    "name_key",
    "photo_path",
]
