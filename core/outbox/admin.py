"""Staff's one list of every email the site sent, failed to send, or is about to send."""

import json

from django.contrib import admin, messages
from django.utils.text import Truncator

from . import registry
from .models import OutgoingEmail
from .services import outgoing_send_again


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = (
        "to",
        "purpose",
        "status",
        "attempts",
        "created_at",
        "sent_at",
        "next_attempt_at",
        "error",
    )
    list_filter = ("status", "purpose", "created_at")
    # Counts beside every filter choice: how many sent, failed, waiting.
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ("to", "key")
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = (
        "purpose",
        "key",
        "to",
        "reply_to",
        "template",
        "language",
        "context_shown",
        "batch",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "updated_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # A row's page is read-only; "change" only lets staff send failed rows again.
        return obj is None and super().has_change_permission(request)

    @admin.display(description="context")
    def context_shown(self, row):
        try:
            private = registry.get(row.purpose).private
        except LookupError:
            private = False
        if private:
            return "(not shown: it holds a sign-in or password link)"
        return json.dumps(row.context, indent=1, sort_keys=True)

    @admin.display(description="last error")
    def error(self, row):
        return Truncator(row.last_error).chars(80)

    @admin.action(description="Send again (failed emails only)", permissions=["change"])
    def send_again(self, request, queryset):
        total = queryset.count()
        count = outgoing_send_again(queryset=queryset)
        left = total - count
        if count:
            self.message_user(request, f"Queued {count} failed email(s) to be sent again.")
        if left:
            self.message_user(
                request,
                f"Left {left} email(s) alone: only failed emails can be sent again.",
                messages.WARNING,
            )
