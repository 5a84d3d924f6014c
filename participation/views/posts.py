"""The process blog: the list, a post with its comment thread, writing a piece or an
update, and what can be done to a comment (edit, report, hide)."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from core.paging import page_with_total
from core.ratelimit import rate_limit
from core.views import render_form

from .. import services
from ..forms import CommentForm, PostForm, ReasonForm
from ..models import Comment, Post
from .common import comment_or_404, post_or_404, process_or_404

PER_PAGE = 10


@require_GET
def post_list(request, slug):
    process = process_or_404(request, slug)
    posts = (
        Post.objects.published()
        .filter(process=process)
        .for_listing()
        .order_by("-submitted_at", "-pk")
    )
    page = page_with_total(posts, request.GET.get("page"), PER_PAGE)
    return render(request, "participation/post_list.html", {"process": process, "page": page})


@require_http_methods(["GET", "POST"])
@rate_limit(
    key="user_or_ip",
    rate="20/h",
    message=gettext_lazy("You have written a lot of comments in an hour; please wait a while."),
    keep={"body": gettext_lazy("Your comment")},
)
def post_detail(request, slug, pk):
    """A post and its comments; a POST adds a comment (or a reply)."""
    process = process_or_404(request, slug)
    post = post_or_404(request, process, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(post.get_absolute_url())
        if form.is_valid():
            parent = _parent(post, form.cleaned_data.get("parent"))
            try:
                comment = services.comment_add(
                    post=post, author=request.user, body=form.cleaned_data["body"], parent=parent
                )
            except services.ParticipationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your comment is published."))
                return redirect(comment.get_absolute_url())
    context = {
        "process": process,
        "post": post,
        "form": form,
        "thread": services.comment_thread(post=post) if post.is_approved else [],
        "can_comment": post.is_approved,
        "is_staff": request.user.is_staff,
    }
    return render_form(request, "participation/post_detail.html", context)


def _parent(post: Post, parent_id: int | None) -> Comment | None:
    if not parent_id:
        return None
    return Comment.objects.filter(post=post, pk=parent_id).first()


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(
    key="user",
    rate="5/h",
    message=gettext_lazy("You have sent several pieces in an hour; please wait a while."),
    keep={"title": gettext_lazy("Title"), "body": gettext_lazy("Your piece")},
)
def post_create(request, slug):
    """Leads post an update (published at once); members submit a piece for moderation."""
    process = process_or_404(request, slug)
    lead = services.is_lead(user=request.user, process=process)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post = services.post_create(
            process=process, by=request.user, lead=lead, **form.cleaned_data
        )
        if lead:
            messages.success(request, _("Your update is published."))
        else:
            messages.success(
                request,
                _(
                    "Thank you. A moderator will read your piece soon; "
                    "we'll email you when it's up."
                ),
            )
        return redirect(post)
    context = {"process": process, "form": form, "lead": lead}
    return render_form(request, "participation/post_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(key="user", rate="30/h", keep={"body": gettext_lazy("Your comment")})
def comment_edit(request, pk):
    comment = comment_or_404(request, pk)
    if comment.author_id != request.user.pk:
        raise Http404("Not yours")
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, by=request.user, body=form.cleaned_data["body"])
        except services.ParticipationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your comment is changed."))
            return redirect(comment.get_absolute_url())
    if not comment.editable_by(request.user) and not form.errors:
        form.add_error(None, _("Comments can be changed for 15 minutes after they are written."))
    return render_form(
        request, "participation/comment_edit.html", {"comment": comment, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(key="user", rate="20/h", keep={"reason": gettext_lazy("Why?")})
def comment_report(request, pk):
    comment = comment_or_404(request, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = services.comment_report(
            comment=comment, by=request.user, reason=form.cleaned_data["reason"]
        )
        if new:
            messages.success(request, _("Thank you: a moderator will look at this comment."))
        else:
            messages.info(
                request, _("You had already reported this comment; a moderator will look.")
            )
        return redirect(comment.get_absolute_url())
    return render_form(
        request, "participation/comment_report.html", {"comment": comment, "form": form}
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def comment_hide(request, pk):
    comment = comment_or_404(request, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.comment_hide(comment=comment, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The comment is hidden; the reason shows in its place."))
        return redirect(comment.get_absolute_url())
    return render_form(
        request, "participation/comment_hide.html", {"comment": comment, "form": form}
    )
