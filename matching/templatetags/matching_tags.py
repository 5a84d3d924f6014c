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
