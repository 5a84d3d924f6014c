"""Support schemes anyone can browse."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.paging import page_number
from core.signposting import urgent_help
from postcodes.forms import start_from_saved_postcode

from ..filters import SchemeFilter
from ..models import SupportScheme


@require_GET
def scheme_list(request):
    schemes = SchemeFilter(
        request.GET or None,
        queryset=SupportScheme.objects.active().prefetch_related(
            "kinds", "topics", "local_authorities", "districts"
        ),
    )
    start_from_saved_postcode(schemes.form, request.user)
    valid = schemes.is_bound and schemes.is_valid()
    page = Paginator(schemes.qs if valid or not schemes.is_bound else [], 20).get_page(
        page_number(request.GET.get("page"))
    )
    return render(
        request,
        "matching/scheme_list.html",
        {
            "filter": schemes,
            "page": page,
            "location": schemes.location if valid else None,
            "urgent": urgent_help(schemes.location.nation if valid and schemes.location else ""),
        },
        status=400 if schemes.is_bound and not valid else 200,
    )


@require_GET
def scheme_detail(request, slug: str):
    scheme = get_object_or_404(
        SupportScheme.objects.active().prefetch_related(
            "kinds", "topics", "local_authorities", "districts"
        ),
        slug=slug,
    )
    return render(request, "matching/scheme_detail.html", {"scheme": scheme})
