"""Query pieces for the pages that read hundreds of rows by id (the open-data feeds).

``pk__in=ids`` sends one placeholder per id: a 500-id list makes a query text that the
database driver has to split and quote anew on every request (psycopg keeps no cached
copy of a query that long), a few milliseconds each time. ``AnyOf`` sends the ids as one
array parameter on PostgreSQL (``id = ANY(%s)``), so the query text stays the same from
page to page; elsewhere (SQLite) it is the ordinary ``IN``.

``as_text`` reads a date-time column as its text, and ``datetime_from_text`` turns that
text back into an aware ``datetime``: on PostgreSQL Django's own loader parses each
``timestamptz`` in Python, which for a few thousand values per page cost more than the
query itself; ``datetime.fromisoformat`` does the same in C.
"""

from datetime import UTC, datetime

from django.db.models import F, Lookup, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import In


class AnyOf(Lookup):
    """``AnyOf(F("pk"), ids)``, used directly in ``filter()``: the rows whose column is one
    of ``ids`` (a list of integers)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def __init__(self, lhs, rhs):
        if isinstance(lhs, str):
            lhs = F(lhs)
        super().__init__(lhs, [int(value) for value in rhs])

    def as_sql(self, compiler, connection):
        if not self.rhs:
            return "1 = 0", []
        return In(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, self.rhs]


def as_text(column: str) -> Cast:
    """The date-time ``column`` as text (ISO 8601 in UTC), for ``datetime_from_text``."""
    return Cast(column, TextField())


def datetime_from_text(text: str | None) -> datetime | None:
    """An aware datetime from ``as_text``'s text: PostgreSQL's ``2026-12-05 18:00:00+00``
    or SQLite's ``2026-12-05 18:00:00`` (stored in UTC)."""
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
