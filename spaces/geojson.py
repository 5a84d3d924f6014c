"""Spaces as GeoJSON (RFC 7946): what the maps draw and what the GeoJSON endpoint serves."""


def space_feature(space) -> dict:
    """One space as a Feature: a Point at [longitude, latitude], with what a popup needs."""
    properties = {
        "name": space.name,
        "url": space.get_absolute_url(),
        "summary": space.summary(),
        "kind": space.kind,
        "status": space.status,
    }
    distance = getattr(space, "distance_km", None)
    if distance is not None:
        properties["distance_km"] = round(distance, 2)
    return {
        "type": "Feature",
        "id": space.pk,
        "geometry": {
            "type": "Point",
            "coordinates": [round(space.longitude, 6), round(space.latitude, 6)],
        },
        "properties": properties,
    }


def feature_collection(spaces) -> dict:
    """A FeatureCollection of the spaces that have a place on the map."""
    return {
        "type": "FeatureCollection",
        "features": [space_feature(s) for s in spaces if s.latitude is not None],
    }
