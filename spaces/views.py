"""Views of the spaces app: thin, they call filters, selectors and services.

The listings are small function views rather than ``FilterView``: they answer bad input
with status 400 and clamp page numbers (``Paginator.get_page``) instead of raising 404.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from events.selectors import events_at_space

from . import search_cache, selectors
from .cards import card_html
from .filters import RADIUS_CHOICES, EndangeredFilter, SpaceFilter
from .forms import PhotoForm, PledgeForm, SpaceEditForm, SpaceForm, ThreatReportForm
from .geojson import feature_collection
from .models import (
    FACILITIES,
    Kind,
    Pledge,
    Space,
    SpaceEdit,
    Status,
    ThreatReport,
)
from .paging import page_with_total
from .schema import place_jsonld
from .services import photos as photo_services
from .services import status as status_services
from .services import submissions

PAGE_SIZE = 20
FILTER_KEYS = ("q", "kind", "tag", "facility", "capacity", "status")
RADIUS_OPTIONS = [f"{km:g}" for km in RADIUS_CHOICES]
GEOJSON_LIMIT = 1000
RATE_LIMITED = "You have sent a lot of these in the last hour. Please try again later."


def _visible_space(request, slug, queryset=None) -> Space:
    """The space, if this person may see it (public, or theirs, or they are staff); else 404."""
    space = get_object_or_404(queryset if queryset is not None else Space.objects, slug=slug)
    if not space.is_visible_to(request.user):
        raise Http404("No such space")
    return space


def _querystring(request, **overrides) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    for key, value in overrides.items():
        params[key] = value
    return params.urlencode()


def _listing_queryset():
    return Space.objects.approved().for_listing().order_by("name", "pk")


def _search_box(form, default_radius: str, radius_km: float) -> dict:
    """What the postcode box and the distance select show: the typed values (kept even
    when wrong), their errors, and the distance options."""
    data = form.data if form.is_bound else {}
    errors = form.errors if form.is_bound else {}
    current = data.get("radius", "")
    options = [
        {"value": km, "selected": km == (current or default_radius)} for km in RADIUS_OPTIONS
    ]
    if current and current not in RADIUS_OPTIONS:
        options.insert(0, {"value": current, "selected": True})
    return {
        "postcode": data.get("postcode", ""),
        "postcode_error": (errors.get("postcode") or [""])[0],
        "radius_options": options,
        "radius_error": (errors.get("radius") or [""])[0],
        "radius_text": f"{radius_km:g}",
    }


def _choices(values, choices):
    chosen = set(values or [])
    return [(value, label, value in chosen) for value, label in choices]


@require_GET
def space_list(request):
    """Search: postcode and radius (nearest first), kind, interests, facilities, status.

    Anonymous visitors share cached pages (see ``search_cache``).
    """
    cache_key = search_cache.page_key(request)
    if cache_key:
        html = cache.get(cache_key)
        if html is not None:
            return HttpResponse(html)
    response = _space_list(request)
    if (
        cache_key
        and response.status_code == 200
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        cache.set(cache_key, response.content, search_cache.lifetime())
    return response


def _space_list(request):
    filterset = SpaceFilter(request.GET or None, queryset=_listing_queryset())
    valid = not filterset.is_bound or filterset.is_valid()
    queryset = filterset.qs if valid else filterset.queryset.none()
    page = page_with_total(selectors.card_rows(queryset), request.GET.get("page"), PAGE_SIZE)
    spaces = selectors.space_cards(page.object_list)
    for card in spaces:
        card["html"] = card_html(card)
    form = filterset.form
    data = form.data if filterset.is_bound else {}
    getlist = data.getlist if hasattr(data, "getlist") else (lambda _k: [])
    chosen_tags = getlist("tag")
    tag_choices = list(form.fields["tag"].choices)
    known = {slug for slug, _name in tag_choices}
    tag_choices += [(slug, slug) for slug in chosen_tags if slug not in known and len(slug) < 60]
    extra_filters = [k for k in FILTER_KEYS if data.get(k)]
    filters_state = urlencode([(k, v) for k in FILTER_KEYS for v in getlist(k)])
    filters_state += "|" + ",".join(slug for slug, _label in tag_choices)
    filters_state += f"|{bool(extra_filters)}"
    context = {
        "filter": filterset,
        "form": form,
        "valid": valid,
        "location": filterset.location,
        "radius": filterset.radius_km,
        "page_obj": page,
        "spaces": spaces,
        "features": feature_collection(spaces),
        "kind_choices": _choices(getlist("kind"), Kind.choices),
        "status_choices": _choices(getlist("status"), Status.choices),
        "facility_choices": _choices(getlist("facility"), FACILITIES),
        "tag_choices": _choices(chosen_tags, tag_choices),
        "filters_open": bool(extra_filters) or not valid,
        "querystring": _querystring(request),
        "searched": filterset.is_bound,
        "box": _search_box(form, "5", filterset.radius_km),
        "total": page.paginator.count,
    }
    context["filters_html"] = _filters_html(context, filters_state if valid else None)
    return render(request, "spaces/space_list.html", context, status=200 if valid else 400)


# The filters fragment (33 checkboxes) is the same for everyone with the same filters:
# each process keeps it rendered, keyed on the filter state (and the interests offered).
_filters_fragments: dict[str, str] = {}


def _filters_html(context: dict, state: str | None) -> str:
    html = _filters_fragments.get(state) if state is not None else None
    if html is None:
        html = render_to_string("spaces/includes/search_filters.html", context)
        if state is not None:
            if len(_filters_fragments) >= 500:
                _filters_fragments.clear()
            _filters_fragments[state] = html
    return html


@require_GET
def space_geojson(request):
    """The search's results as a GeoJSON FeatureCollection (nearest first, up to 1,000)."""
    filterset = SpaceFilter(request.GET or None, queryset=Space.objects.approved().for_listing())
    if filterset.is_bound and not filterset.is_valid():
        return JsonResponse(
            {"errors": {k: [str(e) for e in v] for k, v in filterset.errors.items()}}, status=400
        )
    rows = list(selectors.card_rows(filterset.qs, with_tags=False)[: GEOJSON_LIMIT + 1])
    spaces = selectors.space_cards(rows[:GEOJSON_LIMIT])
    collection = feature_collection(spaces)
    collection["truncated"] = len(rows) > GEOJSON_LIMIT
    return JsonResponse(collection, content_type="application/geo+json")


