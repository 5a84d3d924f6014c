"""What the engine reads and what it returns: plain frozen values, no database rows."""

from dataclasses import dataclass, field

# Schemes are suggested most local first.
COVERAGE_RANK = {"districts": 0, "local_authorities": 1, "nation": 2, "uk": 3}


@dataclass(frozen=True)
class CategoryInput:
    """A help kind or skill topic. ``key`` is "k<id>" for kinds and "t<id>" for topics."""

    key: str
    name: str
    needs_proximity: bool
    # How a volunteer's offer of it reads: "offers collecting medication", "can teach cooking".
    offer_phrase: str
    position: int = 0


@dataclass(frozen=True)
class NeedInput:
    id: int
    person_id: int
    lat: float
    lon: float
    max_km: float
    availability: int
    categories: frozenset[str]
    outcode: str = ""
    lad_code: str = ""
    lad_name: str = ""
    nation: str = ""
    # Categories already covered by this need's active introductions, and how many it has.
    covered: frozenset[str] = frozenset()
    active_introductions: int = 0
    # Offers and schemes this need was ever matched with: never proposed again.
    excluded_offers: frozenset[int] = frozenset()
    suggested_schemes: frozenset[int] = frozenset()


@dataclass(frozen=True)
class OfferInput:
    id: int
    person_id: int
    lat: float
    lon: float
    travel_km: float
    availability: int
    categories: frozenset[str]


@dataclass(frozen=True)
class SchemeInput:
    id: int
    name: str
    coverage: str  # "uk", "nation", "local_authorities" or "districts"
    categories: frozenset[str]
    nation: str = ""
    lad_codes: frozenset[str] = frozenset()
    outcodes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EngineSettings:
    volunteer_cap: int = 3  # active introductions per volunteer
    introductions_per_need: int = 3
    schemes_per_need: int = 3
    candidates: int = 32  # nearest offers looked at per need and category before widening


@dataclass(frozen=True)
class Introduction:
    need_id: int
    offer_id: int
    distance_km: float
    covers: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class SchemeSuggestion:
    need_id: int
    scheme_id: int
    rank: int
    covers: tuple[str, ...]
    reason: str


@dataclass
class MatchResult:
    introductions: list[Introduction] = field(default_factory=list)
    suggestions: list[SchemeSuggestion] = field(default_factory=list)
    # Needs with nothing suitable: no scheme and no introduction, new or existing.
    unmatched: list[int] = field(default_factory=list)


def category_order(categories: dict[str, CategoryInput]) -> dict[str, tuple]:
    """Sort keys for category keys: by position, then name, then key."""
    return {key: (c.position, c.name, key) for key, c in sorted(categories.items())}
