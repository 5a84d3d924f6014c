"""Admin for what members send: proposed edits, photos, threat reports, and pledges."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import ModerationAdminMixin, RejectForm
from core.outbox.admin import outbox_status, outbox_status_link

from .. import emails
from ..models import (
    Pledge,
    SpaceEdit,
    SpacePhoto,
    ThreatReport,
    ThreatState,
)
from ..services import status as status_services
from ..services import submissions


@admin.register(SpaceEdit)
class SpaceEditAdmin(ModerationAdminMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "changed_fields",
        "submitted_by",
        "submitted_at",
        "moderation_status",
    )
    list_select_related = ("space", "submitted_by")
    search_fields = ("space__name", "reason")
    readonly_fields = ("space", "changes_table", "reason", "applied_at")
    fields = ("space", "changes_table", "reason", "applied_at", "review_note")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("changes"))
    def changed_fields(self, edit):
        return ", ".join(edit.changes)

    @admin.display(description=_("proposed changes"))
    def changes_table(self, edit):
        rows = format_html_join(
            "",
            "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
            ((field, change["from"], change["to"]) for field, change in edit.changes.items()),
        )
        return format_html(
            "<table><thead><tr><th>field</th><th>now</th><th>proposed</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )

    def _decide(self, request, queryset, decision, note="", featured=None):
        count = 0
        for edit in queryset.select_related("space", "submitted_by"):
            try:
                submissions.space_edit_moderate(
                    edit=edit, decision=decision, by=request.user, note=note
                )
            except submissions.DuplicateSpace as duplicate:
                self.message_user(
                    request,
                    f"Not applied: {edit} would duplicate “{duplicate.existing}”.",
                    messages.ERROR,
                )
                continue
            count += 1
        return count


@admin.register(SpacePhoto)
class SpacePhotoAdmin(ModerationAdminMixin, admin.ModelAdmin):
    list_display = (
        "preview",
        "space",
        "alt_text",
        "submitted_by",
        "submitted_at",
        "moderation_status",
    )
    list_select_related = ("space", "submitted_by")
    search_fields = ("space__name", "alt_text")
    readonly_fields = ("preview", "space", "width", "height")
    fields = ("preview", "space", "alt_text", "width", "height", "review_note")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("photo"))
    def preview(self, photo):
        return format_html(
            '<img src="{}" alt="{}" width="160">', photo.thumbnail.url, photo.alt_text
        )


@admin.register(ThreatReport)
class ThreatReportAdmin(admin.ModelAdmin):
    list_display = ("space", "state", "deadline", "reported_by", "created_at", "reviewed_by")
    list_filter = ("state",)
    list_select_related = ("space", "reported_by", "reviewed_by")
    search_fields = ("space__name", "what", "evidence")
    date_hierarchy = "created_at"
    readonly_fields = (
        "space",
        "reported_by",
        "what",
        "evidence",
        "evidence_url",
        "deadline",
        "state",
        "reviewed_by",
        "reviewed_at",
        "review_note",
        "reporter_email",
        "created_at",
    )
    actions = ["confirm_selected", "dismiss_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_email=outbox_status(emails.THREAT_OUTCOME))

    @admin.display(description=_("email to the reporter"), ordering="_email")
    def reporter_email(self, obj):
        return outbox_status_link(obj._email, purpose=emails.THREAT_OUTCOME, key=obj.pk)

    def has_add_permission(self, request):
        return False

    @admin.action(
        description=_("Confirm: mark the space under threat (emails reporter and pledgers)")
    )
    def confirm_selected(self, request, queryset):
        count = 0
        for report in queryset.filter(state=ThreatState.PENDING).select_related("space"):
            status_services.threat_confirm(report=report, by=request.user)
            count += 1
        self.message_user(request, f"Confirmed {count}; those spaces now ask for pledges.")

    @admin.action(description=_("Dismiss (asks for a reason, emails the reporter)"))
    def dismiss_selected(self, request, queryset):
        queryset = queryset.filter(state=ThreatState.PENDING)
        if "apply" in request.POST:
            form = RejectForm(request.POST)
            if form.is_valid():
                count = 0
                for report in queryset:
                    status_services.threat_dismiss(
                        report=report, by=request.user, note=form.cleaned_data["note"]
                    )
                    count += 1
                self.message_user(request, f"Dismissed {count}; reporters will be emailed.")
                return None
            self.message_user(request, "Give a reason.", messages.ERROR)
        else:
            form = RejectForm()
        return TemplateResponse(
            request,
            "admin/spaces/threatreport/dismiss_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "Dismiss threat reports",
                "queryset": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ("space", "user", "time", "skills", "money", "voice", "show_name", "created_at")
    list_filter = ("space__status", "time", "skills", "money", "voice")
    list_select_related = ("space", "user")
    search_fields = ("space__name", "user__email", "user__display_name", "message")
    readonly_fields = ("space", "user", "created_at")

    def has_add_permission(self, request):
        return False
