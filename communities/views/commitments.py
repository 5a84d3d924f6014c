"""Registering as a co-operative community (three steps), commitments, progress, review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimit import rate_limit
from core.views import render_form

from ..forms import CommitmentForm, GroupForm, ProgressForm, RegisterForm, ReviewFormSet
from ..models import Commitment, CommitmentArea, CommitmentStatus, Group, Guide, GuideStep, Role
from ..services import (
    CommunityError,
    commitment_add,
    commitment_remove,
    community_register,
    community_review,
    group_create,
    progress_post,
    registration_missing,
)
from .access import group_for_owner_or_404, visible_group_or_404
from .groups import GROUP_CREATE_LIMIT
from .posting import form_service_call

# Adding commitments (while registering, or later) counts on one limit per member.
COMMITMENT_LIMIT = {
    "key": "user",
    "rate": "30/h",
    "group": "communities.commitment-create",
    "message": "You have added a lot of commitments in the last hour. Please try again later.",
    "keep": {"what": "What you commit to"},
}


def _guides_by_step():
    guides = (
        Guide.objects.published()
        .filter(step__isnull=False)
        .only("title", "slug", "summary", "step")
    )
    steps = {step: [] for step in GuideStep.values}
    for guide in guides:
        steps[guide.step].append(guide)
    return steps


@require_GET
def register_start(request):
    """“Three steps to a co-operative community”: what it means, with the guides."""
    steps = _guides_by_step()
    return render(
        request,
        "communities/register_start.html",
        {"steps": [(value, label, steps[value]) for value, label in GuideStep.choices]},
    )


@login_required
@rate_limit(**GROUP_CREATE_LIMIT)
@require_http_methods(["GET", "POST"])
def register_group(request):
    """Step 1: the group that registers: one you organise, or a new one."""
    form = GroupForm(request.POST if request.method == "POST" else None)
    if group := form_service_call(
        request, form, lambda: group_create(by=request.user, **form.service_kwargs())
    ):
        messages.success(request, _("Step 1 done: %(name)s is saved.") % {"name": group.name})
        return redirect("communities:register-commitments", slug=group.slug)
    organised = Group.objects.filter(
        memberships__user=request.user,
        memberships__role=Role.ORGANISER,
        registered_at__isnull=True,
    ).exclude(moderation_status="rejected")
    return render_form(
        request,
        "communities/register_group.html",
        {"form": form, "organised": organised, "guides": _guides_by_step()[GuideStep.FORM]},
    )


def _unregistered_or_redirect(request, group):
    if group.registered_at:
        messages.info(
            request,
            _("%(name)s is already a registered co-operative community.") % {"name": group.name},
        )
        return redirect(group)
    return None


@login_required
@rate_limit(**COMMITMENT_LIMIT)
@require_http_methods(["GET", "POST"])
def register_commitments(request, slug):
    """Step 2: commitments in co-operative action and co-operative enterprise."""
    group = group_for_owner_or_404(request, slug)
    if done := _unregistered_or_redirect(request, group):
        return done
    form = CommitmentForm(request.POST if request.method == "POST" else None)
    if commitment := form_service_call(
        request, form, lambda: commitment_add(group=group, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Added: %(what)s.") % {"what": commitment.what})
        return redirect("communities:register-commitments", slug=group.slug)
    commitments = list(group.commitments.all())
    return render_form(
        request,
        "communities/register_commitments.html",
        {
            "group": group,
            "form": form,
            "action_commitments": [c for c in commitments if c.area == CommitmentArea.ACTION],
            "enterprise_commitments": [
                c for c in commitments if c.area == CommitmentArea.ENTERPRISE
            ],
            "missing": registration_missing(group=group),
            "guides": _guides_by_step()[GuideStep.COMMIT],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_confirm(request, slug):
    """Step 3: check everything and register."""
    group = group_for_owner_or_404(request, slug)
    if done := _unregistered_or_redirect(request, group):
        return done
    form = RegisterForm(request.POST if request.method == "POST" else None)
    missing = registration_missing(group=group)
    if form_service_call(request, form, lambda: community_register(group=group, by=request.user)):
        messages.success(
            request,
            _(
                "%(name)s is registered as a co-operative community. Post progress as you go: we "
                "will check in a year from today."
            )
            % {"name": group.name},
        )
        return redirect(group)
    return render_form(
        request,
        "communities/register_confirm.html",
        {
            "group": group,
            "form": form,
            "missing": missing,
            "commitments": list(group.commitments.all()),
            "guides": _guides_by_step()[GuideStep.REGISTER],
        },
    )


@login_required
@rate_limit(**COMMITMENT_LIMIT)
@require_http_methods(["GET", "POST"])
def commitment_create(request, slug):
    """Organisers of a registered community add a commitment (at review time or any time)."""
    group = group_for_owner_or_404(request, slug)
    if not group.registered_at:
        return redirect("communities:register-commitments", slug=group.slug)
    initial = {"area": request.GET.get("area")} if request.GET.get("area") else None
    form = CommitmentForm(request.POST if request.method == "POST" else None, initial=initial)
    if commitment := form_service_call(
        request, form, lambda: commitment_add(group=group, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Added: %(what)s.") % {"what": commitment.what})
        return redirect(group)
    return render_form(request, "communities/commitment_form.html", {"group": group, "form": form})


@login_required
@require_POST
def commitment_delete(request, slug, pk):
    group = group_for_owner_or_404(request, slug)
    commitment = get_object_or_404(Commitment, group=group, pk=pk)
    try:
        commitment_remove(commitment=commitment)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Removed: %(what)s.") % {"what": commitment.what})
    if group.registered_at:
        return redirect(group)
    return redirect("communities:register-commitments", slug=group.slug)


@require_GET
def commitment_detail(request, slug, pk):
    """A commitment's progress towards its target and every update's story."""
    group = visible_group_or_404(request, slug)
    commitment = get_object_or_404(Commitment, group=group, pk=pk)
    updates = Paginator(
        commitment.updates.select_related("posted_by").order_by("-posted_at", "-pk"), 20
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "communities/commitment_detail.html",
        {
            "group": group,
            "commitment": commitment,
            "page_obj": updates,
            "is_organiser": request.user.is_staff or group.is_organiser(request.user),
        },
    )


@login_required
@rate_limit(
    key="user",
    rate="20/h",
    message=gettext_lazy(
        "You have posted a lot of progress updates in the last hour. Please try again later."
    ),
    keep={"story": "The story"},
)
@require_http_methods(["GET", "POST"])
def progress_create(request, slug, pk):
    """Organisers post a progress update: a number and a short story."""
    group = group_for_owner_or_404(request, slug)
    commitment = get_object_or_404(Commitment, group=group, pk=pk)
    form = ProgressForm(request.POST if request.method == "POST" else None, commitment=commitment)
    if form_service_call(
        request,
        form,
        lambda: progress_post(
            commitment=commitment,
            by=request.user,
            number=form.cleaned_data["number"],
            story=form.cleaned_data["story"],
            confirmed_large=form.cleaned_data["confirm_large"],
        ),
    ):
        commitment.refresh_from_db()
        if commitment.is_met:
            text = _("Progress posted: %(total)s of %(target)s %(unit)s. Target reached!")
        else:
            text = _("Progress posted: %(total)s of %(target)s %(unit)s.")
        messages.success(
            request,
            text
            % {
                "total": commitment.progress_total,
                "target": commitment.target,
                "unit": commitment.unit,
            },
        )
        return redirect(group)
    return render_form(
        request,
        "communities/progress_form.html",
        {"group": group, "commitment": commitment, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_review(request, slug):
    """The yearly review: carry each commitment on, mark it achieved or drop it."""
    group = group_for_owner_or_404(request, slug)
    if not group.registered_at:
        messages.info(request, _("Register as a co-operative community first."))
        return redirect(group)
    queryset = group.commitments.exclude(status=CommitmentStatus.DROPPED)
    formset = ReviewFormSet(request.POST if request.method == "POST" else None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        changes = [
            (f.instance, f.cleaned_data["status"], f.cleaned_data["due_date"])
            for f in formset.forms
        ]
        try:
            community_review(group=group, by=request.user, changes=changes)
        except CommunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Thank you: your review is saved. Add new commitments for the year ahead."),
            )
            return redirect(group)
    return render_form(
        request, "communities/group_review.html", {"group": group, "formset": formset}
    )
