"""Pages of the matching app (mounted at /help/): thin views that call the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ownership import owned_or_404
from core.paging import page_number
from core.ratelimit import rate_limit
from core.signposting import urgent_help
from core.views import render_form

from .filters import MineFilter, SchemeFilter
from .forms import NeedForm, NeedRegisterForm, OfferForm, OfferRegisterForm, ReportForm
from .models import (
    Match,
    MatchStatus,
    Need,
    Offer,
    RequestStatus,
    Response,
    Side,
    SupportScheme,
)
from .services import campaigns, requests
from .services.matches import (
    LinkExpired,
    MatchError,
    match_report,
    match_respond,
    response_token_read,
)

KINDS = {
    "need": {
        "model": Need,
        "form": NeedForm,
        "register_form": NeedRegisterForm,
        "register": requests.need_register,
        "title": "Ask for help",
        "noun": "request for help",
    },
    "offer": {
        "model": Offer,
        "form": OfferForm,
        "register_form": OfferRegisterForm,
        "register": requests.offer_register,
        "title": "Offer help",
        "noun": "offer of help",
    },
}


def request_for_owner_or_404(request, role: str, pk: int):
    """The member's own need or offer; anyone else's (even for staff) is a 404."""
    model = KINDS[role]["model"]
    return owned_or_404(
        request, model.objects.prefetch_related("kinds", "topics"), owner="person", pk=pk
    )


def _nation_of(user) -> str:
    """The nation of the member's home postcode, if we know it (for urgent-help numbers)."""
    if not user.is_authenticated or not user.home_postcode:
        return ""
    from postcodes.parsing import PostcodeError
    from postcodes.services import lookup

    try:
        return lookup(user.home_postcode).nation
    except PostcodeError:
        return ""


