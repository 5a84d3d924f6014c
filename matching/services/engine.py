"""The matching engine: pure, deterministic and fast.

No database, no clock, no randomness: plain inputs in, plain results out, and the same
inputs (in any order) always give the same results. ``matching.services.runs`` loads the
inputs from the database and saves the results.

For each need, taken in order of id (first come, first served):

* **Schemes**: active schemes that cover the need's place and help with one of its
  categories, most local first (postcode district, then local authority, then nation,
  then the whole UK), then by name.
* **Introductions**: for each category the need has that no active introduction covers
  yet, the nearest offer of it that is free at an overlapping time, not the same person,
  not already matched with this need, and whose volunteer is under the cap of active
  matches. When the category needs proximity (shopping), the two must be within both
  people's distances; otherwise (a phone chat) any distance will do, nearest first.

Offers are found through one k-d tree per category (scipy's ``cKDTree``) over points on the
unit sphere, so the chord between two points gives their great-circle distance exactly:
each need looks at its ``candidates`` nearest offers and only searches wider when all of
those are taken.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from matching.wording import availability_phrase, distance_phrase, join_words

EARTH_RADIUS_KM = 6371.0088

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


def unit_vectors(lat, lon) -> np.ndarray:
    """Points on the unit sphere for arrays of latitudes and longitudes (degrees)."""
    lat = np.radians(np.asarray(lat, dtype=np.float64))
    lon = np.radians(np.asarray(lon, dtype=np.float64))
    cos_lat = np.cos(lat)
    return np.column_stack((cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)))


def km_to_chord(km):
    return 2.0 * np.sin(
        np.minimum(np.asarray(km, dtype=np.float64), np.pi * EARTH_RADIUS_KM)
        / (2.0 * EARTH_RADIUS_KM)
    )


def chord_to_km(chord):
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(np.asarray(chord) / 2.0, 1.0))


class _CategoryIndex:
    """The offers of one category in a k-d tree, and each need's nearest candidates."""

    def __init__(self, key: str, proximity: bool, offer_rows: np.ndarray, engine: "_Engine"):
        # Imported here: web and worker processes that never match need not load scipy.
        from scipy.spatial import cKDTree

        self.key = key
        self.proximity = proximity
        self.rows = offer_rows  # indexes into the engine's offer arrays, ascending
        self.engine = engine
        self.tree = cKDTree(engine.offer_xyz[offer_rows])
        self.candidates: dict[int, tuple[list[int], list[float], bool]] = {}

    def _filter(self, need_rows: np.ndarray, dist: np.ndarray, local: np.ndarray):
        """Vectorised checks that do not depend on the order of assignment."""
        e = self.engine
        n = len(self.rows)
        valid = local < n
        offer_rows = self.rows[np.where(valid, local, 0)]
        km = np.where(valid, chord_to_km(np.where(valid, dist, 0.0)), np.inf)
        valid &= (e.offer_avail[offer_rows] & e.need_avail[need_rows][:, None]) != 0
        valid &= e.offer_person[offer_rows] != e.need_person[need_rows][:, None]
        if self.proximity:
            valid &= km <= e.need_max_km[need_rows][:, None]
            valid &= km <= e.offer_travel[offer_rows]
        # Nearest first; equal distances (people in the same district) by offer id.
        order = np.lexsort((e.offer_ids[offer_rows], km), axis=-1)
        offer_rows = np.take_along_axis(offer_rows, order, axis=-1)
        km = np.take_along_axis(km, order, axis=-1)
        valid = np.take_along_axis(valid, order, axis=-1)
        return offer_rows, km, valid

    def _bound(self, need_rows: np.ndarray) -> float:
        if not self.proximity:
            return np.inf
        # A little slack so a point exactly on the radius is still found.
        return float(km_to_chord(self.engine.need_max_km[need_rows].max())) * (1 + 1e-9) + 1e-12

    def prepare(self, need_rows: np.ndarray, k: int) -> None:
        """Find each need's ``k`` nearest offers of this category in one batch."""
        k = min(k, len(self.rows))
        dist, local = self.tree.query(
            self.engine.need_xyz[need_rows], k=k, distance_upper_bound=self._bound(need_rows)
        )
        if k == 1:
            dist, local = dist[:, None], local[:, None]
        found_all = np.full(len(need_rows), k >= len(self.rows))
        # Fewer than k found within the radius: there is nothing further to widen to.
        found_all |= (local >= len(self.rows)).any(axis=1)
        offer_rows, km, valid = self._filter(need_rows, dist, local)
        for i, need_row in enumerate(need_rows.tolist()):
            keep = valid[i]
            self.candidates[need_row] = (
                offer_rows[i][keep].tolist(),
                km[i][keep].tolist(),
                bool(found_all[i]),
            )

    def wider(self, need_row: int, already: int):
        """More candidates for one need, when its nearest ones are all taken."""
        k = already
        while True:
            k = min(max(k * 4, 64), len(self.rows))
            need_rows = np.array([need_row])
            dist, local = self.tree.query(
                self.engine.need_xyz[need_rows], k=k, distance_upper_bound=self._bound(need_rows)
            )
            dist, local = np.atleast_2d(dist), np.atleast_2d(local)
            offer_rows, km, valid = self._filter(need_rows, dist, local)
            yield from zip(offer_rows[0][valid[0]].tolist(), km[0][valid[0]].tolist(), strict=True)
            if k >= len(self.rows) or (local >= len(self.rows)).any():
                return


