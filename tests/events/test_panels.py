"""The events panels on the home page and on the /near/ hub."""

from .factories import EventFactory


def test_the_home_page_shows_whats_on_and_links_to_the_searches(client, db):
    EventFactory(title="Clothes swap")
    html = client.get("/").content.decode()
    assert "What's on" in html and "Clothes swap" in html
    assert 'href="/events/online/"' in html and 'href="/events/new/"' in html


def test_the_near_page_shows_events_nearby(client, db):
    EventFactory(title="Ancoats litter pick", place="M4")
    EventFactory(title="Leith repair café", place="EH6")
    html = client.get("/near/", {"postcode": "M1 1AD"}).content.decode()
    assert "Ancoats litter pick" in html and "0.9 km" in html
    assert "Leith repair café" not in html
    assert 'href="/events/?postcode=M1%201AD"' in html


def test_the_near_page_says_when_nothing_is_on(client, db):
    html = client.get("/near/", {"postcode": "EH1 1YZ"}).content.decode()
    assert "Nothing listed within 5 km yet." in html
