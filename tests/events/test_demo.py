"""The demo events load, in all four nations, and loading twice changes nothing."""

from core.demo import DemoContext, demo_places, demo_users
from events import demo
from events.models import Event, Occurrence, Rsvp


def test_the_demo_loads_twice_without_duplicates(db, client):
    context = DemoContext(users=demo_users(), places=demo_places())
    demo.load(context)
    counts = (Event.objects.count(), Occurrence.objects.count(), Rsvp.objects.count())
    demo.load(context)
    assert (Event.objects.count(), Occurrence.objects.count(), Rsvp.objects.count()) == counts
    assert set(Event.objects.exclude(nation="").values_list("nation", flat=True)) == {
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    }
    assert Event.objects.filter(moderation_status="pending").count() == 1
    swap = Event.objects.get(slug="ormeau-clothes-swap")
    assert swap.occurrences.get().is_full
    assert "Ormeau clothes swap" in client.get("/events/", {"postcode": "BT7 1NN"}).content.decode()
    assert "Wellbeing chat (online)" in client.get("/events/online/").content.decode()
