"""Demo data for communities: groups in all four nations, two co-operative communities with
commitments and progress, communities of interest, Member Pioneers and the guides.

Idempotent: every row is found by a natural key (slugs, the pioneer's user, a commitment's
group and wording) and updated in place, so ``manage.py load_demo`` can run again.
"""

import datetime

from django.utils import timezone

from postcodes.models import District
from postcodes.services import lookup
from spaces.selectors import spaces_near

from .models import (
    AreaType,
    CheckIn,
    ClaimStatus,
    Commitment,
    CommitmentArea,
    CommitmentStatus,
    Group,
    GroupClaim,
    GroupKind,
    Guide,
    Membership,
    Pioneer,
    ProgressUpdate,
    Role,
)
from .services import group_area_apply

GUIDES = [
    (
        "forming-an-action-group",
        "Forming an action group",
        1,
        "Three to eight people who care is enough to start.",
        """## Who you need

Start small: **three to eight people** who care about the same street, estate or village.
You need someone to keep notes, someone happy to talk to strangers and someone who likes lists.

## What to agree first

1. What you want to change, in one sentence.
2. Who the organisers are (at least two, so nobody burns out).
3. How you will decide: a show of hands at meetings is fine.

## List your group

[List it on coopcentre](/communities/new/) so neighbours can find and join you. When you are
ready, [register as a co-operative community](/communities/register/).
""",
    ),
    (
        "your-first-meeting",
        "Your first meeting",
        1,
        "An hour, a kettle and a clear question.",
        """## Before

- Book a free room: a community space, a library, a café in a quiet hour.
- Send a short invitation with the **one question** you want to answer.

## During

| Time | What |
|------|------|
| 10 min | Welcome and names |
| 30 min | The question: ideas on sticky notes |
| 15 min | Choose one or two things to do first |
| 5 min | Who does what by when |

## After

Write up the decisions in five lines and share them the same week.
""",
    ),
    (
        "door-knocking",
        "Door knocking",
        1,
        "Meet the neighbours you have not met yet.",
        """## Go in pairs

Knock in pairs, in daylight, and carry a leaflet with your group's name and how to get in touch
**through the group**, never a personal phone number.

## What to say

> Hello, I'm Sam from the Elm Street action group. We're planning a street party in June:
> would you like to help, or just come along?

## Keep a tally

Count doors knocked, conversations had and people interested: these are good measures for your
commitments.
""",
    ),
    (
        "running-a-street-party",
        "Running a street party",
        2,
        "Road closures, tables and a lot of cake.",
        """## Six weeks before

- Ask your council about a **road closure**: most have a simple free form for street parties.
- Tell every household on the street, with a date and a rain date.

## On the day

- Put the closure signs up first; keep an emergency route clear.
- Bring-and-share food, a table for each few houses, music at a neighbourly volume.

## Measure it

Count the people who came and the new names you learnt. That number goes in your progress update.
""",
    ),
    (
        "risk-assessment-for-an-event",
        "Risk assessment for an event",
        2,
        "A one-page risk assessment that a council or hall will accept.",
        """## Five steps

1. **Spot the hazards**: traffic, trip hazards, hot food, bad weather.
2. **Decide who might be harmed**: children, older neighbours, volunteers.
3. **Say what you will do** about each: cones, first aider, a gazebo.
4. **Write it down** on one page and share it with the organisers.
5. **Check it on the day** and after.

Keep it simple: a table of hazard, who, what we will do, who is responsible.
""",
    ),
    (
        "making-commitments-smart",
        "Making commitments SMART",
        2,
        "What, how many, by when: commitments you can count.",
        """## Specific, measurable, achievable, relevant, time-bound

A good commitment reads like: *Hold **4** street parties on the estate by **September**.*

- **What**: the action, in plain words.
- **Target** and **unit**: a number and what it counts (street parties, people, co-ops listed).
- **Due date**: when you will have reached it.

Make one in **co-operative action** (doing things together) and one in **co-operative
enterprise** (helping co-ops start and thrive, like a directory of local co-ops).
""",
    ),
    (
        "your-yearly-check-in",
        "Your yearly check-in",
        3,
        "Once a year: what worked, what did not, what next.",
        """## What happens

A year after you register, and every year after, coopcentre emails your organisers a link to
review your commitments. It takes about five minutes.

## How to review

- Mark what you **achieved**.
- **Drop** what no longer makes sense: that is fine, and honest.
- Give anything still under way a new due date, and **add new commitments** for the year ahead.
""",
    ),
]

