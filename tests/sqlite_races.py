"""The races of ``tests.concurrency`` on a SQLite file, with the site's default settings.

Run by ``tests/events/test_concurrent_writes.py`` as ``python -m tests.sqlite_races`` with
``DATABASE_URL=sqlite:///<file>``: a file, not the in-memory database the test suite uses,
because concurrent writers to a file are what the default set-up serves. It makes the
tables, runs the races and prints their outcome as one line of JSON.
"""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcentre.settings")
django.setup()

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from tests.concurrency import rsvp_race, submission_race  # noqa: E402


def main():
    # Tables straight from the models, as the test suite makes them (--no-migrations).
    with override_settings(MIGRATION_MODULES={app.label: None for app in apps.get_app_configs()}):
        call_command("migrate", run_syncdb=True, verbosity=0)
    # Hashing 50 passwords properly would take longer than the race.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        outcome = {"rsvp": rsvp_race(50), "submissions": submission_race()}
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()
