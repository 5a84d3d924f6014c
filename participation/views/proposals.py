"""Proposals: the list, one proposal, proposing, supporting, and the official answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.paging import page_with_total
from core.ratelimit import rate_limit
from core.views import render_form

from .. import services
from ..forms import AnswerForm, ProposalForm
from ..models import Proposal, Support
from .common import process_or_404, proposal_or_404

PER_PAGE = 10


@require_GET
def proposal_list(request, slug):
    process = process_or_404(request, slug)
    proposals = (
        Proposal.objects.visible()
        .filter(process=process)
        .for_listing()
        .order_by("-support_count", "-created_at", "-pk")
    )
    page = page_with_total(proposals, request.GET.get("page"), PER_PAGE)
    return render(request, "participation/proposal_list.html", {"process": process, "page": page})


@require_GET
def proposal_detail(request, slug, pk):
    process = process_or_404(request, slug)
    proposal = proposal_or_404(request, process, pk)
    user = request.user
    lead = services.is_lead(user=user, process=process)
    answer = getattr(proposal, "answer", None)
    initial = {"status": answer.status, "reason": answer.reason} if answer else None
    context = {
        "process": process,
        "proposal": proposal,
        "answer": answer,
        "support_count": proposal.supports.count(),
        "supported": user.is_authenticated
        and Support.objects.filter(proposal=proposal, user=user).exists(),
        "is_lead": lead,
        "answer_form": AnswerForm(initial=initial) if lead else None,
    }
    return render(request, "participation/proposal_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(
    key="user",
    rate="10/h",
    message=gettext_lazy("You have made several proposals in an hour; please wait a while."),
    keep={"title": gettext_lazy("Your idea"), "body": gettext_lazy("Your proposal")},
)
def proposal_create(request, slug):
    process = process_or_404(request, slug)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = services.proposal_create(
            process=process, author=request.user, **form.cleaned_data
        )
        messages.success(request, _("Your proposal is published. Others can now support it."))
        return redirect(proposal)
    return render_form(
        request, "participation/proposal_form.html", {"process": process, "form": form}
    )


@login_required
@require_POST
@rate_limit(key="user", rate="60/h")
def proposal_support(request, slug, pk):
    process = process_or_404(request, slug)
    proposal = proposal_or_404(request, process, pk)
    if request.POST.get("withdraw"):
        services.proposal_unsupport(proposal=proposal, user=request.user)
        messages.success(request, _("You no longer support this proposal."))
        return redirect(proposal)
    try:
        services.proposal_support(proposal=proposal, user=request.user)
    except services.ParticipationError as error:
        messages.info(request, str(error))
    else:
        messages.success(
            request, _("You support this proposal. We'll tell you when it gets an official answer.")
        )
    return redirect(proposal)


@login_required
@require_POST
@rate_limit(key="user", rate="60/h", keep={"reason": gettext_lazy("The reason")})
def proposal_answer(request, slug, pk):
    """Staff or a panel member give (or revise) the official answer."""
    process = process_or_404(request, slug)
    if not services.is_lead(user=request.user, process=process):
        raise Http404("Only the panel and staff answer")
    proposal = proposal_or_404(request, process, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.proposal_answer(proposal=proposal, by=request.user, **form.cleaned_data)
        messages.success(request, _("The answer is published; the author and supporters are told."))
        return redirect(proposal)
    context = {
        "process": process,
        "proposal": proposal,
        "answer": getattr(proposal, "answer", None),
        "support_count": proposal.supports.count(),
        "supported": False,
        "is_lead": True,
        "answer_form": form,
    }
    return render_form(request, "participation/proposal_detail.html", context)
