"""“What's near you that helps”: spaces, events and groups whose tags fit weak domains.

Reads only the other apps' public selectors, as the house style asks.
"""

from dataclasses import dataclass

from communities.selectors import groups_near
from events.selectors import events_near
from postcodes.geo import Point
from spaces.selectors import spaces_near

SPACES_KM = 5
EVENTS_KM = 10
GROUPS_KM = 10
PER_KIND = 4


@dataclass(frozen=True)
class NearbyHelp:
    spaces: list
    events: list
    groups: list

    @property
    def is_empty(self) -> bool:
        return not (self.spaces or self.events or self.groups)


def _tag_variants(tags: list[str]) -> list[str]:
    # Tags are matched exactly; members type them in any case, so try the usual spellings.
    variants = []
    for tag in tags:
        for form in (tag, tag.capitalize(), tag.title()):
            if form not in variants:
                variants.append(form)
    return variants


def help_nearby(*, point: Point, tags: list[str]) -> NearbyHelp:
    """Approved spaces (within 5 km), upcoming events and groups (within 10 km) near
    ``point`` tagged with any of ``tags``; at most four of each, nearest (or soonest) first."""
    if not tags:
        return NearbyHelp(spaces=[], events=[], groups=[])
    names = _tag_variants(tags)
    return NearbyHelp(
        spaces=spaces_near(point=point, km=SPACES_KM, tags=names, limit=PER_KIND),
        events=events_near(point=point, km=EVENTS_KM, tags=names, limit=PER_KIND),
        groups=groups_near(point=point, km=GROUPS_KM, tags=names, limit=PER_KIND),
    )
