"""Demo spaces in all four nations: open, under threat (with pledges), in transfer, saved, closed.

Idempotent: spaces are keyed on their slug, pledges on (space, person), and a space's
history is written only when it has none.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from core.models import ModerationStatus

from .models import Kind, OwnerType, Pledge, Space, Status, StatusChange, TransferStage

WEEKDAY_HOURS = [{"day": d, "opens": "09:00", "closes": "21:00"} for d in range(5)] + [
    {"day": 5, "opens": "10:00", "closes": "16:00"}
]
LIBRARY_HOURS = [{"day": d, "opens": "10:00", "closes": "18:00"} for d in (0, 1, 3, 4)] + [
    {"day": 5, "opens": "10:00", "closes": "13:00"}
]

# (place name in core.demo.PLACES, offset north/east in metres, fields)
SPACES = [
    (
        "Ancoats, Manchester",
        (120, -80),
        {
            "name": "Ancoats Community Hall",
            "kind": Kind.COMMUNITY_CENTRE,
            "address": "12 Cutting Room Square",
            "description": "A Victorian mill hall with a sprung floor, used for dances, "
            "meetings, a Saturday repair café and a toddler group.",
            "step_free": True,
            "toilets": True,
            "kitchen": True,
            "wifi": True,
            "capacity": 120,
            "opening_hours": WEEKDAY_HOURS,
            "owner_type": OwnerType.COMMUNITY_GROUP,
            "run_by": "Ancoats Neighbours Association",
            "contact_name": "Aisha (bookings)",
            "contact_email": "bookings@ancoats-hall.example.org",
            "contact_consent": True,
            "tags": ["dance", "repair café", "toddlers"],
        },
    ),
    (
        "Rusholme, Manchester",
        (0, 150),
        {
            "name": "Rusholme Library",
            "kind": Kind.LIBRARY,
            "address": "Dickenson Road",
            "description": "A small branch library with a homework club, free computers and "
            "a reading group. The council has proposed closing it.",
            "step_free": True,
            "toilets": True,
            "wifi": True,
            "capacity": 40,
            "opening_hours": LIBRARY_HOURS,
            "owner_type": OwnerType.COUNCIL,
            "run_by": "Manchester City Council libraries",
            "status": Status.THREATENED,
            "threat_summary": "The council's budget consultation proposes closing the library "
            "and selling the building.",
            "threat_days": 45,
            "tags": ["reading", "homework club", "computers"],
        },
    ),
    (
        "Manchester city centre",
        (-200, 100),
        {
            "name": "Whitworth Street Youth Centre",
            "kind": Kind.YOUTH_CENTRE,
            "address": "Whitworth Street",
            "description": "Youth club four nights a week, a music studio and a climbing wall.",
            "toilets": True,
            "kitchen": True,
            "capacity": 80,
            "owner_type": OwnerType.COUNCIL,
            "run_by": "Whitworth Young People's Trust",
            "status": Status.TRANSFER,
            "transfer_stage": TransferStage.BUSINESS_PLAN,
            "tags": ["youth", "music", "climbing"],
        },
    ),
    (
        "Leith, Edinburgh",
        (80, 60),
        {
            "name": "Leith Links Community Garden",
            "kind": Kind.PARK,
            "address": "Leith Links",
            "description": "Raised beds, an orchard and a polytunnel, open to everyone. Saved "
            "from a car park plan by neighbours in a community asset transfer.",
            "step_free": True,
            "owner_type": OwnerType.COMMUNITY_GROUP,
            "run_by": "Leith Links Growers",
            "opening_notes": "Open every day, dawn to dusk.",
            "status": Status.SAVED,
            "tags": ["gardening", "food growing"],
        },
    ),
    (
        "Old Town, Edinburgh",
        (-50, -120),
        {
            "name": "Old Town Reading Room",
            "kind": Kind.LIBRARY,
            "address": "George IV Bridge",
            "description": "A quiet reading room with local history archives and free Wi-Fi.",
            "step_free": True,
            "toilets": True,
            "wifi": True,
            "opening_hours": LIBRARY_HOURS,
            "owner_type": OwnerType.CHARITY,
            "run_by": "Old Town Heritage Trust",
            "tags": ["reading", "local history"],
        },
    ),
    (
        "Cathays, Cardiff",
        (100, 100),
        {
            "name": "Cathays Park Pavilion",
            "kind": Kind.SPORTS,
            "address": "Cathays Terrace",
            "description": "Changing rooms and a pavilion for three junior football teams.",
            "toilets": True,
            "kitchen": True,
            "capacity": 60,
            "owner_type": OwnerType.COUNCIL,
            "run_by": "Cathays Juniors FC",
            "status": Status.THREATENED,
            "threat_summary": "The pavilion's lease ends and the council plans to demolish it.",
            "threat_days": 20,
            "tags": ["football", "youth"],
        },
    ),
    (
        "Cardiff city centre",
        (-60, 40),
        {
            "name": "The Co-operative Arms",
            "kind": Kind.PUB,
            "address": "Womanby Street",
            "description": "A community-owned pub with a folk night and a quiz, bought by 600 "
            "shareholders.",
            "step_free": True,
            "toilets": True,
            "kitchen": True,
            "wifi": True,
            "capacity": 150,
            "owner_type": OwnerType.COOPERATIVE,
            "run_by": "Co-operative Arms Community Benefit Society",
            "tags": ["music", "folk", "quiz"],
        },
    ),
    (
        "Ormeau, Belfast",
        (40, -60),
        {
            "name": "Ormeau Community Centre",
            "kind": Kind.COMMUNITY_CENTRE,
            "address": "Ormeau Road",
            "description": "Halls for hire, a men's shed, a food bank on Fridays.",
            "step_free": True,
            "toilets": True,
            "kitchen": True,
            "capacity": 200,
            "opening_hours": WEEKDAY_HOURS,
            "owner_type": OwnerType.CHARITY,
            "run_by": "Ormeau Community Trust",
            "tags": ["men's shed", "food bank"],
        },
    ),
    (
        "Belfast city centre",
        (0, 0),
        {
            "name": "St George's Hall",
            "kind": Kind.WORSHIP,
            "address": "High Street",
            "description": "A church hall open to all for lunch clubs and choirs.",
            "toilets": True,
            "kitchen": True,
            "capacity": 90,
            "owner_type": OwnerType.CHARITY,
            "tags": ["choir", "lunch club"],
        },
    ),
    (
        "Stornoway, Isle of Lewis",
        (0, 0),
        {
            "name": "Stornoway Town Hall",
            "kind": Kind.COMMUNITY_CENTRE,
            "description": "Ceilidhs, Gaelic classes and the island's repair café.",
            "toilets": True,
            "kitchen": True,
            "capacity": 300,
            "owner_type": OwnerType.COUNCIL,
            "tags": ["ceilidh", "gaelic", "repair café"],
        },
    ),
    (
        "Aberystwyth",
        (0, 0),
        {
            "name": "Aberystwyth Youth Hub",
            "kind": Kind.YOUTH_CENTRE,
            "description": "A drop-in youth centre; it closed when its funding ended.",
            "owner_type": OwnerType.COUNCIL,
            "status": Status.CLOSED,
            "tags": ["youth"],
        },
    ),
    (
        "Penzance",
        (0, 0),
        {
            "name": "Morrab Library Garden",
            "kind": Kind.PARK,
            "description": "A walled sub-tropical garden used for outdoor storytelling.",
            "step_free": True,
            "owner_type": OwnerType.COUNCIL,
            "status": Status.THREATENED,
            "threat_summary": "Proposed sale of part of the garden for housing.",
            "tags": ["gardening", "storytelling"],
        },
    ),
    (
        "Derry~Londonderry",
        (0, 0),
        {
            "name": "Bogside Community Room",
            "kind": Kind.COMMUNITY_CENTRE,
            "description": "A room above the shops for residents' meetings and art classes.",
            "toilets": True,
            "owner_type": OwnerType.COUNCIL,
            "status": Status.TRANSFER,
            "transfer_stage": TransferStage.INTEREST,
            "tags": ["art", "residents"],
        },
    ),
    (
        "Hackney, London",
        (0, 0),
        {
            "name": "Hackney Marshes Pavilion",
            "kind": Kind.SPORTS,
            "description": "Changing rooms and a café beside 80 football pitches.",
            "step_free": True,
            "toilets": True,
            "kitchen": True,
            "wifi": True,
            "capacity": 250,
            "owner_type": OwnerType.COUNCIL,
            "tags": ["football", "café"],
        },
    ),
]

METRES_PER_DEGREE = 111_195


def load(context) -> None:
    from .services.submissions import tags_changed

    places = dict(context.places)
    users = context.users
    today = timezone.localdate()
    now = timezone.now()
    for place, (north, east), spec in SPACES:
        location = places[place]
        fields = dict(spec)
        tags = fields.pop("tags", [])
        threat_days = fields.pop("threat_days", None)
        if threat_days:
            fields["threat_deadline"] = today + timedelta(days=threat_days)
        slug = slugify(f"{fields['name']} {location.outcode}")
        space = Space.objects.filter(slug=slug).first() or Space(slug=slug)
        space.set_location(location)
        # A few metres apart, so spaces in one district don't hide each other on the map.
        space.latitude += north / METRES_PER_DEGREE
        space.longitude += east / METRES_PER_DEGREE
        for name, value in fields.items():
            setattr(space, name, value)
        space.moderation_status = ModerationStatus.APPROVED
        space.submitted_by = users["organiser"]
        space.status_changed_at = space.status_changed_at or now
        space.save()
        space.tags.set(tags)
        if not space.status_changes.exists():
            _history(space, users["staff"], now)
        if space.accepts_pledges():
            for who, gifts in (
                ("volunteer", {"time": True, "skills": True}),
                ("neighbour", {"voice": True}),
            ):
                Pledge.objects.update_or_create(
                    space=space,
                    user=users[who],
                    defaults={**gifts, "show_name": who == "volunteer"},
                )
    tags_changed()
    context.say(f"spaces: {len(SPACES)} spaces, with history and pledges")


def _history(space: Space, staff, now) -> None:
    listed = now - timedelta(days=400)
    steps = [(Status.OPEN, "", "Listed on coopcentre.", listed)]
    if space.status == Status.THREATENED:
        steps.append((Status.THREATENED, "", "Threat confirmed by coopcentre staff.", now))
    elif space.status == Status.TRANSFER:
        steps.append((Status.THREATENED, "", "Threat confirmed.", now - timedelta(days=200)))
        steps.append((Status.TRANSFER, space.transfer_stage, "Transfer under way.", now))
    elif space.status == Status.SAVED:
        steps.append(
            (Status.THREATENED, "", "Plans to build a car park.", now - timedelta(days=300))
        )
        steps.append(
            (Status.TRANSFER, TransferStage.AGREED, "Lease agreed.", now - timedelta(days=60))
        )
        steps.append(
            (Status.SAVED, "", "Handed over to Leith Links Growers.", now - timedelta(days=1))
        )
    elif space.status == Status.CLOSED:
        steps.append((Status.CLOSED, "", "Funding ended.", now - timedelta(days=30)))
    previous = ""
    for status, stage, note, when in steps:
        StatusChange.objects.record(
            space=space,
            status=status,
            previous_status=previous,
            transfer_stage=stage,
            note=note,
            changed_by=staff,
            changed_at=when,
        )
        previous = status