# (slug, name, kind, place name in core.demo.PLACES or a postcode, radius, tags, description)
GROUPS = [
    (
        "ancoats-together",
        "Ancoats Together",
        GroupKind.ACTION_GROUP,
        "Ancoats, Manchester",
        1.5,
        ["street parties", "food", "co-ops"],
        "Neighbours in Ancoats making the area friendlier: street parties, a clothes swap and "
        "a directory of the co-ops on our doorstep.",
    ),
    (
        "manchester-food-co-op",
        "Manchester Food Co-op",
        GroupKind.COOPERATIVE,
        "Manchester city centre",
        3.0,
        ["food", "co-ops"],
        "A member-owned wholefood shop. Members work a shift a month and get a discount.",
    ),
    (
        "rusholme-residents-association",
        "Rusholme Residents' Association",
        GroupKind.RESIDENTS_ASSOCIATION,
        "Rusholme, Manchester",
        1.0,
        ["housing", "clean streets"],
        "Residents of Rusholme working with the council on bins, lighting and the park.",
    ),
    (
        "leith-community-co-operative",
        "Leith Community Co-operative",
        GroupKind.COMMUNITY_GROUP,
        "Leith, Edinburgh",
        3.0,
        ["repair", "co-ops", "zero waste"],
        "A co-operative community for Leith: repair cafés, a tool library and support for new "
        "co-ops along the Shore.",
    ),
    (
        "old-town-repair-cafe",
        "Old Town Repair Café",
        GroupKind.COMMUNITY_GROUP,
        "Old Town, Edinburgh",
        1.0,
        ["repair", "zero waste"],
        "Bring something broken; we fix it together. First Saturday of the month.",
    ),
    (
        "cardiff-community-energy",
        "Cardiff Community Energy",
        GroupKind.COOPERATIVE,
        "Cardiff city centre",
        15.0,
        ["energy", "co-ops"],
        "A community benefit society putting solar panels on schools and halls across Cardiff.",
    ),
    (
        "ormeau-road-residents",
        "Ormeau Road Residents",
        GroupKind.RESIDENTS_ASSOCIATION,
        "Ormeau, Belfast",
        1.0,
        ["housing", "street parties"],
        "Residents of the Ormeau Road area: a summer fair, clean-ups and a newsletter.",
    ),
    (
        "belfast-co-operative-bakers",
        "Belfast Co-operative Bakers",
        GroupKind.COOPERATIVE,
        "Belfast city centre",
        3.0,
        ["food", "baking", "co-ops"],
        "A worker co-operative bakery selling sourdough to cafés across Belfast.",
    ),
    (
        "stornoway-community-growers",
        "Stornoway Community Growers",
        GroupKind.CHARITY,
        "Stornoway, Isle of Lewis",
        8.0,
        ["gardening", "food"],
        "Polytunnels, raised beds and a seed swap for the whole of Stornoway.",
    ),
    (
        "aberystwyth-transition",
        "Aberystwyth Transition",
        GroupKind.COMMUNITY_GROUP,
        "Aberystwyth",
        5.0,
        ["energy", "zero waste"],
        "Local action on climate: a repair café, bike workshops and a community fridge.",
    ),
    (
        "penzance-fishing-co-op",
        "Penzance Fishing Co-op",
        GroupKind.COOPERATIVE,
        "Penzance",
        10.0,
        ["fishing", "food", "co-ops"],
        "Inshore fishers selling their catch together, straight to Cornish kitchens.",
    ),
    (
        "derry-youth-action",
        "Derry Youth Action",
        GroupKind.ACTION_GROUP,
        "Derry~Londonderry",
        5.0,
        ["young people", "sport"],
        "Young people running free football and music sessions across the city.",
    ),
    (
        "hackney-street-parties",
        "Hackney Street Parties",
        GroupKind.ACTION_GROUP,
        "Hackney, London",
        2.0,
        ["street parties"],
        "Helping every street in Hackney hold a party at least once a year.",
    ),
]

INTEREST_GROUPS = [
    (
        "co-operative-bakers-network",
        "Co-operative Bakers Network",
        GroupKind.COMMUNITY_GROUP,
        ["baking", "food", "co-ops"],
        "Bakers in worker co-ops across the UK sharing recipes, rotas and business advice.",
    ),
    (
        "community-energy-learners",
        "Community Energy Learners",
        GroupKind.COMMUNITY_GROUP,
        ["energy", "co-ops"],
        "People starting community energy co-ops, meeting online once a month.",
    ),
]


