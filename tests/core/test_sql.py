"""core.sql: rows by a list of ids in one array parameter, date-times read as text."""

from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.sql import AnyOf, Selected, as_text, datetime_from_text
from events.models import Event
from tests.events.factories import EventFactory


def test_any_of_finds_exactly_the_rows_with_those_ids(db):
    first, second, _third = EventFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        found = set(Event.objects.filter(AnyOf("pk", [second.pk, first.pk, 999_999])))
    assert found == {first, second}
    if connection.vendor == "postgresql":
        # One parameter however many ids: the query's text is the same from page to page.
        assert "= ANY(" in queries[0]["sql"]
    assert list(Event.objects.filter(AnyOf("pk", []))) == []


def test_a_datetime_read_as_text_comes_back_the_same(db):
    starts = datetime(2026, 12, 5, 18, 30, 15, 250, tzinfo=UTC)
    event = EventFactory(starts_at=starts, ends_at=starts.replace(hour=20))
    text = Event.objects.filter(pk=event.pk).values_list(as_text("starts_at"), flat=True).get()
    assert datetime_from_text(text) == starts
    assert datetime_from_text(None) is None


def test_selected_reads_datetimes_as_text_and_gives_the_same_instance(db):
    starts = datetime(2026, 12, 5, 18, 30, 15, 250, tzinfo=UTC)
    event = EventFactory(starts_at=starts, ends_at=starts.replace(hour=20))
    names = ["id", "title", "starts_at", "cancelled_at", "updated_at"]
    by_text = Selected(Event, names, "e", datetimes_as_text=True)
    plain = Selected(Event, names, "e")
    table = connection.ops.quote_name(Event._meta.db_table)
    loaded = []
    for selected in (by_text, plain):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(selected.sql)} FROM {table} e")  # noqa: S608
            loaded.append(selected.instance(cursor.fetchone()))
    if connection.vendor == "postgresql":
        assert "::text" in " ".join(by_text.sql)
    for instance in loaded:
        assert (instance.pk, instance.title, instance.starts_at) == (event.pk, event.title, starts)
        assert instance.cancelled_at is None
        assert instance.updated_at == event.updated_at