def _pledge_total_subquery():
    counts = (
        Pledge.objects.filter(space=OuterRef("pk"))
        .order_by()
        .values("space")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


@require_GET
def endangered(request):
    """Spaces under threat near a postcode (or everywhere), the soonest deadline first."""
    queryset = (
        Space.objects.approved()
        .threatened()
        .for_listing("threat_summary")
        .annotate(pledge_count=_pledge_total_subquery())
    )
    filterset = EndangeredFilter(request.GET or None, queryset=queryset)
    valid = not filterset.is_bound or filterset.is_valid()
    queryset = filterset.qs if valid else filterset.queryset.none()
    order = [F("threat_deadline").asc(nulls_last=True)]
    order += ["distance_km"] if filterset.location else []
    queryset = queryset.order_by(*order, "name", "pk")
    page = page_with_total(queryset, request.GET.get("page"), PAGE_SIZE)
    spaces = list(page.object_list)
    context = {
        "form": filterset.form,
        "filter": filterset,
        "location": filterset.location,
        "radius": filterset.radius_km,
        "page_obj": page,
        "spaces": spaces,
        "features": feature_collection(spaces),
        "querystring": _querystring(request),
        "searched": filterset.is_bound,
        "box": _search_box(filterset.form, "25", filterset.radius_km),
        "total": page.paginator.count,
    }
    return render(request, "spaces/endangered_list.html", context, status=200 if valid else 400)


@require_GET
def space_detail(request, slug):
    space = _visible_space(request, slug, Space.objects.prefetch_related("tags"))
    photos = list(space.photos.approved())
    user = request.user
    my_pledge = (
        Pledge.objects.filter(space=space, user=user).first() if user.is_authenticated else None
    )
    supporters = list(
        Pledge.objects.filter(space=space, show_name=True)
        .select_related("user")
        .only("created_at", "user__display_name")[:50]
    )
    la_name = selectors.local_authority_name(space.lad_code)
    events = events_at_space(space_id=space.pk) if space.is_approved else []
    context = {
        "space": space,
        "photos": photos,
        "history": list(space.status_changes.all()),
        "events": events,
        "pledges": selectors.pledge_summary(space_id=space.pk),
        "supporters": supporters,
        "my_pledge": my_pledge,
        "pledge_form": PledgeForm(instance=my_pledge) if space.accepts_pledges() else None,
        "la_name": la_name,
        "features": feature_collection([space]),
        "jsonld": place_jsonld(space, request=request, photos=photos, la_name=la_name),
        "pending_report": user.is_authenticated
        and ThreatReport.objects.filter(space=space, reported_by=user, state="pending").exists(),
        "is_submitter": user.is_authenticated and space.submitted_by_id == user.pk,
    }
    return render(request, "spaces/space_detail.html", context)


@login_required
@ratelimit(key="user", rate="10/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def space_create(request):
    """A member lists a space; it goes public when a moderator approves it."""
    form = SpaceForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            try:
                space = submissions.space_submit(
                    by=request.user,
                    fields=form.member_fields(),
                    location=form.cleaned_data["postcode"],
                    tags=form.cleaned_data["tags"],
                    photo=form.cleaned_data.get("photo"),
                    photo_alt=form.cleaned_data.get("photo_alt", ""),
                )
            except submissions.DuplicateSpace as duplicate:
                form.duplicate = duplicate.existing
                form.add_error("name", "This place has just been listed. Propose an edit to it.")
            else:
                messages.success(
                    request,
                    f"Thank you for listing {space.name}. Our moderators will check it, and we "
                    "will email you when it is public.",
                )
                return redirect(space)
    return render(
        request,
        "spaces/space_form.html",
        {"form": form, "photo_lost": bool(request.FILES) and form.errors},
        status=status,
    )


@login_required
@ratelimit(key="user", rate="20/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def space_edit(request, slug):
    """Propose an edit to a public space; or, for your own space awaiting review, just edit it."""
    space = _visible_space(request, slug, Space.objects.prefetch_related("tags"))
    direct = not space.is_approved
    # The form works on a copy, so the proposal can compare the old values with the new.
    form = SpaceEditForm(
        request.POST or None, instance=Space.objects.prefetch_related("tags").get(pk=space.pk)
    )
    if direct:
        del form.fields["reason"]
    status = 200
    if request.method == "POST":
        status = 400
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            fields = form.member_fields()
            location, tags = form.cleaned_data["postcode"], form.cleaned_data["tags"]
            try:
                if direct:
                    submissions.space_resubmit(
                        space=space, by=request.user, fields=fields, location=location, tags=tags
                    )
                    messages.success(request, "Saved. Our moderators will check it again.")
                    return redirect(space)
                changes = submissions.space_changes(
                    space=space, fields=fields, location=location, tags=tags
                )
                if not changes:
                    form.add_error(None, "You haven't changed anything yet.")
                else:
                    submissions.space_edit_propose(
                        space=space,
                        by=request.user,
                        changes=changes,
                        reason=form.cleaned_data.get("reason", ""),
                    )
                    messages.success(
                        request,
                        "Thank you. Our moderators will check your edit, and we will email you "
                        "when they have.",
                    )
                    return redirect(space)
            except submissions.DuplicateSpace as duplicate:
                form.duplicate = duplicate.existing
                form.add_error("name", "Another listing already has that name at that postcode.")
    return render(
        request,
        "spaces/space_edit_form.html",
        {"form": form, "space": space, "direct": direct},
        status=status,
    )


@login_required
@ratelimit(key="user", rate="5/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def threat_report(request, slug):
    """A member reports that a space is under threat; staff check before it shows."""
    space = _visible_space(request, slug)
    if not space.can_be_reported():
        messages.info(request, "This space is not one we can take threat reports on right now.")
        return redirect(space)
    form = ThreatReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            try:
                status_services.threat_report(space=space, by=request.user, **form.cleaned_data)
            except status_services.AlreadyReported:
                messages.info(request, "You have already reported this; our team is checking it.")
                return redirect(space)
            messages.success(
                request,
                "Thank you for telling us. Our team will check the threat and email you.",
            )
            return redirect(space)
    return render(
        request, "spaces/threat_report_form.html", {"form": form, "space": space}, status=status
    )


@login_required
@ratelimit(key="user", rate="30/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def pledge(request, slug):
    """ "Help save this space": pledge time, skills, money or a voice (or change a pledge)."""
    space = _visible_space(request, slug)
    if not space.accepts_pledges():
        messages.info(request, f"{space.name} is not asking for pledges right now.")
        return redirect(space)
    existing = Pledge.objects.filter(space=space, user=request.user).first()
    form = PledgeForm(request.POST or None, instance=existing)
    status = 200
    if request.method == "POST":
        status = 400
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            _pledge, created = status_services.pledge_save(
                space=space, user=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                f"Thank you for pledging to help save {space.name}. We will email you when "
                "its status changes."
                if created
                else "Your pledge is updated.",
            )
            return redirect(f"{space.get_absolute_url()}#pledge")
    return render(
        request,
        "spaces/pledge_form.html",
        {"form": form, "space": space, "my_pledge": existing},
        status=status,
    )


@login_required
@require_POST
def pledge_withdraw(request, slug):
    space = _visible_space(request, slug)
    if status_services.pledge_withdraw(space=space, user=request.user):
        messages.success(request, "Your pledge is withdrawn. We won't email you about it again.")
    return redirect(space)


@require_GET
@cache_control(max_age=10)
def pledge_count(request, slug):
    """The live pledge count of a public space, polled by its page."""
    space = get_object_or_404(Space.objects.approved().only("pk"), slug=slug)
    return JsonResponse(selectors.pledge_summary(space_id=space.pk))


@login_required
@ratelimit(key="user", rate="20/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def photo_add(request, slug):
    space = _visible_space(request, slug)
    form = PhotoForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            photo_services.photo_add(
                space=space,
                by=request.user,
                upload=form.cleaned_data["photo"],
                alt_text=form.cleaned_data["alt_text"],
                approved=request.user.is_staff,
            )
            messages.success(
                request,
                "Thank you for the photo."
                + ("" if request.user.is_staff else " It shows once our moderators approve it."),
            )
            return redirect(space)
    return render(request, "spaces/photo_form.html", {"form": form, "space": space}, status=status)


@login_required
@require_GET
def my_spaces(request):
    """What this member listed, proposed, reported and pledged, with where each stands."""
    user = request.user
    context = {
        "spaces": Space.objects.filter(submitted_by=user).only(
            "name", "slug", "moderation_status", "review_note", "status", "submitted_at"
        ),
        "edits": SpaceEdit.objects.filter(submitted_by=user).select_related("space"),
        "reports": ThreatReport.objects.filter(reported_by=user).select_related("space"),
        "my_pledges": Pledge.objects.filter(user=user).select_related("space"),
        "new_url": reverse("spaces:space-create"),
    }
    return render(request, "spaces/my_spaces.html", context)
