"""allauth's log-in and sign-up pages, answering as every form here does (house rule,
``core.views.render_form``): a POST that comes back with errors is a 400, with what was
typed kept in the form. allauth's own views answer such a POST with a 200.

Mounted in ``coopcentre/urls.py`` at allauth's own paths and names, just before
``include("allauth.urls")``, so every ``{% url 'account_login' %}`` still leads here.
"""

from allauth.account.views import LoginView, SignupView


class _InvalidIsBadRequest:
    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class HouseLoginView(_InvalidIsBadRequest, LoginView):
    pass


class HouseSignupView(_InvalidIsBadRequest, SignupView):
    pass


login = HouseLoginView.as_view()
signup = HouseSignupView.as_view()