def load(context) -> None:
    places = dict(context.places)
    users = context.users
    now = timezone.now()
    today = timezone.localdate()

    for slug, title, step, summary, body in GUIDES:
        guide, _ = Guide.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "step": step,
                "summary": summary,
                "body": body,
                "order": [g[0] for g in GUIDES].index(slug),
                "is_published": True,
                "created_by": users["staff"],
            },
        )
        guide.tags.set(["how-to", "organising"] if step == 1 else ["how-to", "events"])
    context.say(f"  {len(GUIDES)} guides")

    groups = {}
    for slug, name, kind, place, radius, tags, description in GROUPS:
        # The repair café was listed by staff and has no organiser yet: it can be claimed.
        unclaimed = slug == "old-town-repair-cafe"
        group = _group(
            slug,
            name,
            kind,
            description,
            users["staff"] if unclaimed else users["organiser"],
            organiser=not unclaimed,
        )
        group_area_apply(
            group,
            area_type=AreaType.PLACE,
            location=places.get(place) or lookup(place),
            radius_km=radius,
            districts=(),
        )
        group.place_name = place.split(",")[0]
        group.save()
        group.tags.set(tags)
        groups[slug] = group

    swap = _group(
        "cathays-clothes-swap",
        "Cathays Clothes Swap",
        GroupKind.ACTION_GROUP,
        "Swap, don't shop: a clothes swap every season in Cathays and the city centre.",
        users["organiser"],
    )
    districts = list(District.objects.filter(outcode__in=["CF24", "CF10"]))
    group_area_apply(
        swap, area_type=AreaType.DISTRICTS, location=None, radius_km=None, districts=districts
    )
    swap.save()
    swap.districts.set(districts)
    swap.tags.set(["clothes swap", "zero waste"])
    groups[swap.slug] = swap

    for slug, name, kind, tags, description in INTEREST_GROUPS:
        group = _group(slug, name, kind, description, users["organiser"])
        group_area_apply(
            group, area_type=AreaType.INTEREST, location=None, radius_km=None, districts=()
        )
        group.save()
        group.tags.set(tags)
        groups[slug] = group

    # One listing waiting for moderation, submitted by a neighbour.
    pending = _group(
        "moss-side-litter-pickers",
        "Moss Side Litter Pickers",
        GroupKind.ACTION_GROUP,
        "Monthly litter picks around Alexandra Park.",
        users["neighbour"],
        status="pending",
    )
    group_area_apply(
        pending,
        area_type=AreaType.PLACE,
        location=lookup("M14"),
        radius_km=1.0,
        districts=(),
    )
    pending.save()
    pending.tags.set(["clean streets"])

    # Members: the demo member and the volunteer belong to Ancoats Together.
    for key in ("demo", "volunteer"):
        Membership.objects.get_or_create(
            group=groups["ancoats-together"], user=users[key], defaults={"role": Role.MEMBER}
        )
    Membership.objects.get_or_create(
        group=groups["leith-community-co-operative"],
        user=users["demo"],
        defaults={"role": Role.MEMBER},
    )
    # The demo member's claim on the listing with no organiser.
    GroupClaim.objects.get_or_create(
        group=groups["old-town-repair-cafe"],
        user=users["demo"],
        status=ClaimStatus.PENDING,
        defaults={"message": "I run the café's sign-up sheet and our Instagram."},
    )

    # Two co-operative communities with commitments and progress.
    ancoats = groups["ancoats-together"]
    _register(ancoats, registered=now - datetime.timedelta(days=430), reviewed=True)
    _commitment(
        ancoats,
        CommitmentArea.ACTION,
        "Hold street parties on the estate",
        4,
        "street parties",
        today + datetime.timedelta(days=120),
        [
            (1, "Our first party on Blossom Street: 70 neighbours and a ceilidh band."),
            (2, "Two more in June, one in the rain under gazebos. 120 people in all."),
        ],
        users["organiser"],
    )
    _commitment(
        ancoats,
        CommitmentArea.ACTION,
        "Run seasonal clothes swaps",
        4,
        "swaps",
        today + datetime.timedelta(days=60),
        [
            (2, "Spring and summer swaps at the library: 300 items found new homes."),
            (2, "Autumn and winter swaps done. 45 people at the last one."),
        ],
        users["organiser"],
    )
    _commitment(
        ancoats,
        CommitmentArea.ENTERPRISE,
        "Publish a directory of the co-ops in Ancoats",
        1,
        "directory",
        today + datetime.timedelta(days=30),
        [(1, "Printed and online: 14 co-ops, from the bike shop to the housing co-op.")],
        users["organiser"],
    )
    _commitment(
        ancoats,
        CommitmentArea.ENTERPRISE,
        "Hold co-op open days",
        3,
        "open days",
        today + datetime.timedelta(days=200),
        [(1, "The food co-op opened its doors: 30 visitors, 6 new members.")],
        users["organiser"],
    )

    leith = groups["leith-community-co-operative"]
    _register(leith, registered=now - datetime.timedelta(days=60), reviewed=False)
    _commitment(
        leith,
        CommitmentArea.ACTION,
        "Run monthly repair cafés",
        10,
        "repair cafés",
        today + datetime.timedelta(days=300),
        [(2, "Two cafés so far: 41 things fixed, including a 1970s radio.")],
        users["organiser"],
    )
    _commitment(
        leith,
        CommitmentArea.ENTERPRISE,
        "Help new co-ops start on the Shore",
        2,
        "new co-ops",
        today + datetime.timedelta(days=330),
        [],
        users["organiser"],
    )

    # Member Pioneers, in Manchester and Cardiff.
    for key, place, area, radius, helps in (
        (
            "volunteer",
            "Manchester city centre",
            "Greater Manchester",
            15,
            "Starting an action group, street parties, door knocking",
        ),
        (
            "neighbour",
            "Cathays, Cardiff",
            "Cardiff",
            10,
            "Registering as a co-operative community, risk assessments",
        ),
    ):
        pioneer = Pioneer.objects.filter(user=users[key]).first() or Pioneer(user=users[key])
        pioneer.name = users[key].display_name
        pioneer.area_name = area
        pioneer.radius_km = radius
        pioneer.helps_with = helps
        pioneer.bio = "Happy to meet for a cup of tea and talk it through."
        pioneer.is_active = True
        pioneer.appointed_by = users["staff"]
        pioneer.set_location(places[place])
        pioneer.save()

    # Where some groups meet: community spaces near them, from the spaces app.
    for slug in ("ancoats-together", "leith-community-co-operative", "cathays-clothes-swap"):
        group = groups[slug]
        nearby = spaces_near(point=group.point, km=3, limit=2)
        if nearby:
            group.spaces.set([s.pk for s in nearby])

    context.say(
        f"  {Group.objects.count()} groups, {Commitment.objects.count()} commitments, "
        f"{Pioneer.objects.count()} pioneers"
    )


