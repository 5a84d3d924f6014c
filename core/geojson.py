"""GeoJSON (RFC 7946) for every map on the site: one shape of feature.

``static/js/map.js`` draws any FeatureCollection made here: each marker's popup is the
``name`` (a link when there is a ``url``) and the ``summary`` under it. Other properties
(a space's ``kind``, a ``distance_km``) ride along for other readers of the GeoJSON.
"""

COORDINATE_DECIMALS = 6  # about 10 cm: more than any postcode centroid deserves


def point_feature(
    *,
    lat: float,
    lon: float,
    name: str,
    url: str = "",
    summary: str = "",
    id: int | str | None = None,  # noqa: A002 (GeoJSON's own name)
    **properties,
) -> dict:
    """One place as a Feature: a Point at [longitude, latitude] (GeoJSON's order), with
    ``name``, ``url`` and ``summary`` for the popup and any other ``properties``.
    ``None`` properties are left out; a ``distance_km`` is rounded to 10 m."""
    props = {"name": name, "url": url, "summary": summary}
    for key, value in properties.items():
        if value is None:
            continue
        props[key] = round(value, 2) if key == "distance_km" else value
    if not url:
        del props["url"]
    feature = {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS)],
        },
        "properties": props,
    }
    if id is not None:
        feature["id"] = id
    return feature


def feature_collection(features) -> dict:
    """A FeatureCollection of ``features`` (made by ``point_feature``)."""
    return {"type": "FeatureCollection", "features": list(features)}
