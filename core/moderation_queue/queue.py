"""Reading the queue: counts per kind and pages of items, oldest first, in constant queries.

Counting every kind is one query (a ``UNION ALL`` of one ``COUNT`` per kind); a page is one
more (a ``UNION ALL`` of each kind's pending rows, ordered by submission time) and one per
kind present on the page to load its items. Nothing grows with the number of items waiting.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, F, IntegerField, Value

from core.paging import page_number

from .registry import Kind, get

PER_PAGE = 50


@dataclass(frozen=True)
class Waiting:
    """A kind with the number of its items awaiting a decision."""

    kind: Kind
    count: int


@dataclass(frozen=True)
class Item:
    """One item awaiting a decision, as the queue shows it."""

    kind: Kind
    obj: object
    submitted_at: datetime | None

    @property
    def key(self) -> str:
        """``<kind>:<pk>``, the item's name in a posted decision."""
        return f"{self.kind.key}:{self.obj.pk}"

    @property
    def description(self) -> str:
        return self.kind.describe(self.obj)

    @property
    def submitter(self):
        return self.kind.submitter(self.obj) if self.kind.submitter else None

    @property
    def change_url(self) -> str:
        return self.kind.change_url(self.obj.pk)


def waiting(kinds: list[Kind]) -> list[Waiting]:
    """How many items of each kind await a decision (every kind, zeros included)."""
    if not kinds:
        return []
    parts = [
        kind.pending()
        .order_by()
        .annotate(q_kind=Value(kind.key, output_field=CharField()))
        .values("q_kind")
        .annotate(q_count=Count("pk"))
        .values_list("q_kind", "q_count")
        for kind in kinds
    ]
    counts = dict(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else dict(parts[0])
    return [Waiting(kind, counts.get(kind.key, 0)) for kind in kinds]


def _rows(kinds: list[Kind]):
    parts = [
        kind.pending()
        .order_by()
        .annotate(
            q_kind=Value(kind.key, output_field=CharField()),
            q_pk=F("pk"),
            q_at=F(kind.submitted_at),
            q_order=Value(index, output_field=IntegerField()),
        )
        .values_list("q_kind", "q_pk", "q_at", "q_order")
        for index, kind in enumerate(kinds)
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return rows.order_by("q_at", "q_order", "q_pk")


def queue_page(kinds: list[Kind], raw_number, *, total: int, per_page: int = PER_PAGE) -> Page:
    """Page ``raw_number`` of every item of ``kinds`` awaiting a decision, oldest first.

    ``total`` is the sum of ``waiting(kinds)`` (already counted for the headline). The page's
    ``object_list`` holds ``Item``s; an item decided between the two reads is left out.
    """
    paginator = Paginator([], per_page)
    # Paginator.count is a cached property: give it the total already counted.
    paginator.__dict__["count"] = total
    number = min(page_number(raw_number), paginator.num_pages)
    if not kinds or not total:
        return Page([], 1, paginator)
    offset = (number - 1) * per_page
    rows = list(_rows(kinds)[offset : offset + per_page])
    return Page(_items(rows), number, paginator)


def _items(rows) -> list[Item]:
    wanted: dict[str, list] = {}
    for key, pk, _at, _order in rows:
        wanted.setdefault(key, []).append(pk)
    loaded = {key: get(key).pending().in_bulk(pks) for key, pks in wanted.items()}
    return [
        Item(get(key), loaded[key][pk], at) for key, pk, at, _order in rows if pk in loaded[key]
    ]


def pending_item(kind: Kind, pk) -> object | None:
    """The item of ``kind`` with ``pk`` if it still awaits a decision, else None."""
    try:
        return kind.pending().filter(pk=pk).first()
    except (TypeError, ValueError):
        return None
