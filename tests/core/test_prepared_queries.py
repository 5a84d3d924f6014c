"""On PostgreSQL a query a connection runs again and again is prepared: planned once, not on
every search (``DATABASE_SERVER_SIDE_BINDING``, on by default)."""

import pytest
from django.db import connection

from spaces.models import Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_query_run_often_is_prepared_once(postgresql):
    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    names = ["Leeds hall", "Bangor hub", "Leeds hall", "Perth barn", "Derry rooms", "Leeds hall"]
    for name in names:
        list(Space.objects.filter(name=name).values_list("pk", flat=True))
    [statement] = [s for s in _prepared() if '"spaces_space"."name" = $1' in s]
    assert "Leeds hall" not in statement