def _group(slug, name, kind, description, submitter, status="approved", organiser=True) -> Group:
    group = Group.objects.filter(slug=slug).first() or Group(slug=slug)
    group.name = name
    group.kind = kind
    group.description = description
    group.submitted_by = submitter
    group.moderation_status = status
    if group.pk is None:
        group.save()
    if organiser:
        Membership.objects.get_or_create(
            group=group, user=submitter, defaults={"role": Role.ORGANISER}
        )
    return group


def _register(group, *, registered, reviewed) -> None:
    if group.registered_at is None:
        group.registered_at = registered
    if reviewed:
        group.last_reviewed_at = group.registered_at + datetime.timedelta(days=368)
        CheckIn.objects.update_or_create(
            group=group,
            year=1,
            defaults={
                "due_at": group.registered_at + datetime.timedelta(days=365),
                "reviewed_at": group.last_reviewed_at,
            },
        )
    group.save()


def _commitment(group, area, what, target, unit, due, updates, by) -> Commitment:
    commitment, _ = Commitment.objects.update_or_create(
        group=group,
        what=what,
        defaults={
            "area": area,
            "target": target,
            "unit": unit,
            "due_date": due,
            "created_by": by,
        },
    )
    for i, (number, story) in enumerate(updates):
        ProgressUpdate.objects.update_or_create(
            commitment=commitment,
            story=story,
            defaults={
                "number": number,
                "posted_by": by,
                "posted_at": timezone.now() - datetime.timedelta(days=30 * (len(updates) - i)),
            },
        )
    commitment.recount()
    commitment.status = CommitmentStatus.ACHIEVED if commitment.is_met else CommitmentStatus.ACTIVE
    commitment.save(update_fields=["status"])
    return commitment
