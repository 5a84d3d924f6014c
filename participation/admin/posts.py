from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.admin import MODERATION_FIELDS, ModerationAdminMixin

from ..models import Comment, CommentReport, Post
from ..services import comment_hide, comment_reports_dismiss


@admin.register(Post)
class PostAdmin(ModerationAdminMixin, admin.ModelAdmin):
    """Members' pieces wait here (filter "Awaiting review"); approving or rejecting emails
    the writer through core's moderation."""

    list_display = ("title", "process", "kind", "submitted_by", "moderation_status", "submitted_at")
    list_filter = ("kind", "process")
    list_select_related = ("process", "submitted_by")
    search_fields = ("title", "body")
    fieldsets = (
        (None, {"fields": ("process", "kind", "title", "body")}),
        (_("Moderation"), {"fields": MODERATION_FIELDS}),
    )


class ReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    fields = ("user", "reason", "created_at", "resolved_at")
    readonly_fields = fields
    can_delete = False


class ReportedFilter(admin.SimpleListFilter):
    title = _("reports")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("open", _("Reported, not dealt with"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(open_reports__gt=0)
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Reported comments (filter "Reported, not dealt with"): hide with a reason, or
    dismiss the reports."""

    list_display = ("__str__", "author", "post", "created_at", "open_reports", "hidden_at")
    list_filter = (ReportedFilter, ("hidden_at", admin.EmptyFieldListFilter))
    list_select_related = ("author", "post")
    search_fields = ("body",)
    readonly_fields = ("post", "parent", "author", "created_at", "edited_at", "hidden_by")
    fields = (*readonly_fields, "body", "hidden_at", "hidden_reason")
    inlines = [ReportInline]
    actions = ["dismiss_reports", "hide_as_off_topic"]

    def get_queryset(self, request):
        open_reports = Count("reports", filter=Q(reports__resolved_at__isnull=True))
        return super().get_queryset(request).annotate(open_reports=open_reports)

    @admin.display(description=_("open reports"), ordering="open_reports")
    def open_reports(self, comment):
        return comment.open_reports

    @admin.action(description=_("Dismiss the reports (the comment stays)"))
    def dismiss_reports(self, request, queryset):
        n = sum(comment_reports_dismiss(comment=comment) for comment in queryset)
        self.message_user(request, _("%d reports dismissed.") % n)

    @admin.action(description=_("Hide: breaks the house rules"))
    def hide_as_off_topic(self, request, queryset):
        for comment in queryset:
            comment_hide(
                comment=comment, by=request.user, reason=str(_("It broke the house rules."))
            )
        self.message_user(request, _("Hidden."), messages.SUCCESS)
