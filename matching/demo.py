"""Demo data for help matching: categories, schemes in all four nations, needs and offers.

Idempotent: schemes by slug, needs and offers by a fixed submission token. Demo matches
are made without emailing anyone.
"""

import uuid

from django.utils import timezone

from core.outbox.models import OutgoingEmail, OutgoingStatus
from postcodes.models import District, LocalAuthority
from postcodes.services import lookup

from . import emails
from .models import (
    Coverage,
    HelpKind,
    Need,
    Offer,
    RequestStatus,
    SkillTopic,
    SupportScheme,
)
from .services.runs import matching_run

KINDS = [
    ("Collecting food and shopping", "shopping", True, 10),
    ("Collecting medication", "medication", True, 20),
    ("A friendly chat by phone", "phone-chat", False, 30),
]
TOPICS = [
    ("Mental wellbeing", "mental-wellbeing", 10),
    ("Getting fit", "getting-fit", 20),
    ("Cooking", "cooking", 30),
    ("Home schooling", "home-schooling", 40),
    ("Getting online", "getting-online", 50),
]

# Clearly fictional schemes (example.org contacts), so nobody rings a real helpline.
SCHEMES = [
    {
        "slug": "demo-uk-medication-network",
        "name": "UK Medication Delivery Network (demo)",
        "summary": "Volunteers collect prescriptions for people who can't get out.",
        "kinds": ["medication"],
        "coverage": Coverage.UK,
        "phone": "0800 000 0101",
        "website": "https://medication.example.org",
        "opening_hours": "Mon–Fri 9am–5pm",
    },
    {
        "slug": "demo-wales-friendly-chat",
        "name": "Wales Friendly Chat Line (demo)",
        "summary": "A weekly phone call with a friendly volunteer, in Welsh or English.",
        "kinds": ["phone-chat"],
        "topics": ["mental-wellbeing"],
        "coverage": Coverage.NATION,
        "nation": "Wales",
        "phone": "0800 000 0202",
        "email": "chat@wales.example.org",
    },
    {
        "slug": "demo-manchester-community-response",
        "name": "Manchester Community Response (demo)",
        "summary": "Food parcels, shopping and prescriptions across Manchester.",
        "kinds": ["shopping", "medication"],
        "coverage": Coverage.LOCAL_AUTHORITIES,
        "authorities": ["Manchester"],
        "phone": "0161 000 0303",
        "website": "https://manchester-response.example.org",
    },
    {
        "slug": "demo-leith-shopping-helpers",
        "name": "Leith Shopping Helpers (demo)",
        "summary": "Neighbours in Leith and the Old Town doing weekly shops.",
        "kinds": ["shopping"],
        "coverage": Coverage.DISTRICTS,
        "districts": ["EH1", "EH6"],
        "email": "hello@leith-helpers.example.org",
    },
    {
        "slug": "demo-belfast-get-online",
        "name": "Belfast Get Online (demo)",
        "summary": "Free help getting online: video calls, shopping, forms.",
        "topics": ["getting-online"],
        "coverage": Coverage.LOCAL_AUTHORITIES,
        "authorities": ["Belfast"],
        "phone": "028 0000 0404",
    },
]

# (user key, role, postcode, kinds, topics, note)
REQUESTS = [
    ("demo", "need", "M4 6DE", ["shopping"], ["cooking"], "A weekly shop would be a big help."),
    ("volunteer", "offer", "M1 1AD", ["shopping", "medication"], [], "I have a car."),
    ("neighbour", "offer", "CF24 4HQ", ["phone-chat"], ["cooking", "getting-online"], ""),
    ("organiser", "need", "EH6 6QU", ["shopping"], ["mental-wellbeing"], ""),
    ("neighbour", "need", "BT7 1NN", [], ["getting-online"], "Video calls with family."),
]


def _token(*parts) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, "coopcentre-demo-matching:" + ":".join(parts))


def load(context) -> None:
    kinds = {}
    for name, slug, proximity, position in KINDS:
        kinds[slug], _ = HelpKind.objects.update_or_create(
            slug=slug, defaults={"name": name, "needs_proximity": proximity, "position": position}
        )
    topics = {}
    for name, slug, position in TOPICS:
        topics[slug], _ = SkillTopic.objects.update_or_create(
            slug=slug, defaults={"name": name, "needs_proximity": False, "position": position}
        )

    for data in SCHEMES:
        data = dict(data)
        scheme, _ = SupportScheme.objects.update_or_create(
            slug=data.pop("slug"),
            defaults={
                k: v
                for k, v in data.items()
                if k not in ("kinds", "topics", "authorities", "districts")
            },
        )
        scheme.kinds.set([kinds[k] for k in data.get("kinds", [])])
        scheme.topics.set([topics[t] for t in data.get("topics", [])])
        scheme.local_authorities.set(
            LocalAuthority.objects.filter(name__in=data.get("authorities", []))
        )
        scheme.districts.set(District.objects.filter(outcode__in=data.get("districts", [])))

    for user_key, role, postcode, kind_slugs, topic_slugs, note in REQUESTS:
        model = Need if role == "need" else Offer
        person = context.users[user_key]
        request, _ = model.objects.get_or_create(
            submission_token=_token(user_key, role, postcode),
            defaults={
                "person": person,
                "note": note,
                "consent_given_at": timezone.now(),
                "status": RequestStatus.OPEN,
                **({"max_distance_km": 5} if role == "need" else {"travel_km": 5}),
            },
        )
        request.set_location(lookup(postcode))
        request.save()
        request.kinds.set([kinds[k] for k in kind_slugs])
        request.topics.set([topics[t] for t in topic_slugs])

    run = matching_run()
    # Demo matches email nobody: their emails are skipped before the load commits.
    OutgoingEmail.objects.filter(
        purpose__in=[emails.NEED_MATCHED, emails.OFFER_INTRODUCTION],
        key__startswith=f"run:{run.pk}:",
        status=OutgoingStatus.QUEUED,
    ).update(status=OutgoingStatus.SKIPPED)
    context.say(
        f"Matching: {len(SCHEMES)} demo schemes; run found {run.introductions} "
        f"introductions and {run.scheme_suggestions} scheme suggestions."
    )
