"""Pages that combine capabilities: the home page, the /near/ hub, the co-operative audit and
the staff "co-operative deserts" ranking. They read the capabilities through their selectors
and templates (each app's ``includes/home_panel.html`` and ``near_panel.html``)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.csv_export import export_csv
from core.paging import page_number, query_without_page
from postcodes.forms import PostcodeSearchForm, start_from_saved_postcode
from postcodes.models import District, LocalAuthority

from .audit import DesertLevel, deserts_rank, place_audit
from .filters import DesertFilter, DistrictDesertFilter
from .forms import AuditForm


@require_GET
def home(request):
    form = PostcodeSearchForm(request.GET or None)
    return render(request, "portal/home.html", {"form": form})


@require_GET
def near(request):
    """The hub for one postcode: where it is and what to find there."""
    form = PostcodeSearchForm(request.GET or None)
    location = form.cleaned_data["postcode"] if form.is_valid() else None
    status = 200 if location or not request.GET else 400
    return render(request, "portal/near.html", {"form": form, "location": location}, status=status)


@require_GET
def audit(request):
    """A local co-operative audit: what exists within N km of a postcode."""
    form = start_from_saved_postcode(AuditForm(request.GET or None), request.user)
    result = None
    if form.is_valid():
        result = place_audit(location=form.cleaned_data["postcode"], km=form.cleaned_data["km"])
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "portal/audit.html", {"form": form, "audit": result}, status=status)


@login_required
@require_GET
def deserts(request):
    """Staff: local authorities or postcode districts with little or no co-operative activity."""
    staff_or_404(request)
    level = request.GET.get("level")
    if level not in dict(DesertLevel.CHOICES):
        level = DesertLevel.LOCAL_AUTHORITY
    # Always bound: the first visit (no query) is the default filter, all four nations,
    # and shows the whole ranking rather than "0 of 0 areas".
    if level == DesertLevel.DISTRICT:
        filterset = DistrictDesertFilter(request.GET, queryset=_districts())
    else:
        filterset = DesertFilter(request.GET, queryset=_authorities())
    valid = filterset.is_valid()
    areas = filterset.qs if valid else filterset.queryset.none()
    rows = deserts_rank(level=level, areas=areas)
    if request.GET.get("format") == "csv":
        return export_csv(
            f"coopcentre-deserts-{level}.csv",
            ["rank", "code", "name", "nation", "live postcodes", "groups", "co-operatives"]
            + ["co-operative communities", "pioneers", "activity", "activity per 10k postcodes"]
            + ["community spaces", "upcoming events"],
            (
                [r.rank, r.code, r.name, r.nation, r.postcodes, r.groups, r.cooperatives]
                + [r.communities, r.pioneers, r.activity, r.per_10k, r.spaces, r.events]
                for r in rows
            ),
        )
    page = Paginator(rows, 50).get_page(page_number(request.GET.get("page")))
    return render(
        request,
        "portal/deserts.html",
        {
            "filter": filterset,
            "level": level,
            "levels": DesertLevel.CHOICES,
            "page_obj": page,
            "rows": page.object_list,
            "empty_count": sum(1 for r in rows if r.activity == 0),
            "area_count": len(rows),
            "query_string": query_without_page(request.GET),
        },
        status=200 if valid else 400,
    )


def _authorities():
    return LocalAuthority.objects.all()


def _districts():
    return District.objects.all()


def staff_or_404(request) -> None:
    """Staff pages answer 404 to members, so they do not reveal that the page exists."""
    if not (request.user.is_authenticated and request.user.is_staff):
        raise Http404("Staff only")
