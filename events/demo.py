"""Demo events around the demo places, in all four nations: one-offs and regular
activities, in person, online and both, free and paid, one full with a waiting list,
one past, one awaiting review. Idempotent: keyed on slugs, no emails sent.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from core.models import ModerationStatus

from .models import EVENT_TZ, Event, Rsvp, RsvpStatus


def _next(weekday: int, weeks: int = 0) -> date:
    """The next ``weekday`` (0 = Monday) after today, ``weeks`` later."""
    today = timezone.localdate()
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1 + 7 * weeks)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=EVENT_TZ)


def _events(users: dict) -> list[dict]:
    organiser, demo, volunteer = users["organiser"], users["demo"], users["volunteer"]
    return [
        {
            "slug": "ancoats-street-clean-up",
            "title": "Ancoats street clean-up",
            "place": "Ancoats, Manchester",
            "description": "Two hours to make our streets nicer. We bring litter pickers, "
            "gloves, bags and tea; you bring yourself. Meet outside the community hall.",
            "tags": ["clean-up", "outdoors", "volunteering"],
            "starts_at": _at(_next(5, 1), 10),
            "hours": 2,
            "venue_name": "Outside Ancoats Community Hall",
            "address": "Great Ancoats Street",
            "capacity": 20,
            "accessibility_notes": "Flat pavements. Grabbers with long handles available.",
            "organiser": organiser,
        },
        {
            "slug": "rusholme-walking-group",
            "title": "Rusholme walking group",
            "place": "Rusholme, Manchester",
            "description": "A gentle walk round Platt Fields Park and a cuppa after. "
            "All paces welcome; nobody gets left behind.",
            "tags": ["walking", "wellbeing", "outdoors"],
            "starts_at": _at(_next(1), 10, 30),
            "hours": 1.5,
            "recurrence": "weekly",
            "venue_name": "Platt Fields Park, boathouse entrance",
            "address": "Wilmslow Road",
            "accessibility_notes": "Flat, tarmac paths; benches every few hundred metres.",
            "organiser": volunteer,
        },
        {
            "slug": "leith-repair-cafe",
            "title": "Leith repair café",
            "place": "Leith, Edinburgh",
            "description": "Bring broken things (toasters, jumpers, bikes, lamps) and fix "
            "them with our volunteer menders.",
            "tags": ["repair", "sustainability"],
            "starts_at": _at(_next(5, 2), 13),
            "hours": 3,
            "recurrence": "monthly",
            "venue_name": "Leith Community Centre",
            "address": "12a Newkirkgate",
            "price_note": "Free; donations to the tea fund welcome",
            "accessibility_notes": "Step-free entrance and accessible toilet.",
            "organiser": organiser,
        },
        {
            "slug": "wellbeing-chat-online",
            "title": "Wellbeing chat (online)",
            "place": None,
            "description": "An hour to talk about how the week has gone, with a trained "
            "listener. Cameras optional.",
            "tags": ["wellbeing", "chat"],
            "starts_at": _at(_next(3), 19),
            "hours": 1,
            "recurrence": "weekly",
            "mode": "online",
            "join_url": "https://meet.jit.si/coopcentre-wellbeing-demo",
            "join_details": "Or dial in: 0330 000 0000, PIN 1234#",
            "capacity": 12,
            "accessibility_notes": "Live captions on. You can type instead of speaking.",
            "organiser": organiser,
        },
        {
            "slug": "cathays-welsh-conversation-cafe",
            "title": "Welsh conversation café / Caffi Cymraeg",
            "place": "Cathays, Cardiff",
            "description": "Practise your Welsh over coffee, in the room or online. "
            "Dysgwyr croeso! Learners welcome.",
            "tags": ["language", "welsh"],
            "starts_at": _at(_next(2), 18),
            "hours": 1.5,
            "recurrence": "fortnightly",
            "mode": "mixed",
            "venue_name": "Cathays Library",
            "address": "Fairoak Road",
            "join_url": "https://meet.jit.si/coopcentre-caffi-demo",
            "organiser": volunteer,
        },
        {
            "slug": "ormeau-clothes-swap",
            "title": "Ormeau clothes swap",
            "place": "Ormeau, Belfast",
            "description": "Bring up to ten clean items; take home as many as you like.",
            "tags": ["swap", "sustainability"],
            "starts_at": _at(_next(6), 14),
            "hours": 3,
            "venue_name": "Ormeau Baptist Church Hall",
            "address": "Ormeau Road",
            "price": Decimal("2.00"),
            "price_note": "Free for under-16s",
            "capacity": 2,
            "organiser": organiser,
            "going": [demo, volunteer],
            "waiting": [users["neighbour"]],
        },
        {
            "slug": "cardiff-cooking-on-a-budget",
            "title": "Cooking on a budget",
            "place": "Cardiff city centre",
            "description": "Learn five meals for under £2 a portion. Ingredients included; "
            "take home what you cook.",
            "tags": ["cooking", "food"],
            "starts_at": _at(_next(3, 1), 18, 30),
            "hours": 2,
            "venue_name": "Central Library kitchen",
            "address": "The Hayes",
            "price": Decimal("5.00"),
            "price_note": "Pay what you can if £5 is hard",
            "capacity": 10,
            "featured": True,
            "organiser": organiser,
        },
        {
            "slug": "stornoway-community-ceilidh",
            "title": "Community ceilidh",
            "place": "Stornoway, Isle of Lewis",
            "description": "Music, dancing and home baking. Every dance is called.",
            "tags": ["music", "dance"],
            "starts_at": _at(_next(4, 2), 19, 30),
            "hours": 3,
            "venue_name": "Town Hall",
            "address": "Cromwell Street",
            "price": Decimal("4.00"),
            "organiser": volunteer,
        },
        {
            "slug": "penzance-beach-clean",
            "title": "Penzance beach clean",
            "place": "Penzance",
            "description": "Last week's beach clean: thank you to the 34 people who came.",
            "tags": ["clean-up", "outdoors"],
            "starts_at": _at(timezone.localdate() - timedelta(days=6), 10),
            "hours": 2,
            "venue_name": "Wherrytown beach",
            "address": "Western Promenade",
            "organiser": organiser,
        },
        {
            "slug": "derry-knitting-circle",
            "title": "Knitting circle",
            "place": "Derry~Londonderry",
            "description": "Knit, natter, and make hats for the winter appeal.",
            "tags": ["crafts"],
            "starts_at": _at(_next(0, 1), 14),
            "hours": 2,
            "recurrence": "weekly",
            "venue_name": "Craft room, Guildhall",
            "address": "Guildhall Square",
            "organiser": organiser,
            "status": ModerationStatus.PENDING,
        },
    ]


def load(context) -> None:
    """Create or refresh the demo events and their replies (no emails)."""
    places = dict(context.places)
    staff = context.users["staff"]
    specs = _events(context.users)
    for spec in specs:
        location = places.get(spec["place"]) if spec["place"] else None
        status = spec.get("status", ModerationStatus.APPROVED)
        defaults = {
            "title": spec["title"],
            "description": spec["description"],
            "organiser": spec["organiser"],
            "submitted_by": spec["organiser"],
            "moderation_status": status,
            "reviewed_by": staff if status == ModerationStatus.APPROVED else None,
            "reviewed_at": timezone.now() if status == ModerationStatus.APPROVED else None,
            "is_featured": spec.get("featured", False),
            "starts_at": spec["starts_at"],
            "ends_at": spec["starts_at"] + timedelta(hours=spec["hours"]),
            "recurrence": spec.get("recurrence", ""),
            "attendance_mode": spec.get("mode", "in_person"),
            "venue_name": spec.get("venue_name", ""),
            "address": spec.get("address", ""),
            "join_url": spec.get("join_url", ""),
            "join_details": spec.get("join_details", ""),
            "price": spec.get("price", Decimal("0")),
            "price_note": spec.get("price_note", ""),
            "capacity": spec.get("capacity"),
            "accessibility_notes": spec.get("accessibility_notes", ""),
        }
        if location is not None:
            defaults.update(
                postcode=location.postcode,
                latitude=location.point.lat,
                longitude=location.point.lon,
                outcode=location.outcode,
                lad_code=location.lad_code,
                nation=location.nation,
            )
        event, _created = Event.objects.update_or_create(slug=spec["slug"], defaults=defaults)
        event.tags.set(spec["tags"])
        _replies(event, spec.get("going", []), spec.get("waiting", []))
    context.say(f"Demo events: {len(specs)}, one awaiting review.")


def _replies(event: Event, going: list, waiting: list) -> None:
    date_ = event.occurrences.order_by("starts_at").first()
    if date_ is None:
        return
    for status, people in ((RsvpStatus.GOING, going), (RsvpStatus.WAITING, waiting)):
        for person in people:
            Rsvp.objects.update_or_create(
                occurrence=date_, user=person, defaults={"status": status}
            )
    date_.going_count = date_.rsvps.going().count()
    date_.save(update_fields=["going_count"])
