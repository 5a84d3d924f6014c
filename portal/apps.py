from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The pages that combine capabilities: home, /near/, the co-operative audit and deserts,
    and wellbeing's "what's near you". It sits above every capability (docs/layers.md)."""

    name = "portal"

    def ready(self):
        from core import listing_points, panels

        from .panels import wellbeing_nearby_panel
        from .social_infrastructure import group_points, regular_event_points, space_points

        panels.register("wellbeing-postcode", wellbeing_nearby_panel)
        listing_points.register("spaces", space_points)
        listing_points.register("groups", group_points)
        listing_points.register("events", regular_event_points)
