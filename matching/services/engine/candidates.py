"""Candidates: each need's nearest suitable offers of each category, from one k-d tree per
category over points on the unit sphere. Each need looks at its ``candidates`` nearest
offers and only searches wider when all of those are taken."""

from collections import defaultdict

import numpy as np

from .geometry import chord_to_km, km_to_chord, unit_vectors
from .inputs import CategoryInput, EngineSettings, NeedInput, OfferInput


class People:
    """The needs and offers in order of id, with the arrays the trees and checks read."""

    def __init__(self, needs: list[NeedInput], offers: list[OfferInput]):
        self.needs: list[NeedInput] = sorted(needs, key=lambda n: n.id)
        self.offers: list[OfferInput] = sorted(offers, key=lambda o: o.id)

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


class CategoryIndex:
    """The offers of one category in a k-d tree, and each need's nearest candidates."""

    def __init__(self, key: str, proximity: bool, offer_rows: np.ndarray, people: People):
        # Imported here: web and worker processes that never match need not load scipy.
        from scipy.spatial import cKDTree

        self.key = key
        self.proximity = proximity
        self.rows = offer_rows  # indexes into the people's offer arrays, ascending
        self.people = people
        self.tree = cKDTree(people.offer_xyz[offer_rows])
        self.candidates: dict[int, tuple[list[int], list[float], bool]] = {}

    def _filter(self, need_rows: np.ndarray, dist: np.ndarray, local: np.ndarray, complete):
        """Vectorised checks that do not depend on the order of assignment.

        ``complete`` says, per need, whether the search found every offer within its
        radius. Where it did not, the offers exactly as far as the furthest one found may
        have equally distant twins it left out (many offers share a postcode or a district
        centre), and the tree picks among ties in no particular order: those are dropped,
        to be found with all their twins by a wider search, so ties go to the lowest offer
        id whatever the search width."""
        e = self.people
        n = len(self.rows)
        valid = (local < n) & (complete[:, None] | (dist < dist[:, -1:]))
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
        return float(km_to_chord(self.people.need_max_km[need_rows].max())) * (1 + 1e-9) + 1e-12

    def prepare(self, need_rows: np.ndarray, k: int) -> None:
        """Find each need's ``k`` nearest offers of this category in one batch."""
        k = min(k, len(self.rows))
        dist, local = self.tree.query(
            self.people.need_xyz[need_rows], k=k, distance_upper_bound=self._bound(need_rows)
        )
        if k == 1:
            dist, local = dist[:, None], local[:, None]
        found_all = np.full(len(need_rows), k >= len(self.rows))
        # Fewer than k found within the radius: there is nothing further to widen to.
        found_all |= (local >= len(self.rows)).any(axis=1)
        offer_rows, km, valid = self._filter(need_rows, dist, local, found_all)
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
                self.people.need_xyz[need_rows], k=k, distance_upper_bound=self._bound(need_rows)
            )
            dist, local = np.atleast_2d(dist), np.atleast_2d(local)
            last = k >= len(self.rows) or bool((local >= len(self.rows)).any())
            offer_rows, km, valid = self._filter(need_rows, dist, local, np.array([last]))
            # Each round yields every offer nearer than its furthest, in order (those of
            # earlier rounds again: they were taken, and are skipped again).
            yield from zip(offer_rows[0][valid[0]].tolist(), km[0][valid[0]].tolist(), strict=True)
            if last:
                return


def category_indexes(
    people: People, categories: dict[str, CategoryInput], settings: EngineSettings
) -> dict[str, CategoryIndex]:
    """One index per category that some need with a free slot still wants, each with its
    needs' nearest candidates already found."""
    offers_by_category: dict[str, list[int]] = defaultdict(list)
    for row, offer in enumerate(people.offers):
        for key in offer.categories:
            if key in categories:
                offers_by_category[key].append(row)
    needs_by_category: dict[str, list[int]] = defaultdict(list)
    for row, need in enumerate(people.needs):
        if need.active_introductions >= settings.introductions_per_need:
            continue
        for key in need.categories - need.covered:
            if key in offers_by_category:
                needs_by_category[key].append(row)
    indexes = {}
    for key in sorted(needs_by_category):
        index = CategoryIndex(
            key,
            categories[key].needs_proximity,
            np.array(offers_by_category[key], dtype=np.int64),
            people,
        )
        index.prepare(np.array(needs_by_category[key], dtype=np.int64), settings.candidates)
        indexes[key] = index
    return indexes
