"""The harvester against publishers served from this machine: idempotent, tombstones
withdraw, bad pages logged and skipped, never half a page."""

from django.core.management import call_command

from opendata.models import HarvestedListing
from opendata.services.harvest import harvest


def walk(item_id, name, modified, state="updated"):
    item = {"state": state, "kind": "SessionSeries", "id": item_id, "modified": modified}
    if state == "updated":
        item["data"] = {
            "@type": "SessionSeries",
            "name": name,
            "url": f"https://p.example/{item_id}",
        }
    return item


def feed(publisher, *pages):
    """Serve ``pages`` (lists of items) as one RPDE feed; returns its first URL."""
    for n, items in enumerate(pages):
        following = f"/feed?page={n + 1}" if items else f"/feed?page={n}"
        publisher.pages[f"/feed?page={n}"] = {
            "next": publisher.url + following,
            "items": items,
            "license": "https://creativecommons.org/licenses/by/4.0/",
        }
    return publisher.url + "/feed?page=0"


def listings():
    return {
        row.item_id: (row.name, row.moderation_status, row.is_withdrawn)
        for row in HarvestedListing.objects.all()
    }


def test_a_feed_becomes_pending_listings_and_a_second_run_updates_them(db, publisher):
    url = feed(publisher, [walk("a", "Canal walk", 1), walk("b", "River walk", 2)], [])
    report = harvest(url)
    assert (report.pages, report.created, report.updated) == (2, 2, 0)
    assert listings() == {
        "a": ("Canal walk", "pending", False),
        "b": ("River walk", "pending", False),
    }
    feed(publisher, [walk("a", "Canal and lock walk", 3), walk("b", "River walk", 2)], [])
    report = harvest(url)
    assert (report.created, report.updated) == (0, 2)
    assert HarvestedListing.objects.count() == 2
    assert listings()["a"] == ("Canal and lock walk", "pending", False)


def test_a_tombstone_withdraws_the_listing(db, publisher):
    url = feed(publisher, [walk("a", "Canal walk", 1)], [])
    harvest(url)
    feed(publisher, [walk("a", "", 5, state="deleted")], [])
    assert harvest(url).withdrawn == 1
    assert listings()["a"][2] is True
    assert HarvestedListing.objects.pending().filter(withdrawn_at__isnull=True).count() == 0


def test_broken_json_is_logged_and_the_pages_before_it_are_kept(db, publisher, caplog):
    url = feed(publisher, [walk("a", "Canal walk", 1)], [walk("b", "River walk", 2)], [])
    publisher.pages["/feed?page=1"] = b'{"items": [{"state": "updated", "id": "b", '
    report = harvest(url)
    assert list(listings()) == ["a"]
    assert "not valid JSON" in report.skipped[0]
    assert "not valid JSON" in caplog.text


def test_a_page_with_one_bad_item_is_not_imported_at_all(db, publisher):
    bad = {"state": "updated", "kind": "SessionSeries", "id": "c", "modified": 3}
    url = feed(publisher, [walk("a", "Canal walk", 1), walk("b", "River walk", 2), bad], [])
    report = harvest(url)
    assert listings() == {}
    assert "without data" in report.skipped[0]


def test_a_loop_in_next_is_logged_and_stops(db, publisher, caplog):
    url = feed(publisher, [walk("a", "Canal walk", 1)], [walk("b", "River walk", 2)])
    publisher.pages["/feed?page=1"]["next"] = url
    report = harvest(url)
    assert sorted(listings()) == ["a", "b"]
    assert "a loop in next links" in report.skipped[0]
    assert "loop" in caplog.text


def test_a_page_over_the_size_cap_is_skipped_unread(db, publisher, settings):
    settings.OPENDATA_HARVEST_MAX_BYTES = 2_000
    big = [walk(str(n), "A walk with a long name " * 5, n) for n in range(40)]
    url = feed(publisher, big, [])
    report = harvest(url)
    assert listings() == {}
    assert "is over 2000 bytes" in report.skipped[0]


def test_an_unreachable_publisher_is_reported_not_raised(db):
    report = harvest("http://127.0.0.1:9/feed")
    assert report.pages == 0 and "could not fetch" in report.skipped[0]


def test_the_command_says_what_it_did(db, publisher, capsys):
    url = feed(publisher, [walk("a", "Canal walk", 1)], [])
    call_command("harvest", url)
    assert "2 pages: 1 new, 0 updated, 0 withdrawn" in capsys.readouterr().out
