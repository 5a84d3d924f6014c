"""A space's page, listing a space, editing one, adding a photo, and "your spaces"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.ratelimit import rate_limit
from core.views import render_form

from .. import selectors
from ..forms import PhotoForm, PledgeForm, SpaceEditForm, SpaceForm
from ..geojson import feature_collection
from ..models import Pledge, Space, SpaceEdit, ThreatReport
from ..schema import place_jsonld
from ..services import photos as photo_services
from ..services import submissions
from ._common import RATE_LIMITED, visible_space


@require_GET
def space_detail(request, slug):
    space = visible_space(request, slug, Space.objects.prefetch_related("tags"))
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
    context = {
        "space": space,
        "photos": photos,
        "history": list(space.status_changes.all()),
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
@rate_limit(key="user", rate="10/h", message=RATE_LIMITED, keep={"description": "Description"})
@require_http_methods(["GET", "POST"])
def space_create(request):
    """A member lists a space; it goes public when a moderator approves it."""
    form = SpaceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
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
                _(
                    "Thank you for listing %(name)s. Our moderators will check it, and we will "
                    "email you when it is public."
                )
                % {"name": space.name},
            )
            return redirect(space)
    return render_form(
        request,
        "spaces/space_form.html",
        {"form": form, "photo_lost": bool(request.FILES) and form.errors},
    )


@login_required
@rate_limit(key="user", rate="20/h", message=RATE_LIMITED)
@require_http_methods(["GET", "POST"])
def space_edit(request, slug):
    """Propose an edit to a public space; or, for your own space awaiting review, just edit it."""
    space = visible_space(request, slug, Space.objects.prefetch_related("tags"))
    direct = not space.is_approved
    # The form works on a copy, so the proposal can compare the old values with the new.
    form = SpaceEditForm(
        request.POST or None,
        instance=Space.objects.prefetch_related("tags").get(pk=space.pk),
        user=request.user,
    )
    if direct:
        del form.fields["reason"]
    if request.method == "POST" and form.is_valid():
        fields = form.member_fields()
        location, tags = form.cleaned_data["postcode"], form.cleaned_data["tags"]
        try:
            if direct:
                submissions.space_resubmit(
                    space=space, by=request.user, fields=fields, location=location, tags=tags
                )
                messages.success(request, _("Saved. Our moderators will check it again."))
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
                    _(
                        "Thank you. Our moderators will check your edit, and we will email you "
                        "when they have."
                    ),
                )
                return redirect(space)
        except submissions.DuplicateSpace as duplicate:
            form.duplicate = duplicate.existing
            form.add_error("name", "Another listing already has that name at that postcode.")
    return render_form(
        request, "spaces/space_edit_form.html", {"form": form, "space": space, "direct": direct}
    )


@login_required
@rate_limit(key="user", rate="20/h", message=RATE_LIMITED)
@require_http_methods(["GET", "POST"])
def photo_add(request, slug):
    space = visible_space(request, slug)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        photo_services.photo_add(
            space=space,
            by=request.user,
            upload=form.cleaned_data["photo"],
            alt_text=form.cleaned_data["alt_text"],
            approved=request.user.is_staff,
        )
        messages.success(
            request,
            _("Thank you for the photo.")
            if request.user.is_staff
            else _("Thank you for the photo. It shows once our moderators approve it."),
        )
        return redirect(space)
    return render_form(request, "spaces/photo_form.html", {"form": form, "space": space})


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
