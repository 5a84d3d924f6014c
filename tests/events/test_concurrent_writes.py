"""Concurrent writes through the real views: 50 members pressing "I'm going" for the last
place at once, and four submissions at the same moment, on both databases the site runs on.

On SQLite the races run in a child process on a database file with the site's default
settings (``tests/sqlite_races.py``): the suite's own SQLite database is in memory, which
locks differently from the file a real site writes to.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.concurrency import rsvp_race, submission_race

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_RSVP = {"statuses": {302: 50}, "going": 1, "waiting": 49, "going_count": 1}
EXPECTED_SUBMISSIONS = {"statuses": [302, 302, 302, 302], "events": 2, "groups": 2}


@pytest.fixture(scope="module")
def sqlite_outcome(tmp_path_factory):
    database = tmp_path_factory.mktemp("sqlite-races") / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env |= {
        "DATABASE_URL": f"sqlite:///{database}",
        "EMAIL_URL": "memorymail://",
        "LOG_LEVEL": "ERROR",
    }
    run = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_races"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    outcome["rsvp"]["statuses"] = {int(k): v for k, v in outcome["rsvp"]["statuses"].items()}
    return outcome


def test_on_sqlite_fifty_members_racing_for_the_last_place_get_one_place_and_49_waits(
    sqlite_outcome,
):
    assert sqlite_outcome["rsvp"] == EXPECTED_RSVP


def test_on_sqlite_simultaneous_event_and_group_submissions_are_all_saved(sqlite_outcome):
    assert sqlite_outcome["submissions"] == EXPECTED_SUBMISSIONS


@pytest.fixture
def _postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL races need DATABASE_URL=postgres://…")


def test_on_postgresql_fifty_members_racing_for_the_last_place_get_one_place_and_49_waits(
    _postgresql,
):
    assert rsvp_race(50) == EXPECTED_RSVP


def test_on_postgresql_simultaneous_event_and_group_submissions_are_all_saved(_postgresql):
    assert submission_race() == EXPECTED_SUBMISSIONS
