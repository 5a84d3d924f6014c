"""SQL expressions "What's on near me" leans on, cheap to compile.

A search lists one row per event: its first date in the time asked for, with how many of
its other dates follow, and the event's interests. Written as ORM subqueries (``Exists``,
``Subquery`` of a grouped count, a grouped ``STRING_AGG``), each is a whole inner query
for Django to build, resolve and compile on every search: with the page's own query,
about half of the page's CPU time. Each here is one SQL template over the outer row's
columns (compiled by Django, so the aliases are right) with every value a parameter, the
way ``postcodes.geo.GreatCircleKm`` and ``spaces.expressions.TagPairs`` are.

``SiblingDates`` says which other dates of the same event count: not cancelled, not yet
over at ``now``, and within the time asked for (``start``, ``end``: what the search's
own dates were filtered by). The conditions on the event itself (approved, not
cancelled, the format, the place) are left out: every date of an event shares them.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BooleanField, Expression, F, IntegerField, TextField

# A character no interest name contains (forms strip control characters).
TAG_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class SiblingDates:
    """The other dates of a row's event that a search compares it with."""

    now: datetime
    start: datetime | None = None
    end: datetime | None = None

    def where(self) -> tuple[str, list]:
        """SQL conditions on ``s`` (a date of the same event) and their parameters."""
        sql = "NOT s.is_cancelled AND s.ends_at >= %s"
        params: list = [self.now]
        if self.start is not None:
            sql += " AND s.ends_at >= %s"
            params.append(self.start)
        if self.end is not None:
            sql += " AND s.starts_at < %s"
            params.append(self.end)
        return sql, params


class _OverDates(Expression):
    """Base of the expressions over a date row's event, start and id."""

    def __init__(self, siblings: SiblingDates, output_field):
        super().__init__(output_field=output_field)
        self.siblings = siblings
        self.event_id, self.starts_at, self.pk = F("event_id"), F("starts_at"), F("pk")

    def get_source_expressions(self):
        return [self.event_id, self.starts_at, self.pk]

    def set_source_expressions(self, exprs):
        self.event_id, self.starts_at, self.pk = exprs

    def _compiled(self, compiler):
        columns, params = [], []
        for expression in (self.event_id, self.starts_at, self.pk):
            sql, column_params = compiler.compile(expression)
            columns.append(sql)
            params.append(list(column_params))
        return columns, params

    def _table(self, connection) -> str:
        from .models import Occurrence

        return connection.ops.quote_name(Occurrence._meta.db_table)


class IsFirstDate(_OverDates):
    """True when no sibling date of the row's event comes before it (ties by id): the row
    is its event's first date in the search."""

    conditional = True

    def __init__(self, siblings: SiblingDates):
        super().__init__(siblings, BooleanField())

    def as_sql(self, compiler, connection):
        (event_id, starts_at, pk), (ep, sp, pp) = self._compiled(compiler)
        where, where_params = self.siblings.where()
        # Only quoted names and Django's compiled columns go into the text; values are
        # parameters.
        sql = (
            f"NOT EXISTS (SELECT 1 FROM {self._table(connection)} s "  # noqa: S608
            f"WHERE s.event_id = {event_id} AND {where} "
            f"AND (s.starts_at < {starts_at} OR (s.starts_at = {starts_at} AND s.id < {pk})))"
        )
        return sql, (*ep, *where_params, *sp, *sp, *pp)


class MoreDates(_OverDates):
    """How many sibling dates of the row's event come after it ("12 more dates")."""

    def __init__(self, siblings: SiblingDates):
        super().__init__(siblings, IntegerField())

    def as_sql(self, compiler, connection):
        (event_id, starts_at, _pk), (ep, sp, _pp) = self._compiled(compiler)
        where, where_params = self.siblings.where()
        sql = (
            f"(SELECT COUNT(*) FROM {self._table(connection)} s "  # noqa: S608
            f"WHERE s.event_id = {event_id} AND {where} AND s.starts_at > {starts_at})"
        )
        return sql, (*ep, *where_params, *sp)


class EventTagNames(Expression):
    """The names of the row's event's interests, sorted, joined by ``TAG_SEPARATOR``;
    None when it has none."""

    output_field = TextField()

    def __init__(self, content_type_id: int, event_field: str = "event_id"):
        super().__init__(output_field=TextField())
        self.content_type_id = content_type_id
        self.event_id = F(event_field)

    def get_source_expressions(self):
        return [self.event_id]

    def set_source_expressions(self, exprs):
        (self.event_id,) = exprs

    def as_sql(self, compiler, connection):
        from taggit.models import Tag, TaggedItem

        event_sql, event_params = compiler.compile(self.event_id)
        qn = connection.ops.quote_name
        items, tags = qn(TaggedItem._meta.db_table), qn(Tag._meta.db_table)
        joined = (
            f"FROM {items} ti INNER JOIN {tags} t ON t.id = ti.tag_id "
            f"WHERE ti.content_type_id = %s AND ti.object_id = {event_sql}"
        )
        if connection.vendor == "postgresql":
            sql = f"(SELECT STRING_AGG(t.name, %s ORDER BY t.name) {joined})"
        else:
            sql = f"(SELECT GROUP_CONCAT(name, %s) FROM (SELECT t.name {joined} ORDER BY t.name))"  # noqa: S608
        return sql, (TAG_SEPARATOR, self.content_type_id, *event_params)


class EventHasTag(Expression):
    """True when the row's event has any of the interests ``slugs`` (an EXISTS, so an
    event with two of them is listed once)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, content_type_id: int, slugs, event_field: str = "event_id"):
        super().__init__(output_field=BooleanField())
        self.content_type_id = content_type_id
        self.slugs = list(slugs)
        self.event_id = F(event_field)

    def get_source_expressions(self):
        return [self.event_id]

    def set_source_expressions(self, exprs):
        (self.event_id,) = exprs

    def as_sql(self, compiler, connection):
        from taggit.models import Tag, TaggedItem

        event_sql, event_params = compiler.compile(self.event_id)
        qn = connection.ops.quote_name
        items, tags = qn(TaggedItem._meta.db_table), qn(Tag._meta.db_table)
        slots = ", ".join(["%s"] * len(self.slugs))
        sql = (
            f"EXISTS (SELECT 1 FROM {items} ti INNER JOIN {tags} t ON t.id = ti.tag_id "  # noqa: S608
            f"WHERE ti.content_type_id = %s AND ti.object_id = {event_sql} "
            f"AND t.slug IN ({slots}))"
        )
        return sql, (self.content_type_id, *event_params, *self.slugs)
