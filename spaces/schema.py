"""schema.org ``Place`` JSON-LD for a space's page, so search engines and maps understand it."""

from core.links import absolute_url

from .models import FACILITIES, WEEKDAYS, Kind

# The most specific schema.org type of each kind; every one of them is a Place.
SCHEMA_TYPES = {
    Kind.PARK: "Park",
    Kind.LIBRARY: "Library",
    Kind.COMMUNITY_CENTRE: "CivicStructure",
    Kind.YOUTH_CENTRE: "CivicStructure",
    Kind.SPORTS: "SportsActivityLocation",
    Kind.WORSHIP: "PlaceOfWorship",
    Kind.PUB: "BarOrPub",
}


def place_jsonld(space, *, request, photos=(), la_name: str = "") -> dict:
    """The space as a schema.org Place (with its more specific type when there is one).

    Contact details appear only when the submitter had consent to publish them.
    """
    specific = SCHEMA_TYPES.get(space.kind)
    data = {
        "@context": "https://schema.org",
        "@type": ["Place", specific] if specific else "Place",
        "@id": absolute_url(space.get_absolute_url()),
        "name": space.name,
        "url": absolute_url(space.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": space.address,
            "postalCode": space.postcode,
            "addressLocality": la_name,
            "addressRegion": space.nation,
            "addressCountry": "GB",
        },
    }
    if space.description:
        data["description"] = space.description[:500]
    if space.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(space.latitude, 6),
            "longitude": round(space.longitude, 6),
        }
    if photos:
        data["image"] = [absolute_url(p.image.url) for p in photos]
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{WEEKDAYS[int(slot['day'])]}",
            "opens": slot["opens"],
            "closes": slot["closes"],
        }
        for slot in space.opening_hours or []
    ]
    if hours:
        data["openingHoursSpecification"] = hours
    data["amenityFeature"] = [
        {"@type": "LocationFeatureSpecification", "name": label, "value": getattr(space, field)}
        for field, label in FACILITIES
    ]
    if space.capacity:
        data["maximumAttendeeCapacity"] = space.capacity
    tags = [t.name for t in space.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    if space.website:
        data["sameAs"] = space.website
    contact = space.public_contact
    if contact:
        if contact["email"]:
            data["email"] = contact["email"]
        if contact["phone"]:
            data["telephone"] = contact["phone"]
    return data
