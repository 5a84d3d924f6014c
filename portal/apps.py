from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The pages that combine capabilities: home, /near/, the co-operative audit and deserts,
    and wellbeing's "what's near you". It sits above every capability (docs/layers.md)."""

    name = "portal"

    def ready(self):
        from core import panels

        from .panels import wellbeing_nearby_panel

        panels.register("wellbeing-postcode", wellbeing_nearby_panel)
