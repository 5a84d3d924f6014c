"""The demo community in the test database, loaded for real once per test process.

``manage.py load_demo`` takes most of a minute (the wellbeing index alone is 305,000 values
for 43,000 areas), and the crawls, the hostile-query suite and the browser checks each need
the whole demo. The first call in a process runs the real command and copies every table
into a snapshot table beside it; later calls empty the tables and copy the rows back, which
takes a second or two. Primary keys come back as they were, so anything that remembered an
id (the content-type cache, the current Site) is still right, and sequences are reset past
them.

The caller owns the database's state around it, as with ``load_demo`` itself: the database
should be empty (freshly flushed) before, and is flushed after by the fixture that asked.
"""

import io

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

_snapshot: list[tuple[str, str]] = []  # (table, its snapshot table), once taken


def load_demo_community() -> None:
    """The database holds the demo community (``load_demo`` with the postcode sample)."""
    if _snapshot:
        _restore()
        return
    call_command("load_demo", stdout=io.StringIO())
    _take()


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _take() -> None:
    pairs = [(table, f"demo_snapshot_{n:03d}") for n, table in enumerate(_tables())]
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, copy in pairs:
            cursor.execute(f"DROP TABLE IF EXISTS {quote(copy)}")
            # Names from Django's own tables, not from input.
            cursor.execute(f"CREATE TABLE {quote(copy)} AS SELECT * FROM {quote(table)}")  # noqa: S608
    _snapshot.extend(pairs)


def _restore() -> None:
    quote = connection.ops.quote_name
    tables = [table for table, _ in _snapshot]
    flush = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in tables]
    sequences = connection.ops.sequence_reset_sql(no_style(), models)
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in flush:
            cursor.execute(sql)
        for table, copy in _snapshot:
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(copy)}")  # noqa: S608
        for sql in sequences:
            cursor.execute(sql)
