"""The list of processes, a process's page (timeline, panel, contributions, events), follow,
and its Atom feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.ratelimit import rate_limit
from events.selectors import upcoming_events_by_ids

from .. import services
from ..models import Follow, Post, Process, Proposal
from .common import process_or_404


@require_GET
def process_list(request):
    processes = services.processes_for_listing(user=request.user)
    return render(request, "participation/process_list.html", {"processes": processes})


@require_GET
def process_detail(request, slug):
    process = process_or_404(request, slug)
    user = request.user
    event_ids = process.events.values_list("pk", flat=True)
    context = {
        "process": process,
        "phases": list(process.phases.all()),
        "panel": list(process.panel.all()),
        "posts": list(Post.objects.published().filter(process=process).for_listing()[:3]),
        "proposals": list(
            Proposal.objects.visible()
            .filter(process=process)
            .for_listing()
            .order_by("-support_count", "-created_at")[:3]
        ),
        "surveys": list(process.surveys.published()),
        "events": upcoming_events_by_ids(ids=event_ids),
        "following": user.is_authenticated
        and Follow.objects.filter(process=process, user=user).exists(),
        "is_lead": services.is_lead(user=user, process=process),
    }
    return render(request, "participation/process_detail.html", context)


@login_required
@require_POST
@rate_limit(
    key="user", rate="30/h", message=gettext_lazy("You have followed and unfollowed a lot.")
)
def process_follow(request, slug):
    process = process_or_404(request, slug)
    follow = request.POST.get("follow") != "0"
    services.process_follow(process=process, user=request.user, follow=follow)
    if follow:
        messages.success(request, _("You follow this process: we'll tell you of new phases."))
    else:
        messages.success(request, _("You no longer follow this process."))
    return redirect(process)


class ProcessFeed(Feed):
    """The process blog as an Atom feed (published posts, newest first)."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Process.objects.published(), slug=slug)

    def title(self, process):
        return process.title

    def link(self, process):
        return process.get_absolute_url()

    def subtitle(self, process):
        return process.summary

    def items(self, process):
        return (
            Post.objects.published()
            .filter(process=process)
            .select_related("submitted_by", "process")[:30]
        )

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.body

    def item_author_name(self, post):
        return post.author_name

    def item_pubdate(self, post):
        return post.reviewed_at or post.submitted_at

    def item_updateddate(self, post):
        return post.updated_at
