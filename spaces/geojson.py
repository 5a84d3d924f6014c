"""Spaces as GeoJSON (RFC 7946): what the maps draw and what the GeoJSON endpoint serves."""

from core.geojson import feature_collection as collection
from core.geojson import point_feature

from .models import Space, Status


def card_of(space: Space) -> dict:
    """The few things a map needs of a space, in the shape ``selectors.space_cards`` makes."""
    return {
        "pk": space.pk,
        "name": space.name,
        "url": space.get_absolute_url(),
        "kind": space.kind,
        "kind_label": space.get_kind_display(),
        "status": space.status,
        "status_label": space.get_status_display() if space.status != Status.OPEN else "",
        "latitude": space.latitude,
        "longitude": space.longitude,
        "distance_km": getattr(space, "distance_km", None),
    }


def feature(card: dict) -> dict:
    """One space as a Feature, with what a popup needs and its kind and status."""
    summary = card["kind_label"]
    if card["status_label"]:
        summary += f" · {card['status_label']}"
    return point_feature(
        lat=card["latitude"],
        lon=card["longitude"],
        id=card["pk"],
        name=card["name"],
        url=card["url"],
        summary=summary,
        kind=card["kind"],
        status=card["status"],
        distance_km=card.get("distance_km"),
    )


def feature_collection(cards) -> dict:
    """A FeatureCollection of the cards (or spaces) that have a place on the map."""
    cards = [c if isinstance(c, dict) else card_of(c) for c in cards]
    return collection(feature(c) for c in cards if c["latitude"] is not None)
