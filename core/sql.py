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

For a listing query written once as SQL (``events.listing``, ``spaces.listing``):
``Selected`` names a model's columns in it and turns a row's values into what the ORM
would give (an instance, or a ``values()`` dict); ``tagged_with_any_sql`` is the "has any
of these tags" condition.
"""

from datetime import UTC, datetime

from django.db import connection
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


def _from_text(value, _expression, _connection):
    return datetime_from_text(value)


class Selected:
    """The columns ``names`` of ``model`` (``"pk"`` for its primary key) as a query
    written in SQL selects them, from the table aliased ``alias``: ``sql``, the
    "alias.column" list to select, in the model's field order (``columns``: the same,
    never cast); ``instance(values)``, the model instance ``Model.from_db`` makes of
    them (other fields deferred); ``as_dict(values)``, the dict ``values(*names)`` would
    give. Values go through Django's own conversions (none on PostgreSQL; dates, booleans
    and decimals on SQLite). ``datetimes_as_text``: on PostgreSQL, date-time columns are
    selected as text and made into datetimes by ``datetime_from_text`` (cheaper than
    Django's timestamp loader). A listing makes its ``Selected`` once per process (they
    depend only on the models and the database's vendor).
    """

    def __init__(self, model, names, alias: str, datetimes_as_text: bool = False):
        meta = model._meta
        named = {(meta.pk if n == "pk" else meta.get_field(n)): n for n in names}
        order = {field.attname: i for i, field in enumerate(meta.concrete_fields)}
        fields = sorted(named, key=lambda field: order[field.attname])
        qn = connection.ops.quote_name
        self.model = model
        self.keys = [named[f] for f in fields]
        self.attnames = [f.attname for f in fields]
        self.columns = [f"{alias}.{qn(f.column)}" for f in fields]
        self.sql = list(self.columns)
        self.converters = []
        as_text = datetimes_as_text and connection.vendor == "postgresql"
        for i, field in enumerate(fields):
            if as_text and field.get_internal_type() == "DateTimeField":
                self.sql[i] += "::text"
                self.converters.append((i, [_from_text], None))
                continue
            col = field.get_col(meta.db_table)
            found = connection.ops.get_db_converters(col) + field.get_db_converters(connection)
            if found:
                self.converters.append((i, found, col))

    def __len__(self) -> int:
        return len(self.sql)

    def convert(self, values) -> list:
        values = list(values)
        for i, converters, col in self.converters:
            for converter in converters:
                values[i] = converter(values[i], col, connection)
        return values

    def instance(self, values):
        return self.model.from_db(connection.alias, self.attnames, self.convert(values))

    def as_dict(self, values) -> dict:
        return dict(zip(self.keys, self.convert(values), strict=True))


def tagged_with_any_sql(content_type_id: int, slugs, object_id: tuple[str, list | tuple]):
    """(SQL, params): the row ``object_id`` (its SQL and params) has any of the taggit tags
    ``slugs``. An EXISTS, so a row with two of them is found once."""
    from taggit.models import Tag, TaggedItem

    object_sql, object_params = object_id
    qn = connection.ops.quote_name
    items, tags = qn(TaggedItem._meta.db_table), qn(Tag._meta.db_table)
    slots = ", ".join(["%s"] * len(slugs))
    sql = (
        f"EXISTS (SELECT 1 FROM {items} ti INNER JOIN {tags} t ON t.id = ti.tag_id "  # noqa: S608
        f"WHERE ti.content_type_id = %s AND ti.object_id = {object_sql} "
        f"AND t.slug IN ({slots}))"
    )
    return sql, (content_type_id, *object_params, *slugs)
