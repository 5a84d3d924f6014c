"""Rows that a slow loader writes, computed once per test process and copied back after.

The default wellbeing data set cut to four cities takes seconds to import and score, and a
few dozen tests each need it inside their own transaction. The first call runs the loader and
copies out, table by table, the rows it added (by primary key above what was there before);
later calls copy those rows back in with PostgreSQL's COPY, which takes a few milliseconds, and
move each table's id sequence past them. Everything happens inside the test's transaction, so
it is rolled back with the test. The copy is used only while the tables hold what they held
when it was taken (a flush after a transactional test makes the index's fixed domains again,
with new ids): otherwise the loader runs again and a new copy is taken. On SQLite the loader
simply runs each time.
"""

from collections.abc import Callable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection


class LoadedOnce:
    def __init__(self, app_label: str, loader: Callable[[], object]):
        self.models = list(apps.get_app_config(app_label).get_models())
        self.loader = loader
        self.copies: list[tuple[str, bytes]] = []
        self.taken_from: list[tuple[int, int | None]] | None = None

    def load(self) -> None:
        if connection.vendor != "postgresql":
            self.loader()
            return
        before = self._state()
        if before == self.taken_from:
            self._write_back()
        else:
            self.copies = self._run_and_copy(before)
            self.taken_from = before

    def _state(self) -> list[tuple[int, int | None]]:
        """(rows, highest id) of each table."""
        quote = connection.ops.quote_name
        state = []
        with connection.cursor() as cursor:
            for model in self.models:
                table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
                cursor.execute(f"SELECT count(*), max({pk}) FROM {table}")  # noqa: S608
                state.append(tuple(cursor.fetchone()))
        return state

    def _run_and_copy(self, before) -> list[tuple[str, bytes]]:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            self.loader()
            copies = []
            for model, (_rows, highest) in zip(self.models, before, strict=True):
                table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
                since = highest if highest is not None else -1
                query = f"COPY (SELECT * FROM {table} WHERE {pk} > {int(since)}) TO STDOUT"  # noqa: S608
                with cursor.cursor.copy(query) as copy:
                    copies.append((table, b"".join(bytes(block) for block in copy)))
        return copies

    def _write_back(self) -> None:
        with connection.cursor() as cursor:
            for table, data in self.copies:
                if data:
                    with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                        copy.write(data)
            for sql in connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(sql)
