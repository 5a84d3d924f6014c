"""The fixed shape of the index: 3 pillars and 9 domains, as in the original index.

Names and descriptions are stored in English and marked for the catalogue here
(``gettext_noop``); pages translate them as they show them (``{% translate d.name %}``).

Created (or refreshed, leaving staff edits of the help tags alone) after every migrate and
before every import, so a fresh database, a test database and production all have it.
"""

from django.db import transaction
from django.utils.translation import gettext_noop as _

PILLARS = [
    (
        "people",
        _("People"),
        _(
            "How people are doing: what they learn, how healthy they are and how they make "
            "a living."
        ),
        [
            (
                "education",
                _("Education & Learning"),
                _("Qualifications, skills and learning at every age."),
                "learning, education, skills, tutoring, homework club, library, reading, "
                "adult learning, digital skills, computers, language, storytelling",
            ),
            (
                "health",
                _("Health"),
                _(
                    "Physical and mental health, disability and how long people live in good "
                    "health."
                ),
                "health, wellbeing, mental health, exercise, sport, walking, running, "
                "peer support, healthy eating, cooking, outdoors, football, dance, climbing",
            ),
            (
                "economy",
                _("Economy, Work & Employment"),
                _("Incomes, jobs and whether people can make ends meet."),
                "jobs, employment, work, careers, money advice, debt advice, benefits advice, "
                "food bank, community pantry, skills, co-ops, food, swap, energy",
            ),
        ],
    ),
    (
        "place",
        _("Place"),
        _("The place itself: things to do, getting around, homes and surroundings."),
        [
            (
                "culture",
                _("Culture, Heritage & Leisure"),
                _("Arts, heritage, libraries, sport and leisure within reach."),
                "arts, art, culture, heritage, music, theatre, crafts, history, local history, "
                "leisure, sport, choir, folk, ceilidh, quiz, dance",
            ),
            (
                "transport",
                _("Transport, Mobility & Connectivity"),
                _("Getting to services, shops, schools and GPs, and being connected."),
                "transport, community transport, cycling, lift share, walking, "
                "digital inclusion, internet, computers",
            ),
            (
                "housing",
                _("Housing, Space & Environment"),
                _("Decent, affordable homes, clean air and green space."),
                "housing, environment, green space, gardening, allotment, community garden, "
                "litter pick, repair cafe, repair café, repair, nature, clean-up, clean streets, "
                "food growing, zero waste, sustainability, energy",
            ),
        ],
    ),
    (
        "relationships",
        _("Relationships"),
        _("How people get on: safety and trust, fairness, and a say in what happens."),
        [
            (
                "relationships-trust",
                _("Relationships & Trust"),
                _("Feeling safe, low crime, knowing and trusting neighbours."),
                "neighbours, befriending, social, coffee morning, community safety, "
                "community, lunch club, loneliness, chat, men's shed, street parties, residents",
            ),
            (
                "equality",
                _("Equality"),
                _("Fair chances whatever your background, gender, disability or age."),
                "equality, inclusion, disability, refugees, lgbtq, women, older people, "
                "young people, youth, toddlers, language",
            ),
            (
                "voice",
                _("Voice & Participation"),
                _("Volunteering, voting and having a say in local decisions."),
                "volunteering, residents association, residents, campaign, co-operative, co-ops, "
                "civic, community organising",
            ),
        ],
    ),
]


def structure_ensure() -> None:
    """Create or refresh the 3 pillars and 9 domains; staff-edited help tags are kept."""
    from .models import Domain, Pillar

    with transaction.atomic():
        for p_order, (p_slug, p_name, p_description, domains) in enumerate(PILLARS):
            pillar, _ = Pillar.objects.update_or_create(
                slug=p_slug,
                defaults={"name": p_name, "order": p_order, "description": p_description},
            )
            for d_order, (d_slug, d_name, d_description, tags) in enumerate(domains):
                domain, created = Domain.objects.update_or_create(
                    slug=d_slug,
                    defaults={
                        "pillar": pillar,
                        "name": d_name,
                        "order": d_order,
                        "description": d_description,
                    },
                )
                if created or not domain.help_tags:
                    domain.help_tags = " ".join(tags.split())
                    domain.save(update_fields=["help_tags"])
