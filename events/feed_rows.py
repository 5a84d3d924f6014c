"""What the OpenActive feeds (opendata) read of an event and of a date: plain rows, not
model instances.

A 500-item feed page built from ``Event`` instances spent half its time making them (each
instance sets every one of the model's fields, loaded or not, and its group, space and
organiser are three more instances). A ``FeedEvent`` holds only what a feed item shows,
read with ``values()``, and answers the questions a feed asks with the model's own
properties (``is_approved``, ``is_in_person``, ``place_name``, ``organiser_name``…), so
the rules stay in one place.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from accounts.models import User
from core.sql import as_text, datetime_from_text

from .models import Event

# Read as text and parsed with ``datetime.fromisoformat`` (``core.sql`` says why).
DATETIME_COLUMNS = {"starts_at", "ends_at", "cancelled_at", "event__cancelled_at"}


def query_columns(columns) -> list:
    """``columns`` as ``values_list()`` arguments: date-times as text (``core.sql.as_text``)."""
    return [as_text(name) if name in DATETIME_COLUMNS else name for name in columns]


def _with_datetimes(row: tuple, positions: list[int]) -> list:
    values = list(row)
    for at in positions:
        values[at] = datetime_from_text(values[at])
    return values


@dataclass(frozen=True, slots=True)
class Linked:
    """A group or space an event links to."""

    id: int
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class Organiser:
    id: int
    display_name: str

    public_name = User.public_name


@dataclass(frozen=True, slots=True)
class SingleDate:
    """The date of a one-off event."""

    pk: int
    starts_at: datetime
    ends_at: datetime
    is_cancelled: bool


SINGLE_DATE_COLUMNS = ("event_id", "pk", "starts_at", "ends_at", "is_cancelled")


def single_date(row: tuple) -> tuple[int, SingleDate]:
    """(event id, its SingleDate) from a row of ``query_columns(SINGLE_DATE_COLUMNS)``."""
    event_id, pk, starts_at, ends_at, is_cancelled = row
    return event_id, SingleDate(
        pk, datetime_from_text(starts_at), datetime_from_text(ends_at), is_cancelled
    )


@dataclass(slots=True)
class FeedEvent:
    pk: int
    title: str
    slug: str
    description: str
    moderation_status: str
    cancelled_at: datetime | None
    attendance_mode: str
    venue_name: str
    address: str
    postcode: str
    latitude: float | None
    longitude: float | None
    outcode: str
    lad_code: str
    nation: str
    price: Decimal
    capacity: int | None
    accessibility_notes: str
    image_name: str
    recurrence: str
    starts_at: datetime
    ends_at: datetime
    group: Linked | None
    space: Linked | None
    organiser: Organiser | None
    interest_names: list[str] = field(default_factory=list)
    single_dates: list[SingleDate] = field(default_factory=list)

    # The model's own rules, read from these fields.
    is_approved = Event.is_approved
    is_cancelled = Event.is_cancelled
    is_in_person = Event.is_in_person
    is_recurring = Event.is_recurring
    place_name = Event.place_name
    organiser_name = Event.organiser_name

    @property
    def group_id(self) -> int | None:
        return self.group.id if self.group else None

    @property
    def space_id(self) -> int | None:
        return self.space.id if self.space else None

    @property
    def organiser_id(self) -> int | None:
        return self.organiser.id if self.organiser else None

    @property
    def image_url(self) -> str:
        """The image's address on this site ("" without one)."""
        if not self.image_name:
            return ""
        return Event._meta.get_field("image").storage.url(self.image_name)


@dataclass(slots=True)
class FeedDateEvent:
    """What a date's feed item reads of its event."""

    pk: int
    slug: str
    moderation_status: str
    cancelled_at: datetime | None
    attendance_mode: str
    capacity: int | None
    interest_names: list[str]

    is_approved = Event.is_approved
    is_cancelled = Event.is_cancelled
    is_in_person = Event.is_in_person


@dataclass(slots=True)
class FeedDate:
    """A date of an event, as the scheduled-sessions feed reads it."""

    pk: int
    starts_at: datetime
    ends_at: datetime
    going_count: int
    is_cancelled: bool
    event: FeedDateEvent


FEED_DATE_COLUMNS = (
    "id", "starts_at", "ends_at", "going_count", "is_cancelled", "event_id", "event__slug",
    "event__moderation_status", "event__cancelled_at", "event__attendance_mode",
    "event__capacity",
)  # fmt: skip


_FEED_DATE_TIMES = [n for n, name in enumerate(FEED_DATE_COLUMNS) if name in DATETIME_COLUMNS]


def feed_date(row: tuple, interest_names: list[str]) -> FeedDate:
    """A FeedDate from a row of ``query_columns(FEED_DATE_COLUMNS)``."""
    row = _with_datetimes(row, _FEED_DATE_TIMES)
    return FeedDate(*row[:5], event=FeedDateEvent(*row[5:], interest_names=interest_names))


# The columns a FeedEvent is read from, in its fields' order (group, space and organiser
# are read as their parts).
FEED_COLUMNS = (
    "id", "title", "slug", "description", "moderation_status", "cancelled_at",
    "attendance_mode", "venue_name", "address", "postcode", "latitude", "longitude",
    "outcode", "lad_code", "nation", "price", "capacity", "accessibility_notes", "image",
    "recurrence", "starts_at", "ends_at", "group_id", "group__name", "group__slug",
    "space_id", "space__name", "space__slug", "organiser_id", "organiser__display_name",
)  # fmt: skip


_FEED_TIMES = [n for n, name in enumerate(FEED_COLUMNS) if name in DATETIME_COLUMNS]


def feed_event(row: tuple, interest_names: list[str]) -> FeedEvent:
    """A FeedEvent from a row of ``query_columns(FEED_COLUMNS)``."""
    row = _with_datetimes(row, _FEED_TIMES)
    *own, group_id, group_name, group_slug, space_id, space_name, space_slug = row[:-2]
    organiser_id, organiser_name = row[-2:]
    return FeedEvent(
        *own,
        group=Linked(group_id, group_name, group_slug) if group_id else None,
        space=Linked(space_id, space_name, space_slug) if space_id else None,
        organiser=Organiser(organiser_id, organiser_name or "") if organiser_id else None,
        interest_names=interest_names,
    )
