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

from core.sql import tagged_with_any_sql

# A character no interest name contains (forms strip control characters).
TAG_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class SiblingDates:
    """The other dates of a row's event that a search compares it with."""

    now: datetime
    start: datetime | None = None
    end: datetime | None = None

    @property
    def from_now(self) -> bool:
        """The time asked for starts now (no dates, today, the next 7 days, this weekend
        once it has begun): an event's first date in it is then its next date, kept on
        the event (``Event.next_date``), if that starts before ``end``."""
        return self.start is None or self.start <= self.now

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


# Each ``*_sql`` function takes the outer row's columns as (SQL, params) pairs and gives
# (SQL, params): the expressions below pass Django's compiled columns, and the search's
# query written as SQL (``events.listing``) passes its own aliases.
Column = tuple[str, list | tuple]


def _occurrence_table(connection) -> str:
    from .models import Occurrence

    return connection.ops.quote_name(Occurrence._meta.db_table)


def _tag_tables(connection) -> tuple[str, str]:
    from taggit.models import Tag, TaggedItem

    qn = connection.ops.quote_name
    return qn(TaggedItem._meta.db_table), qn(Tag._meta.db_table)


def is_first_date_sql(siblings, event_id: Column, starts_at: Column, pk: Column, connection):
    """No sibling date of the row's event comes before it (ties by id)."""
    (event_sql, ep), (starts_sql, sp), (pk_sql, pp) = event_id, starts_at, pk
    where, where_params = siblings.where()
    # Only quoted names and compiled columns go into the text; values are parameters.
    sql = (
        f"NOT EXISTS (SELECT 1 FROM {_occurrence_table(connection)} s "  # noqa: S608
        f"WHERE s.event_id = {event_sql} AND {where} "
        f"AND (s.starts_at < {starts_sql} OR (s.starts_at = {starts_sql} AND s.id < {pk_sql})))"
    )
    return sql, (*ep, *where_params, *sp, *sp, *pp)


def more_dates_sql(siblings, event_id: Column, starts_at: Column, connection):
    """How many sibling dates of the row's event come after it."""
    (event_sql, ep), (starts_sql, sp) = event_id, starts_at
    where, where_params = siblings.where()
    sql = (
        f"(SELECT COUNT(*) FROM {_occurrence_table(connection)} s "  # noqa: S608
        f"WHERE s.event_id = {event_sql} AND {where} AND s.starts_at > {starts_sql})"
    )
    return sql, (*ep, *where_params, *sp)


def tag_names_sql(content_type_id: int, event_id: Column, connection):
    """The event's interest names, sorted, joined by ``TAG_SEPARATOR`` (None for none)."""
    event_sql, event_params = event_id
    items, tags = _tag_tables(connection)
    joined = (
        f"FROM {items} ti INNER JOIN {tags} t ON t.id = ti.tag_id "
        f"WHERE ti.content_type_id = %s AND ti.object_id = {event_sql}"
    )
    if connection.vendor == "postgresql":
        sql = f"(SELECT STRING_AGG(t.name, %s ORDER BY t.name) {joined})"
    else:
        sql = f"(SELECT GROUP_CONCAT(name, %s) FROM (SELECT t.name {joined} ORDER BY t.name))"  # noqa: S608
    return sql, (TAG_SEPARATOR, content_type_id, *event_params)


def has_tag_sql(content_type_id: int, slugs, event_id: Column, connection):
    """The event has any of the interests ``slugs`` (an EXISTS: listed once with two)."""
    return tagged_with_any_sql(content_type_id, slugs, event_id)


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


class IsFirstDate(_OverDates):
    """True when no sibling date of the row's event comes before it (ties by id): the row
    is its event's first date in the search."""

    conditional = True

    def __init__(self, siblings: SiblingDates):
        super().__init__(siblings, BooleanField())

    def as_sql(self, compiler, connection):
        columns = [compiler.compile(c) for c in (self.event_id, self.starts_at, self.pk)]
        return is_first_date_sql(self.siblings, *columns, connection)


class MoreDates(_OverDates):
    """How many sibling dates of the row's event come after it ("12 more dates")."""

    def __init__(self, siblings: SiblingDates):
        super().__init__(siblings, IntegerField())

    def as_sql(self, compiler, connection):
        columns = [compiler.compile(c) for c in (self.event_id, self.starts_at)]
        return more_dates_sql(self.siblings, *columns, connection)


class _OverEvent(Expression):
    """Base of the expressions over a row's event: its id column (``event_field``)."""

    def __init__(self, content_type_id: int, event_field: str, output_field):
        super().__init__(output_field=output_field)
        self.content_type_id = content_type_id
        self.event_id = F(event_field)

    def get_source_expressions(self):
        return [self.event_id]

    def set_source_expressions(self, exprs):
        (self.event_id,) = exprs


class EventTagNames(_OverEvent):
    """The names of the row's event's interests, sorted, joined by ``TAG_SEPARATOR``;
    None when it has none."""

    output_field = TextField()

    def __init__(self, content_type_id: int, event_field: str = "event_id"):
        super().__init__(content_type_id, event_field, TextField())

    def as_sql(self, compiler, connection):
        return tag_names_sql(self.content_type_id, compiler.compile(self.event_id), connection)


class EventHasTag(_OverEvent):
    """True when the row's event has any of the interests ``slugs`` (an EXISTS, so an
    event with two of them is listed once)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, content_type_id: int, slugs, event_field: str = "event_id"):
        super().__init__(content_type_id, event_field, BooleanField())
        self.slugs = list(slugs)

    def as_sql(self, compiler, connection):
        event_id = compiler.compile(self.event_id)
        return has_tag_sql(self.content_type_id, self.slugs, event_id, connection)
