"""A member's needs and offers: ask, offer, see, edit, pause, resume, withdraw, and
the page listing all of theirs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimit import rate_limit
from core.signposting import urgent_help
from core.views import render_form

from ..filters import MineFilter
from ..models import Match, Need, Offer, RequestStatus, Side
from ..reasons import reasons_prepare
from ..services import requests
from .common import KINDS, nation_of, request_for_owner_or_404


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(
    key="user",
    rate="20/h",
    message=gettext_lazy("You've sent a lot of requests in the last hour. Please wait."),
    keep={"note": "Your note"},
)
def request_create(request, role: str):
    """The need or offer form, with consent and the not-an-emergency signposting."""
    kind = KINDS[role]
    initial = {"postcode": request.user.home_postcode} if request.user.home_postcode else {}
    form = kind["register_form"](request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        instance, created = kind["register"](
            person=request.user,
            submission_token=form.cleaned_data["submission_token"],
            **form.service_kwargs(),
        )
        if created:
            messages.success(
                request,
                kind["saved"],
            )
        else:
            messages.info(request, kind["exists"])
        return redirect(instance)
    location = form.cleaned_data.get("postcode") if form.is_bound and form.is_valid() else None
    nation = getattr(location, "nation", "") or nation_of(request.user)
    return render_form(
        request,
        "matching/request_form.html",
        {
            "form": form,
            "role": role,
            "title": kind["title"],
            "urgent": urgent_help(nation),
            "nation": nation,
        },
    )


@login_required
@require_GET
def request_detail(request, role: str, pk: int):
    instance = request_for_owner_or_404(request, role, pk)
    relation = "need" if role == "need" else "offer"
    matches = reasons_prepare(
        Match.objects.filter(**{relation: instance})
        .select_related("scheme", "need", "offer")
        .prefetch_related("scheme__local_authorities", "scheme__districts")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "matching/request_detail.html",
        {
            "object": instance,
            "role": role,
            "noun": KINDS[role]["noun"],
            "schemes": [m for m in matches if m.scheme_id],
            "introductions": [m for m in matches if m.offer_id],
            "urgent": urgent_help(instance.nation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request, role: str, pk: int):
    instance = request_for_owner_or_404(request, role, pk)
    if instance.status == RequestStatus.WITHDRAWN:
        messages.error(request, _("This has been withdrawn; make a new one instead."))
        return redirect(instance)
    form_class = KINDS[role]["form"]
    form = form_class(request.POST or None, initial=form_class.initial_from(instance))
    if request.method == "POST" and form.is_valid():
        requests.request_update(request=instance, **form.service_kwargs())
        messages.success(request, _("Your changes are saved."))
        return redirect(instance)
    return render(
        request,
        "matching/request_form.html",
        {
            "form": form,
            "role": role,
            "object": instance,
            "title": f"Change your {KINDS[role]['noun']}",
            "urgent": urgent_help(instance.nation),
            "nation": instance.nation,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def request_pause(request, role: str, pk: int):
    instance = requests.request_pause(request=request_for_owner_or_404(request, role, pk))
    messages.success(request, _("Paused: we won't look for new matches until you resume."))
    return redirect(instance)


@login_required
@require_POST
def request_resume(request, role: str, pk: int):
    instance = requests.request_resume(request=request_for_owner_or_404(request, role, pk))
    messages.success(request, _("Resumed: we're looking for matches again."))
    return redirect(instance)


@login_required
@require_http_methods(["GET", "POST"])
def request_withdraw(request, role: str, pk: int):
    instance = request_for_owner_or_404(request, role, pk)
    if request.method == "POST":
        requests.request_withdraw(request=instance, by=request.user)
        messages.success(request, KINDS[role]["withdrawn"])
        return redirect("matching:mine")
    return render(
        request,
        "matching/request_withdraw.html",
        {"object": instance, "role": role, "noun": KINDS[role]["noun"]},
    )


@login_required
@require_GET
def mine(request):
    """Everything of the member's: needs, offers, and introductions awaiting their answer."""
    needs = MineFilter(request.GET, queryset=Need.objects.of(request.user)).qs
    offers = MineFilter(request.GET, queryset=Offer.objects.of(request.user)).qs
    show = MineFilter(request.GET, queryset=Need.objects.none())
    introductions = (
        Match.objects.people()
        .involving(request.user)
        .select_related("need", "offer")
        .prefetch_related("need__kinds", "need__topics", "offer__kinds", "offer__topics")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(introductions, 20).get_page(request.GET.get("page"))
    for match in reasons_prepare(page):
        match.my_side = Side.NEED if match.need.person_id == request.user.pk else Side.OFFER
        match.my_response = match.response_of(match.my_side)
    return render(
        request,
        "matching/mine.html",
        {
            "needs": needs.prefetch_related("kinds", "topics"),
            "offers": offers.prefetch_related("kinds", "topics"),
            "filter": show,
            "page": page,
        },
    )
