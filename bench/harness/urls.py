"""The site's URLs plus /bench/bare/: a trivial view behind the same middleware."""

from django.http import HttpResponse
from django.urls import path

from coopcentre.urls import handler404, handler500  # noqa: F401
from coopcentre.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
