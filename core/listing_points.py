"""Where the site's listings are: a registry of point providers, for counting them by place.

The wellbeing index counts this site's approved community spaces, groups and regular events
near each neighbourhood (social infrastructure, docs/wellbeing_index.md), but it may not import
spaces, communities or events (docs/layers.md). So the app that may read them all (the portal)
registers one provider per kind of listing here, and the index asks core:

- ``PortalConfig.ready()`` calls ``listing_points.register("spaces", approved_space_points)``;
- the provider takes no arguments and returns ``[(latitude, longitude), ...]``, one per
  listing that counts (a listing without a place is left out);
- ``listing_points.points_all()`` gives ``{"spaces": [...], "groups": [...], ...}``.

A kind nobody registers is absent from the answer, so the index says "not counted" rather
than 0 for it.
"""

from collections.abc import Callable

PointProvider = Callable[[], list[tuple[float, float]]]

_providers: dict[str, PointProvider] = {}


def register(kind: str, provider: PointProvider) -> None:
    """Count ``provider()``'s points as listings of ``kind`` (registering again replaces)."""
    _providers[kind] = provider


def kinds() -> list[str]:
    """The kinds of listing someone provides points for, in registration order."""
    return list(_providers)


def points_all() -> dict[str, list[tuple[float, float]]]:
    """Every registered kind's points, read now (each provider runs its own queries)."""
    return {kind: list(provider()) for kind, provider in _providers.items()}