class _Engine:
    def __init__(self, needs, offers, schemes, categories, volunteer_load, settings):
        self.settings = settings
        self.categories: dict[str, CategoryInput] = categories
        self.needs: list[NeedInput] = sorted(needs, key=lambda n: n.id)
        self.offers: list[OfferInput] = sorted(offers, key=lambda o: o.id)
        self.schemes: list[SchemeInput] = sorted(
            schemes, key=lambda s: (COVERAGE_RANK[s.coverage], s.name, s.id)
        )
        self.load = defaultdict(int, volunteer_load)
        self.category_order = {
            key: (c.position, c.name, key) for key, c in sorted(categories.items())
        }

        offers_ = self.offers
        self.offer_ids = np.fromiter((o.id for o in offers_), np.int64, len(offers_))
        self.offer_person = np.fromiter((o.person_id for o in offers_), np.int64, len(offers_))
        self.offer_avail = np.fromiter((o.availability for o in offers_), np.int64, len(offers_))
        self.offer_travel = np.fromiter((o.travel_km for o in offers_), np.float64, len(offers_))
        self.offer_xyz = unit_vectors(
            np.fromiter((o.lat for o in offers_), np.float64, len(offers_)),
            np.fromiter((o.lon for o in offers_), np.float64, len(offers_)),
        ).reshape(-1, 3)

        needs_ = self.needs
        self.need_person = np.fromiter((n.person_id for n in needs_), np.int64, len(needs_))
        self.need_avail = np.fromiter((n.availability for n in needs_), np.int64, len(needs_))
        self.need_max_km = np.fromiter((n.max_km for n in needs_), np.float64, len(needs_))
        self.need_xyz = unit_vectors(
            np.fromiter((n.lat for n in needs_), np.float64, len(needs_)),
            np.fromiter((n.lon for n in needs_), np.float64, len(needs_)),
        ).reshape(-1, 3)

    # -- introductions ------------------------------------------------------------------

    def _indexes(self) -> dict[str, _CategoryIndex]:
        offers_by_category: dict[str, list[int]] = defaultdict(list)
        for row, offer in enumerate(self.offers):
            for key in offer.categories:
                if key in self.categories:
                    offers_by_category[key].append(row)
        needs_by_category: dict[str, list[int]] = defaultdict(list)
        for row, need in enumerate(self.needs):
            if need.active_introductions >= self.settings.introductions_per_need:
                continue
            for key in need.categories - need.covered:
                if key in offers_by_category:
                    needs_by_category[key].append(row)
        indexes = {}
        for key in sorted(needs_by_category):
            index = _CategoryIndex(
                key,
                self.categories[key].needs_proximity,
                np.array(offers_by_category[key], dtype=np.int64),
                self,
            )
            index.prepare(
                np.array(needs_by_category[key], dtype=np.int64), self.settings.candidates
            )
            indexes[key] = index
        return indexes

    def _covers(self, need: NeedInput, offer_row: int, km: float, wanted: list[str]) -> list[str]:
        offer = self.offers[offer_row]
        covers = []
        for key in wanted:
            if key not in offer.categories:
                continue
            if self.categories[key].needs_proximity and (km > need.max_km or km > offer.travel_km):
                continue
            covers.append(key)
        return covers

    def _reason(self, need: NeedInput, offer: OfferInput, km: float, covers: list[str]) -> str:
        """ "2.1 km away, offers collecting food and shopping on weekday evenings"."""
        phrases = join_words([self.categories[key].offer_phrase for key in covers])
        when = availability_phrase(need.availability & offer.availability)
        when = when if when == "any time" else f"on {when}"
        if any(self.categories[key].needs_proximity for key in covers):
            reason = f"{distance_phrase(km)}, {phrases} {when}"
        else:
            reason = f"{phrases} {when} ({distance_phrase(km)}; no need to meet)"
        return reason[:1].upper() + reason[1:]

    def _free(self, offer_row: int, taken) -> bool:
        """Whether an offer can still be introduced to this need (``taken``: what can't)."""
        excluded, taken_offers, taken_people = taken
        offer = self.offers[offer_row]
        return (
            offer.id not in excluded
            and offer.id not in taken_offers
            and offer.person_id not in taken_people
            and self.load[offer.person_id] < self.settings.volunteer_cap
        )

    def introductions(self) -> list[Introduction]:
        indexes = self._indexes()
        found = []
        for row, need in enumerate(self.needs):
            slots = self.settings.introductions_per_need - need.active_introductions
            wanted = sorted(
                (key for key in need.categories - need.covered if key in indexes),
                key=self.category_order.__getitem__,
            )
            taken_offers: set[int] = set()
            taken_people: set[int] = set()
            for key in list(wanted):
                if slots <= 0:
                    break
                if key not in wanted:
                    continue  # covered by an offer picked for an earlier category
                index = indexes[key]
                offer_rows, kms, complete = index.candidates.get(row, ([], [], True))
                taken = (need.excluded_offers, taken_offers, taken_people)
                choice = next(
                    (
                        (r, km)
                        for r, km in zip(offer_rows, kms, strict=True)
                        if self._free(r, taken)
                    ),
                    None,
                )
                if choice is None and not complete:
                    choice = next(
                        (
                            (r, km)
                            for r, km in index.wider(row, self.settings.candidates)
                            if self._free(r, taken)
                        ),
                        None,
                    )
                if choice is None:
                    continue
                offer_row, km = choice
                offer = self.offers[offer_row]
                covers = self._covers(need, offer_row, km, wanted)
                for covered in covers:
                    wanted.remove(covered)
                taken_offers.add(offer.id)
                taken_people.add(offer.person_id)
                self.load[offer.person_id] += 1
                slots -= 1
                found.append(
                    Introduction(
                        need_id=need.id,
                        offer_id=offer.id,
                        distance_km=round(km, 2),
                        covers=tuple(covers),
                        reason=self._reason(need, offer, km, covers),
                    )
                )
        return found

    # -- schemes ------------------------------------------------------------------------

    def suggestions(self) -> list[SchemeSuggestion]:
        by_outcode, by_lad, by_nation, whole_uk = (
            defaultdict(list),
            defaultdict(list),
            defaultdict(list),
            [],
        )
        for scheme in self.schemes:  # already most local first, then by name
            if scheme.coverage == "districts":
                for outcode in scheme.outcodes:
                    by_outcode[outcode].append(scheme)
            elif scheme.coverage == "local_authorities":
                for lad in scheme.lad_codes:
                    by_lad[lad].append(scheme)
            elif scheme.coverage == "nation":
                by_nation[scheme.nation].append(scheme)
            else:
                whole_uk.append(scheme)
        found = []
        for need in self.needs:
            budget = self.settings.schemes_per_need - len(need.suggested_schemes)
            if budget <= 0:
                continue
            candidates = (
                by_outcode.get(need.outcode, [])
                + by_lad.get(need.lad_code, [])
                + by_nation.get(need.nation, [])
                + whole_uk
            )
            seen = set(need.suggested_schemes)
            for scheme in candidates:
                if budget <= 0:
                    break
                covers = need.categories & scheme.categories
                if scheme.id in seen or not covers:
                    continue
                seen.add(scheme.id)
                budget -= 1
                keys = sorted(covers, key=self.category_order.__getitem__)
                found.append(
                    SchemeSuggestion(
                        need_id=need.id,
                        scheme_id=scheme.id,
                        rank=COVERAGE_RANK[scheme.coverage],
                        covers=tuple(keys),
                        reason=self._scheme_reason(need, scheme, keys),
                    )
                )
        return found

    def _scheme_reason(self, need: NeedInput, scheme: SchemeInput, keys: list[str]) -> str:
        where = {
            "districts": f"a local scheme covering {need.outcode}",
            "local_authorities": f"a local scheme covering {need.lad_name or need.lad_code}",
            "nation": f"a scheme covering {need.nation}",
            "uk": "a national scheme covering the whole UK",
        }[scheme.coverage]
        helps = join_words([self.categories[key].name.lower() for key in keys])
        return f"{where[:1].upper()}{where[1:]} that helps with {helps}"


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
    engine = _Engine(
        needs, offers, schemes, categories, volunteer_load or {}, settings or EngineSettings()
    )
    introductions = engine.introductions()
    suggestions = engine.suggestions()
    helped = {i.need_id for i in introductions} | {s.need_id for s in suggestions}
    unmatched = [
        n.id
        for n in engine.needs
        if n.id not in helped and not n.active_introductions and not n.suggested_schemes
    ]
    return MatchResult(introductions=introductions, suggestions=suggestions, unmatched=unmatched)