@require_GET
def index(request):
    context = {
        "offers_open": Offer.objects.open().count(),
        "schemes_count": SupportScheme.objects.active().count(),
        "scheme_filter": SchemeFilter(queryset=SupportScheme.objects.none()),
        "urgent": urgent_help(_nation_of(request.user)),
    }
    if request.user.is_authenticated:
        context["my_needs"] = Need.objects.of(request.user).current().count()
        context["my_offers"] = Offer.objects.of(request.user).current().count()
        context["awaiting"] = _awaiting_answer(request.user).count()
    return render(request, "matching/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(
    key="user",
    rate="20/h",
    message="You've sent a lot of requests in the last hour. Please wait.",
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
                "Thank you: we've saved your "
                f"{kind['noun']} and are looking for matches. We'll email you.",
            )
        else:
            messages.info(request, f"We already have this {kind['noun']}: here it is.")
        return redirect(instance)
    location = form.cleaned_data.get("postcode") if form.is_bound and form.is_valid() else None
    nation = getattr(location, "nation", "") or _nation_of(request.user)
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
    matches = (
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
        messages.error(request, "This has been withdrawn; make a new one instead.")
        return redirect(instance)
    form_class = KINDS[role]["form"]
    form = form_class(request.POST or None, initial=form_class.initial_from(instance))
    if request.method == "POST" and form.is_valid():
        requests.request_update(request=instance, **form.service_kwargs())
        messages.success(request, "Your changes are saved.")
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
    messages.success(request, "Paused: we won't look for new matches until you resume.")
    return redirect(instance)


@login_required
@require_POST
def request_resume(request, role: str, pk: int):
    instance = requests.request_resume(request=request_for_owner_or_404(request, role, pk))
    messages.success(request, "Resumed: we're looking for matches again.")
    return redirect(instance)


@login_required
@require_http_methods(["GET", "POST"])
def request_withdraw(request, role: str, pk: int):
    instance = request_for_owner_or_404(request, role, pk)
    if request.method == "POST":
        requests.request_withdraw(request=instance, by=request.user)
        messages.success(request, f"Your {KINDS[role]['noun']} is withdrawn.")
        return redirect("matching:mine")
    return render(
        request,
        "matching/request_withdraw.html",
        {"object": instance, "role": role, "noun": KINDS[role]["noun"]},
    )


def _awaiting_answer(user):
    """Open introductions where ``user`` has not answered yet."""
    return Match.objects.filter(status=MatchStatus.PROPOSED).filter(
        Q(need__person=user, need_response=Response.PENDING)
        | Q(offer__person=user, offer_response=Response.PENDING)
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
    for match in page:
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


def match_for_owner_or_404(request, pk: int) -> tuple[Match, str]:
    """A person-to-person match and the member's side of it, for its two people only."""
    match = owned_or_404(
        request,
        Match.objects.people()
        .select_related("need__person", "offer__person")
        .prefetch_related("need__kinds", "need__topics", "offer__kinds", "offer__topics"),
        owner=("need__person", "offer__person"),
        pk=pk,
    )
    return match, match.side_of(request.user)


@login_required
@require_GET
def match_detail(request, pk: int):
    match, side = match_for_owner_or_404(request, pk)
    other_side = Side.OFFER if side == Side.NEED else Side.NEED
    return render(
        request,
        "matching/match_detail.html",
        {
            "match": match,
            "side": side,
            "mine": match.request_on(side),
            "theirs": match.request_on(other_side),
            # Contact details only once both have accepted (and both consented).
            "other": match.person_on(other_side) if match.is_introduced else None,
            "my_response": match.response_of(side),
        },
    )


@login_required
@require_POST
def match_answer(request, pk: int):
    match, side = match_for_owner_or_404(request, pk)
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, "Choose whether to accept or decline the introduction.")
        return redirect(match)
    try:
        match = match_respond(match=match, side=side, accept=answer == "accept", by=request.user)
    except MatchError as error:
        messages.error(request, str(error))
        return redirect(match)
    messages.success(request, _answer_message(match, answer))
    return redirect(match)


def _answer_message(match: Match, answer: str) -> str:
    if answer == "decline":
        return "Thanks for letting us know. We won't share any of your details."
    if match.status == MatchStatus.INTRODUCED:
        return "You've both accepted: we've emailed you each other's contact details."
    return "Thank you. We'll email you both each other's details once they accept too."


@require_http_methods(["GET", "POST"])
def respond(request, token: str):
    """Answer an introduction from the link in an email (no log-in needed)."""
    try:
        match, side = response_token_read(token=token)
    except MatchError as error:
        return render(
            request,
            "matching/link_problem.html",
            {"message": str(error)},
            status=410 if isinstance(error, LinkExpired) else 400,
        )
    other_side = Side.OFFER if side == Side.NEED else Side.NEED
    context = {
        "match": match,
        "side": side,
        "theirs": match.request_on(other_side),
        "answer": request.GET.get("answer", ""),
        "token": token,
    }
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            context["error"] = "Choose whether to accept or decline the introduction."
            return render(request, "matching/respond.html", context, status=400)
        by = request.user if request.user.is_authenticated else None
        try:
            match = match_respond(match=match, side=side, accept=answer == "accept", by=by)
        except MatchError as error:
            context["error"] = str(error)
            return render(request, "matching/respond.html", context, status=409)
        context.update(match=match, done=_answer_message(match, answer))
    return render(request, "matching/respond.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(
    key="user",
    rate="5/h",
    message="You've sent several reports in the last hour. Please wait, or if someone is in "
    "danger call 999.",
    keep={"details": "Tell us more"},
)
def match_report_view(request, pk: int):
    match, side = match_for_owner_or_404(request, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        match_report(match=match, by=request.user, side=side, **form.cleaned_data)
        messages.success(
            request,
            "Thank you for telling us. Our team will look into it and may contact you.",
        )
        return redirect(match)
    return render_form(request, "matching/match_report.html", {"match": match, "form": form})


@require_GET
def scheme_list(request):
    schemes = SchemeFilter(
        request.GET or None,
        queryset=SupportScheme.objects.active().prefetch_related(
            "kinds", "topics", "local_authorities", "districts"
        ),
    )
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
