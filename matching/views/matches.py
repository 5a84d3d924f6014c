"""Introductions: a match's page, answering it (signed in or from the email link),
reporting a problem."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ownership import owned_or_404
from core.ratelimit import rate_limit
from core.views import render_form

from ..forms import ReportForm
from ..models import Match, MatchStatus, Side
from ..services.matches import (
    LinkExpired,
    MatchError,
    match_report,
    match_respond,
    response_token_read,
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
        messages.error(request, _("Choose whether to accept or decline the introduction."))
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
        return _("Thanks for letting us know. We won't share any of your details.")
    if match.status == MatchStatus.INTRODUCED:
        return _("You've both accepted: we've emailed you each other's contact details.")
    return _("Thank you. We'll email you both each other's details once they accept too.")


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
            context["error"] = _("Choose whether to accept or decline the introduction.")
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
    message=gettext_lazy(
        "You've sent several reports in the last hour. Please wait, or if someone is in "
        "danger call 999."
    ),
    keep={"details": "Tell us more"},
)
def match_report_view(request, pk: int):
    match, side = match_for_owner_or_404(request, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        match_report(match=match, by=request.user, side=side, **form.cleaned_data)
        messages.success(
            request,
            _("Thank you for telling us. Our team will look into it and may contact you."),
        )
        return redirect(match)
    return render_form(request, "matching/match_report.html", {"match": match, "form": form})
