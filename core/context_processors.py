from django.conf import settings

NAVIGATION = [
    ("Events", "/events/"),
    ("Spaces", "/spaces/"),
    ("Get or give help", "/help/"),
    ("Wellbeing", "/wellbeing/"),
    ("Communities", "/communities/"),
    ("Have your say", "/have-your-say/"),
]


def site(request):
    return {
        "SITE_NAME": "coopcentre",
        "SITE_URL": settings.SITE_URL,
        "NAVIGATION": NAVIGATION,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
