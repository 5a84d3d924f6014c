"""iCalendar files: per event, per search, per organiser, per group; parsed back."""

from datetime import UTC, datetime, timedelta

from dateutil.rrule import rrulestr
from icalendar import Calendar

from communities.models import Group
from events import recurrence
from events.services import event_cancel

from .factories import EventFactory, soon


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_an_event_file_parses_back_with_its_details(client, db):
    event = EventFactory(
        title="Clothes swap",
        price="2.00",
        accessibility_notes="Step-free.",
        attendance_mode="mixed",
        join_url="https://meet.example.org/secret",
        tags=["swap"],
    )
    calendar = parse(client.get(f"/events/{event.slug}/event.ics"))
    assert calendar["VERSION"] == "2.0"
    assert calendar.calendar_name == "Clothes swap"
    [vevent] = calendar.events
    assert str(vevent["SUMMARY"]) == "Clothes swap"
    assert vevent["UID"].startswith(f"event-{event.pk}@")
    assert vevent.start == soon(2) and vevent.end == soon(2) + timedelta(hours=2)
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    assert "Ancoats Community Hall" in str(vevent["LOCATION"]) and "online" in str(
        vevent["LOCATION"]
    )
    description = str(vevent["DESCRIPTION"])
    assert "Cost: £2.00" in description and "Step-free." in description
    assert "secret" not in description  # the join link is for people going
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent.categories == ["swap"]
    assert vevent.get("RRULE") is None


def test_a_regular_activity_carries_an_rrule_that_expands_to_the_sites_dates(client, db):
    walk = EventFactory(recurrence="monthly", starts_at=soon(1, 10), repeat_until=soon(150).date())
    calendar = parse(client.get(f"/events/{walk.slug}/event.ics"))
    [vevent] = calendar.events
    rule = vevent["RRULE"].to_ical().decode()
    assert rule.startswith("FREQ=MONTHLY") and "BYDAY=" in rule and "UNTIL=" in rule
    expanded = [recurrence.local(d) for d in rrulestr(rule, dtstart=vevent.start)]
    site = [recurrence.local(o.starts_at) for o in walk.occurrences.order_by("starts_at")]
    assert expanded == site
    assert len(site) >= 4


def test_a_cancelled_event_file_says_so(client, db):
    event = EventFactory()
    event_cancel(event=event, by=event.organiser, reason="Rain")
    [vevent] = parse(client.get(f"/events/{event.slug}/event.ics")).events
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent["SEQUENCE"] == 1


def test_a_search_feed_holds_the_events_that_match(client, db):
    EventFactory(title="Ancoats litter pick", place="M4", tags=["outdoors"])
    EventFactory(title="Leith repair café", place="EH6", tags=["outdoors"])
    EventFactory(title="Weekly walk", place="M14", recurrence="weekly", tags=["outdoors"])
    EventFactory(title="Cooking", place="M4", tags=["cooking"])
    calendar = parse(client.get("/events/calendar.ics", {"postcode": "M1 1AD", "tag": "outdoors"}))
    assert sorted(str(e["SUMMARY"]) for e in calendar.events) == [
        "Ancoats litter pick",
        "Weekly walk",
    ]
    assert calendar.calendar_name == "Events near M1 1AD on coopcentre"
    walk = next(e for e in calendar.events if str(e["SUMMARY"]) == "Weekly walk")
    assert (
        walk["RRULE"].to_ical()
        == b"FREQ=WEEKLY;BYDAY=" + soon(2).strftime("%a")[:2].upper().encode()
    )
    # Linked from the search page.
    page = client.get("/events/", {"postcode": "M1 1AD", "tag": "outdoors"}).content.decode()
    assert 'href="/events/calendar.ics?postcode=M1+1AD&amp;tag=outdoors"' in page


def test_the_online_feed_and_a_bad_feed_search(client, db):
    EventFactory(title="Online chat", attendance_mode="online")
    EventFactory(title="In person")
    calendar = parse(client.get("/events/online/calendar.ics"))
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Online chat"]
    bad = client.get("/events/calendar.ics", {"when": "never"})
    assert bad.status_code == 400
    assert "This calendar search has a problem" in bad.content.decode()


def test_an_organiser_feed_has_their_approved_events_only(client, owner, db):
    EventFactory(title="Mine", organiser=owner)
    EventFactory(title="Mine, pending", organiser=owner, moderation_status="pending")
    EventFactory(title="Someone else's")
    calendar = parse(client.get(f"/events/organisers/{owner.pk}/calendar.ics"))
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Mine"]
    page = client.get(f"/events/organisers/{owner.pk}/")
    assert "Events by Olu Owner" in page.content.decode()


def test_members_who_organise_nothing_have_no_public_page(client, member, db):
    assert client.get(f"/events/organisers/{member.pk}/").status_code == 404
    assert client.get(f"/events/organisers/{member.pk}/calendar.ics").status_code == 404
    assert client.get("/events/organisers/99999/calendar.ics").status_code == 404


def test_a_group_feed(client, db):
    group = Group.objects.create(
        name="Ancoats Residents", slug="ancoats", moderation_status="approved"
    )
    EventFactory(title="Residents' meeting", group=group)
    EventFactory(title="Not theirs")
    calendar = parse(client.get("/events/groups/ancoats/calendar.ics"))
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Residents' meeting"]
    assert client.get("/events/groups/nope/calendar.ics").status_code == 404


def _utc_by_vtimezone(calendar: Calendar, local: datetime) -> list[datetime]:
    """The UTC instants a calendar app reads naive ``local`` as, by RFC 5545's rules for
    the file's own VTIMEZONE: each observance starts at DTSTART (and RDATEs) read in its
    TZOFFSETFROM; ``local`` means ``local - offset`` for an offset in force then."""
    [zone] = calendar.timezones
    changes = []
    for observance in zone.subcomponents:
        before = observance["TZOFFSETFROM"].td
        after = observance["TZOFFSETTO"].td
        onsets = [observance["DTSTART"].dt]
        for rdate in observance.get("RDATE") and [observance["RDATE"]] or []:
            onsets += [p.dt for p in rdate.dts]
        changes += [(onset - before, after) for onset in onsets]
    changes.sort()

    def offset_at(instant):
        return [after for start, after in changes if start <= instant][-1]

    offsets = {after for _, after in changes}
    return [local - o for o in offsets if offset_at(local - o) == o]


def test_a_time_in_the_first_hour_after_the_spring_clock_change_is_exact(client, db):
    # 01:30 UTC on the last Sunday of March 2027 is 02:30 BST: the clocks went forward
    # at 01:00 UTC.
    instant = datetime(2027, 3, 28, 1, 30)
    event = EventFactory(starts_at=instant.replace(tzinfo=UTC))
    calendar = parse(client.get(f"/events/{event.slug}/event.ics"))
    [vevent] = calendar.events
    local = vevent["DTSTART"].dt.replace(tzinfo=None)
    assert local == datetime(2027, 3, 28, 2, 30)
    assert _utc_by_vtimezone(calendar, local) == [instant]
    # And the autumn change: 00:30 UTC on 31 October 2027 is 01:30 BST, the first time.
    assert datetime(2027, 10, 31, 0, 30) in _utc_by_vtimezone(
        calendar, datetime(2027, 10, 31, 1, 30)
    )
