"""Leaving campaign emails from the link in each one."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..services import campaigns


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """Stop campaign emails. The signed link is the proof; mail apps may POST one-click
    (RFC 8058) without a CSRF token, hence the exemption."""
    user = campaigns.unsubscribe_token_read(token=token)
    if user is None:
        raise Http404("This link isn't valid.")
    done = False
    if request.method == "POST":
        campaigns.campaign_unsubscribe(user=user)
        done = True
    return render(
        request,
        "matching/unsubscribe.html",
        {"done": done, "profile_url": reverse("accounts:profile")},
    )
