"""The matching home page (/help/)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.signposting import urgent_help

from ..filters import SchemeFilter
from ..models import Need, Offer, SupportScheme
from .common import awaiting_answer, nation_of


@require_GET
def index(request):
    context = {
        "offers_open": Offer.objects.open().count(),
        "schemes_count": SupportScheme.objects.active().count(),
        "scheme_filter": SchemeFilter(queryset=SupportScheme.objects.none()),
        "urgent": urgent_help(nation_of(request.user)),
    }
    if request.user.is_authenticated:
        context["my_needs"] = Need.objects.of(request.user).current().count()
        context["my_offers"] = Offer.objects.of(request.user).current().count()
        context["awaiting"] = awaiting_answer(request.user).count()
    return render(request, "matching/index.html", context)
