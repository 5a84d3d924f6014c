"""The matching engine: pure, deterministic and fast.

No database, no clock, no randomness: plain inputs in, plain results out, and the same
inputs (in any order) always give the same results. ``matching.services.runs`` loads the
inputs from the database and saves the results.

For each need, taken in order of id (first come, first served):

* **Schemes** (``schemes``): active schemes that cover the need's place and help with one
  of its categories, most local first (postcode district, then local authority, then
  nation, then the whole UK), then by name.
* **Introductions** (``assignment``): for each category the need has that no active
  introduction covers yet, the nearest offer of it that is free at an overlapping time, not
  the same person, not already matched with this need, and whose volunteer is under the cap
  of active matches. When the category needs proximity (shopping), the two must be within
  both people's distances; otherwise (a phone chat) any distance will do, nearest first.

Offers are found (``candidates``) through one k-d tree per category (scipy's ``cKDTree``)
over points on the unit sphere (``geometry``), so the chord between two points gives their
great-circle distance exactly: each need looks at its ``candidates`` nearest offers and only
searches wider when all of those are taken. ``inputs`` holds the plain values in and out.
"""

from .assignment import Introducer
from .candidates import People, category_indexes
from .geometry import EARTH_RADIUS_KM, chord_to_km, km_to_chord, unit_vectors
from .inputs import (
    COVERAGE_RANK,
    CategoryInput,
    EngineSettings,
    Introduction,
    MatchResult,
    NeedInput,
    OfferInput,
    SchemeInput,
    SchemeSuggestion,
    category_order,
)
from .schemes import schemes_suggest

__all__ = [
    "COVERAGE_RANK",
    "EARTH_RADIUS_KM",
    "CategoryInput",
    "EngineSettings",
    "Introduction",
    "MatchResult",
    "NeedInput",
    "OfferInput",
    "SchemeInput",
    "SchemeSuggestion",
    "chord_to_km",
    "km_to_chord",
    "match",
    "unit_vectors",
]


def match(
    *,
    needs: list[NeedInput],
    offers: list[OfferInput],
    schemes: list[SchemeInput],
    categories: dict[str, CategoryInput],
    volunteer_load: dict[int, int] | None = None,
    settings: EngineSettings | None = None,
) -> MatchResult:
    """Match needs with support schemes and with offers; see the module docstring.

    ``categories`` maps every active category key to its ``CategoryInput``; keys not in it
    are ignored. ``volunteer_load`` gives each volunteer's (person id) active introductions
    already made, which count against ``settings.volunteer_cap``. Deterministic: the result
    depends only on the inputs' values, never on their order.
    """
    settings = settings or EngineSettings()
    people = People(needs, offers)
    order = category_order(categories)
    introducer = Introducer(people, categories, order, volunteer_load or {}, settings)
    introductions = introducer.introductions(category_indexes(people, categories, settings))
    suggestions = schemes_suggest(
        needs=people.needs,
        schemes=schemes,
        categories=categories,
        category_order=order,
        settings=settings,
    )
    helped = {i.need_id for i in introductions} | {s.need_id for s in suggestions}
    unmatched = [
        n.id
        for n in people.needs
        if n.id not in helped and not n.active_introductions and not n.suggested_schemes
    ]
    return MatchResult(introductions=introductions, suggestions=suggestions, unmatched=unmatched)
