"""What every open-data response shares: JSON errors, CORS for anyone, the throttle."""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from core.ratelimit import api_rate_limit


def open_json(data, *, status: int = 200, cache: str = "public, max-age=60") -> JsonResponse:
    """JSON anyone may read from any site (``Access-Control-Allow-Origin: *``)."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = cache
    return response


def bad_request(message: str) -> JsonResponse:
    return open_json({"error": message}, status=400, cache="no-store")


def not_found(message: str) -> JsonResponse:
    return open_json({"error": message}, status=404, cache="no-store")


def open_endpoint(view):
    """An open, read-only endpoint: GET (and HEAD) only, any other method 405 (no CSRF
    check: it takes no cookies and changes nothing), within the shared limit per address
    (``OPENDATA_API_RATE``)."""
    return csrf_exempt(
        require_GET(api_rate_limit(group="opendata-api", key="ip", rate=_rate)(view))
    )


def _rate(group, request):
    return settings.OPENDATA_API_RATE
