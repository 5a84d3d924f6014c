"""The security headers' settings (read by coopcentre/settings.py).

Content-Security-Policy (django-csp), in every environment so development and the tests see
what production sends: scripts and styles only from our own files (no inline script, style
element or style attribute anywhere); images also from the map's tile server and data: URIs
(Pico's icons, Leaflet's blank tile) and the object storage that serves uploaded photos
(coopcentre/media.py). JSON data blocks (json_script, JSON-LD) are never
executed, so script-src does not apply to them and they carry no nonce: a nonce would also
differ between a cached anonymous page and the header sent with it (docs/security.md).
"""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF

# Features no page uses are switched off for every page and anything it embeds
# (core.middleware.permissions_policy).
PERMISSIONS_POLICY_DEFAULT = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


def content_security_policy(*, map_tile_url: str, media_origins: list[str] = ()) -> dict:
    tiles = urlsplit(map_tile_url)
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [
                SELF,
                "data:",
                f"{tiles.scheme}://{tiles.netloc.replace('{s}', '*')}",
                *media_origins,
            ],
            "font-src": [SELF],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        }
    }
