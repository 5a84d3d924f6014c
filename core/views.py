from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

# The home page and /near/ combine every capability: they are in portal/views.py.


@require_GET
def about_data(request):
    return render(request, "core/about_data.html")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def render_form(request, template_name: str, context: dict) -> HttpResponse:
    """A page with a form: 200 for a GET, 400 when a POST comes back to it.

    A POST that worked redirects, so a POST that reaches this rendered the form again with
    its errors (and what was typed, which the bound form keeps): that is a 400 everywhere.
    """
    return render(request, template_name, context, status=400 if request.method == "POST" else 200)
