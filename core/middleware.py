"""Response headers every page carries."""

from django.conf import settings


def permissions_policy(get_response):
    """``Permissions-Policy: settings.PERMISSIONS_POLICY`` on every response: browser
    features no page of ours uses (camera, microphone, geolocation, payment...) stay off,
    for our pages and anything they might embed."""

    def middleware(request):
        response = get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
