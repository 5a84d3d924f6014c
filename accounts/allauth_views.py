"""allauth's pages, answering as every form here does (house rule, ``core.views.render_form``):
a POST that comes back with errors is a 400, with what was typed kept in the form. allauth's
own views answer such a POST with a 200.

``urlpatterns`` is allauth's own URL tree (``allauth.urls``: log-in, sign-up, password
change, set and reset, email addresses, re-authentication, two-factor codes, …), the same
paths and names, with each form view swapped for a subclass that says 400. It is mounted in
``coopcentre/urls.py`` at ``accounts/``, so every ``{% url 'account_login' %}`` leads here
and a form view allauth adds later answers 400 too.
"""

import allauth.urls
from django.urls import URLPattern, URLResolver


class InvalidIsBadRequest:
    """A form view mixin: a form sent back with its errors is a 400, not a 200."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        # Only a page showing the form again; a redirect stays a redirect.
        if response.status_code == 200:
            response.status_code = 400
        return response


def _house_view(callback):
    view_class = getattr(callback, "view_class", None)
    # A view wrapped in a decorator after as_view() (none of allauth's are) is left alone:
    # rebuilding it from its class would drop the decorator.
    if view_class is None or not hasattr(view_class, "form_invalid"):
        return callback
    if hasattr(getattr(callback, "__wrapped__", None), "view_class"):
        return callback
    house_class = type(f"House{view_class.__name__}", (InvalidIsBadRequest, view_class), {})
    return house_class.as_view(**callback.view_initkwargs)


def _house_patterns(patterns) -> list:
    """The same tree of patterns, new objects throughout (allauth's are left as they are)."""
    house = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            entry = URLResolver(
                entry.pattern,
                _house_patterns(entry.url_patterns),
                entry.default_kwargs,
                entry.app_name,
                entry.namespace,
            )
        elif isinstance(entry, URLPattern):
            entry = URLPattern(
                entry.pattern, _house_view(entry.callback), entry.default_args, entry.name
            )
        house.append(entry)
    return house


urlpatterns = _house_patterns(allauth.urls.urlpatterns)
