from django import template

register = template.Library()


@register.simple_tag
def help_near(location):
    """Schemes covering ``location`` and how many open offers are within 5 km (no names)."""
    from matching.models import Offer
    from matching.services.schemes import schemes_for_location

    if location is None:
        return {"schemes": [], "offers": 0}
    return {
        "schemes": schemes_for_location(location=location),
        "offers": Offer.objects.open().near(location.point, 5).count(),
    }


@register.filter
def km(value) -> str:
    """``{{ match.distance_km|km }}`` → "4.1 km": the same rounding as everywhere else
    (``matching.wording.km_text``)."""
    from matching.wording import km_text

    return "" if value is None else km_text(value)
