"""Assignment: each need, in order of id (first come, first served), is introduced to the
nearest free offer of each category it still wants, within the volunteers' cap."""

from collections import defaultdict

from django.conf import settings
from django.utils import translation

from matching.wording import ANY_TIME, availability_phrase, distance_phrase, join_words

from .candidates import CategoryIndex, People
from .inputs import CategoryInput, EngineSettings, Introduction, NeedInput, OfferInput


class Introducer:
    """Makes the introductions, counting each volunteer's load as it goes."""

    def __init__(
        self,
        people: People,
        categories: dict[str, CategoryInput],
        category_order: dict[str, tuple],
        volunteer_load: dict[int, int],
        settings: EngineSettings,
    ):
        self.people = people
        self.offers = people.offers
        self.categories = categories
        self.category_order = category_order
        self.load = defaultdict(int, volunteer_load)
        self.settings = settings

    def introductions(self, indexes: dict[str, CategoryIndex]) -> list[Introduction]:
        found = []
        for row, need in enumerate(self.people.needs):
            found += self._for_need(row, need, indexes)
        return found

    def _for_need(
        self, row: int, need: NeedInput, indexes: dict[str, CategoryIndex]
    ) -> list[Introduction]:
        """One need's new introductions, one category at a time in the categories' order."""
        found = []
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
            taken = (need.excluded_offers, taken_offers, taken_people)
            choice = self._choose(indexes[key], row, taken)
            if choice is None:
                continue
            offer_row, km = choice
            # Rounded once: the stored distance and the reason's words come from one number.
            km = round(km, 2)
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
                    distance_km=km,
                    covers=tuple(covers),
                    reason=self._reason(need, offer, km, covers),
                )
            )
        return found

    def _choose(self, index: CategoryIndex, row: int, taken) -> tuple[int, float] | None:
        """The nearest free candidate (offer row, km), searching wider when the nearest
        ``candidates`` are all taken."""
        offer_rows, kms, complete = index.candidates.get(row, ([], [], True))
        choice = next(
            ((r, km) for r, km in zip(offer_rows, kms, strict=True) if self._free(r, taken)),
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
        return choice

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
        # The stored reason is the staff's record, in the site's language; members read it
        # worded in their own (``matching.reasons``).
        with translation.override(settings.LANGUAGE_CODE):
            phrases = join_words([self.categories[key].offer_phrase for key in covers])
            overlap = need.availability & offer.availability
            when = availability_phrase(overlap)
            when = when if overlap & ANY_TIME == ANY_TIME else f"on {when}"
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
