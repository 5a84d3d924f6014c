"""The public reads other apps call: events near a point, at a space, of a group."""

from communities.models import Group
from events.selectors import (
    event_counts_by_local_authority,
    event_counts_by_outcode,
    events_at_space,
    events_featured,
    events_near,
    events_of_group,
)
from events.services import event_cancel
from postcodes.services import lookup
from spaces.models import Space

from .factories import EventFactory, soon


def test_events_near_lists_upcoming_events_in_a_place_soonest_first(db, wednesday):
    later = EventFactory(title="Later", place="M4", starts_at=soon(5))
    walk = EventFactory(title="Walk", place="M14", recurrence="weekly", starts_at=soon(-20, 10))
    EventFactory(title="Online", attendance_mode="online")
    EventFactory(title="Far", place="EH1")
    EventFactory(title="Past", place="M4", starts_at=soon(-2))
    cancelled = EventFactory(title="Cancelled", place="M4")
    event_cancel(event=cancelled, by=cancelled.organiser, reason="x")
    found = events_near(point=lookup("M1 1AD").point, km=5)
    assert [e.title for e in found] == ["Walk", "Later"]
    assert found[0].next_starts_at > wednesday
    assert round(found[1].distance_km, 1) == 0.9
    assert [e.title for e in events_near(point=lookup("M1").point, km=5, tags=["nothing"])] == []
    later.tags.set(["gardening"])
    walk.tags.set(["walking"])
    assert [e.title for e in events_near(point=lookup("M1").point, km=5, tags=["gardening"])] == [
        "Later"
    ]
    assert len(events_near(point=lookup("M1").point, km=5, limit=1)) == 1


def test_events_at_a_space_and_of_a_group(db):
    space = Space.objects.create(name="Hall", slug="hall", moderation_status="approved")
    space.set_location(lookup("M4"))
    space.save()
    group = Group.objects.create(name="Residents", slug="residents", moderation_status="approved")
    EventFactory(title="At the hall", space=space, group=group, venue_name="", address="")
    EventFactory(title="Elsewhere")
    EventFactory(title="Pending", space=space, group=group, moderation_status="pending")
    assert [e.title for e in events_at_space(space_id=space.pk)] == ["At the hall"]
    assert [e.title for e in events_of_group(group_id=group.pk)] == ["At the hall"]
    event = events_at_space(space_id=space.pk)[0]
    assert event.postcode == space.postcode and event.venue_name == "Hall"


def test_featured_events_come_first_on_the_home_page(db):
    EventFactory(title="Soon", starts_at=soon(1))
    EventFactory(title="Featured", starts_at=soon(9), is_featured=True)
    EventFactory(
        title="Pending featured", starts_at=soon(1), is_featured=True, moderation_status="pending"
    )
    assert [e.title for e in events_featured(limit=2)] == ["Featured", "Soon"]


def test_event_counts_by_area_count_upcoming_public_events_held_there(
    db, django_assert_num_queries
):
    EventFactory(place="M4")
    EventFactory(place="M4", recurrence="weekly", starts_at=soon(-20, 10))  # counts once
    EventFactory(place="M14")
    EventFactory(place="EH6")
    EventFactory(place="M4", starts_at=soon(-2))  # over
    EventFactory(place="M4", moderation_status="pending")
    EventFactory(attendance_mode="online")  # no place
    cancelled = EventFactory(place="M4")
    event_cancel(event=cancelled, by=cancelled.organiser, reason="Rain")
    manchester, edinburgh = lookup("M4").lad_code, lookup("EH6").lad_code

    with django_assert_num_queries(1):
        by_authority = event_counts_by_local_authority()
    with django_assert_num_queries(1):
        by_outcode = event_counts_by_outcode()

    assert by_authority == {manchester: 3, edinburgh: 1}
    assert by_outcode == {"M4": 2, "M14": 1, "EH6": 1}
