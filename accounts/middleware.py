"""Staff use two-factor log-in (issue 11, item 2) where ``STAFF_REQUIRE_MFA`` is on.

allauth asks for the authenticator code at every log-in of someone who has set one up;
this makes sure staff have: until they set up TOTP, the staff site sends them to do so.
On by default in production (``DEBUG=0``), off in development and the demo.
"""

from functools import lru_cache

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def staff_mfa_required(get_response):
    def middleware(request):
        if _needs_setup(request):
            messages.info(
                request,
                _(
                    "Staff need two-factor log-in. Set up an authenticator app to open the staff "
                    "site."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return get_response(request)

    return middleware


def _needs_setup(request) -> bool:
    if not getattr(settings, "STAFF_REQUIRE_MFA", False):
        return False
    staff_site = _staff_site_path(get_language(), get_urlconf(), get_script_prefix())
    if not request.path.startswith(staff_site):
        return False
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


@lru_cache(maxsize=16)
def _staff_site_path(language: str, urlconf: str | None, script_prefix: str) -> str:
    """Where the staff site starts in ``language`` (``/admin/``, ``/cy/admin/``):
    reversed once per language, URLconf and script prefix (in the key, so a test that
    swaps either gets its own), not on every request."""
    return reverse("admin:index", urlconf=urlconf)
