"""A group's page, and what its members and organisers do there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.geojson import feature_collection, point_feature
from core.ratelimit import rate_limit
from core.views import render_form
from spaces.selectors import spaces_near

from ..forms import ClaimForm, GroupForm, GroupSpacesForm, RoleForm
from ..models import (
    ClaimStatus,
    CommitmentArea,
    CommitmentStatus,
    GroupClaim,
    Membership,
    ProgressUpdate,
    Role,
)
from ..selectors import pioneers_near
from ..services import (
    CommunityError,
    claim_submit,
    group_create,
    group_spaces_set,
    group_update,
    membership_join,
    membership_leave,
    membership_remove,
    membership_set_role,
)
from .access import group_for_owner_or_404, visible_group_or_404
from .posting import form_service_call

SPACES_KM = 5
# Listing a group (here or as step 1 of registering) counts on one limit per member.
GROUP_CREATE_LIMIT = {
    "key": "user",
    "rate": "5/h",
    "group": "communities.group-create",
    "message": "You have listed several groups in the last hour. Please try again later.",
    "keep": {"name": "Name of the group", "description": "What the group does"},
}


@require_GET
def group_detail(request, slug):
    """A group's public page: what it is, its area, events, spaces and commitments."""
    group = visible_group_or_404(request, slug)
    role = group.role_of(request.user)
    commitments = list(
        group.commitments.exclude(status=CommitmentStatus.DROPPED).prefetch_related(
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.order_by("-posted_at", "-pk"),
                to_attr="recent_updates",
            )
        )
    )
    organisers = list(Membership.objects.organisers().filter(group=group).select_related("user"))
    point = group.point
    context = {
        "group": group,
        "role": role,
        "is_organiser": role == Role.ORGANISER or request.user.is_staff,
        "tags": list(group.tags.all()),
        "member_count": group.memberships.count(),
        "organisers": organisers,
        "spaces": list(group.spaces.approved()),
        "action_commitments": [c for c in commitments if c.area == CommitmentArea.ACTION],
        "enterprise_commitments": [c for c in commitments if c.area == CommitmentArea.ENTERPRISE],
        "pioneers": pioneers_near(point=point, km=group.radius_km or 5) if point else [],
        "pending_claim": request.user.is_authenticated
        and GroupClaim.objects.filter(
            group=group, user=request.user, status=ClaimStatus.PENDING
        ).exists(),
        "last_checkin": group.checkins.first() if group.registered_at else None,
    }
    if point:
        context["geojson"] = feature_collection(
            [
                point_feature(
                    lat=point.lat, lon=point.lon, name=group.name, summary=group.area_summary()
                )
            ]
        )
    return render(request, "communities/group_detail.html", context)


@login_required
@rate_limit(**GROUP_CREATE_LIMIT)
@require_http_methods(["GET", "POST"])
def group_create_view(request):
    """List a group (not registering as a co-operative community yet)."""
    form = GroupForm(request.POST if request.method == "POST" else None)
    if group := form_service_call(
        request, form, lambda: group_create(by=request.user, **form.service_kwargs())
    ):
        messages.success(
            request,
            _(
                "%(name)s is listed. Our moderators will check it soon: until then only you can "
                "see it."
            )
            % {"name": group.name},
        )
        return redirect(group)
    return render_form(request, "communities/group_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, slug):
    group = group_for_owner_or_404(request, slug)
    form = GroupForm(request.POST if request.method == "POST" else None, group=group)
    if form_service_call(request, form, lambda: group_update(group=group, **form.service_kwargs())):
        messages.success(request, _("Your changes are saved."))
        return redirect(group)
    return render_form(request, "communities/group_form.html", {"form": form, "group": group})


@login_required
@require_POST
def group_join(request, slug):
    group = visible_group_or_404(request, slug)
    try:
        membership_join(group=group, user=request.user)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You have joined %(group)s.") % {"group": group.name})
    return redirect(group)


@login_required
@require_POST
def group_leave(request, slug):
    group = visible_group_or_404(request, slug)
    try:
        membership_leave(group=group, user=request.user)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You have left %(group)s.") % {"group": group.name})
    return redirect(group)


@login_required
@require_GET
def group_members(request, slug):
    """Organisers: the members, with their roles, to promote, demote or remove."""
    group = group_for_owner_or_404(request, slug)
    memberships = group.memberships.select_related("user").order_by("-role", "joined_at")
    return render(
        request,
        "communities/group_members.html",
        {"group": group, "memberships": memberships, "roles": Role.choices},
    )


@login_required
@require_POST
def member_role(request, slug, pk):
    group = group_for_owner_or_404(request, slug)
    membership = get_object_or_404(Membership, group=group, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose organiser or member."))
        return redirect("communities:group-members", slug=group.slug)
    try:
        membership_set_role(membership=membership, role=form.cleaned_data["role"])
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(public_name)s is now %(lower)s.")
            % {
                "public_name": membership.user.public_name,
                "lower": membership.get_role_display().lower(),
            },
        )
    return redirect("communities:group-members", slug=group.slug)


@login_required
@require_POST
def member_remove(request, slug, pk):
    group = group_for_owner_or_404(request, slug)
    membership = get_object_or_404(Membership, group=group, pk=pk)
    try:
        membership_remove(membership=membership)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(public_name)s is no longer a member.")
            % {"public_name": membership.user.public_name},
        )
    return redirect("communities:group-members", slug=group.slug)


@login_required
@require_http_methods(["GET", "POST"])
def group_spaces(request, slug):
    """Organisers: choose the community spaces near the group where it meets."""
    group = group_for_owner_or_404(request, slug)
    nearby = (
        spaces_near(point=group.point, km=max(group.radius_km or 0, SPACES_KM), limit=50)
        if group.point
        else []
    )
    current = list(group.spaces.all())
    choices = nearby + [s for s in current if s.pk not in {n.pk for n in nearby}]
    form = GroupSpacesForm(
        request.POST if request.method == "POST" else None,
        spaces=choices,
        initial={"spaces": [s.pk for s in current]},
    )
    if request.method == "POST" and form.is_valid():
        group_spaces_set(group=group, space_ids=form.cleaned_data["spaces"])
        messages.success(request, _("The group's spaces are saved."))
        return redirect(group)
    return render_form(
        request, "communities/group_spaces.html", {"group": group, "form": form, "km": SPACES_KM}
    )


@login_required
@rate_limit(
    key="user",
    rate="5/h",
    message=gettext_lazy("You have sent several claims in the last hour. Please try again later."),
    keep={"message": "Your message"},
)
@require_http_methods(["GET", "POST"])
def group_claim(request, slug):
    """Claim a listing: staff check, then the claimant becomes an organiser."""
    group = visible_group_or_404(request, slug)
    form = ClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            claim_submit(group=group, user=request.user, message=form.cleaned_data["message"])
        except CommunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Thank you: our staff will check your claim and email you.")
            )
        return redirect(group)
    return render_form(request, "communities/group_claim.html", {"group": group, "form": form})
