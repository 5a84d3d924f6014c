"""Round trip: ``manage.py harvest``, run in another process on an empty second database
(a SQLite file), reads the site's own OpenActive feed and Open Referral API from a live
test server and ends with the same items; then updates and tombstones carry over."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from events.services.events import event_cancel
from opendata.activities import activity_id_for
from opendata.models import ActivityMapping
from opendata.services.openreferral import hsds_id
from tests.communities.factories import GroupFactory
from tests.events.factories import EventFactory
from tests.matching.factories import SchemeFactory

ROOT = Path(settings.BASE_DIR)


class SecondSite:
    def __init__(self, path: Path):
        self.env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
        self.env.pop("REDIS_URL", None)
        self.path = path
        self.run(str(Path(__file__).with_name("make_empty_database.py")))

    def run(self, *args) -> str:
        result = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def harvest(self, *urls) -> str:
        return self.run("manage.py", "harvest", *urls)

    def listings(self, source: str) -> dict[str, tuple[str, bool]]:
        with sqlite3.connect(self.path) as db:
            rows = db.execute(
                "SELECT item_id, name, withdrawn_at IS NOT NULL, moderation_status "
                "FROM opendata_harvestedlisting WHERE source_url = ?",
                [source],
            ).fetchall()
        assert {status for *_rest, status in rows} <= {"pending"}
        return {item_id: (name, withdrawn) for item_id, name, withdrawn, _status in rows}

    def events(self, source: str) -> dict[str, tuple[str, str, bool, str, str]]:
        """The site events the listings of ``source`` became: title, moderation status,
        cancelled or not, how it repeats and the publisher credited."""
        with sqlite3.connect(self.path) as db:
            rows = db.execute(
                "SELECT l.item_id, e.title, e.moderation_status, e.cancelled_at IS NOT NULL, "
                "e.recurrence, e.source_name FROM opendata_harvestedlisting l "
                "JOIN events_event e ON e.id = l.event_id WHERE l.source_url = ?",
                [source],
            ).fetchall()
        return {item_id: tuple(rest) for item_id, *rest in rows}


def test_the_harvester_copies_the_sites_own_feeds_and_api(
    live_server, transactional_db, staff, tmp_path
):
    ActivityMapping.objects.create(tag="walking", activity_id=activity_id_for("Walking"))
    walk = EventFactory(title="Canal walk", tags=["walking"])
    stroll = EventFactory(title="Park stroll", tags=["walking"], recurrence="weekly")
    EventFactory(title="Litter pick", tags=["clean-up"])
    scheme = SchemeFactory(name="Age Friendly Manchester")
    group = GroupFactory(name="Ancoats Residents", at="M4")
    feed = live_server.url + reverse("opendata:feed-session-series")
    api = live_server.url + reverse("opendata:oruk-root")

    second = SecondSite(tmp_path / "second.sqlite3")
    second.harvest(feed, api)
    assert second.listings(feed) == {
        str(walk.pk): ("Canal walk", False),
        str(stroll.pk): ("Park stroll", False),
    }
    host = urlsplit(live_server.url).hostname  # the publisher credited on the events
    assert second.events(feed) == {
        str(walk.pk): ("Canal walk", "pending", False, "", host),
        str(stroll.pk): ("Park stroll", "pending", False, "weekly", host),
    }
    assert second.listings(api) == {
        hsds_id("scheme", scheme.pk): ("Age Friendly Manchester", False),
        hsds_id("group", group.pk): ("Ancoats Residents", False),
    }

    stroll.title = "Park and lake stroll"
    stroll.save()
    event_cancel(event=walk, by=staff, reason="Towpath closed")
    scheme.name = "Age Friendly Greater Manchester"
    scheme.save()
    group_id = hsds_id("group", group.pk)
    group.delete()
    second.harvest(feed, api)
    assert second.listings(feed) == {
        str(walk.pk): ("Canal walk", True),
        str(stroll.pk): ("Park and lake stroll", False),
    }
    assert second.events(feed) == {
        str(walk.pk): ("Canal walk", "pending", True, "", host),
        str(stroll.pk): ("Park and lake stroll", "pending", False, "weekly", host),
    }
    assert second.listings(api) == {
        hsds_id("scheme", scheme.pk): ("Age Friendly Greater Manchester", False),
        group_id: ("Ancoats Residents", True),
    }
