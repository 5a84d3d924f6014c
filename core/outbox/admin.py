"""Staff's one list of every email the site sent, failed to send, or is about to send."""

import json
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db.models import CharField, Expression, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

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

    @admin.display(description=_("context"))
    def context_shown(self, row):
        try:
            private = registry.get(row.purpose).private
        except LookupError:
            private = False
        if private:
            return "(not shown: it holds a sign-in or password link)"
        return json.dumps(row.context, indent=1, sort_keys=True)

    @admin.display(description=_("last error"))
    def error(self, row):
        return Truncator(row.last_error).chars(80)

    @admin.action(description=_("Send again (failed emails only)"), permissions=["change"])
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


# Helpers for the apps' admin pages: they link to this list rather than copy it.


def outbox_url(**filters) -> str:
    """The address of the outbox list filtered by field lookups, e.g.
    ``outbox_url(purpose__startswith="events.", key__startswith="12:")``."""
    return reverse("admin:core_outgoingemail_changelist") + "?" + urlencode(filters)


def outbox_link(label: str, **filters) -> str:
    """An HTML link to the outbox list filtered by ``filters`` (see ``outbox_url``)."""
    return format_html('<a href="{}">{}</a>', outbox_url(**filters), label)


def outbox_status_link(status: str | None, *, purpose: str, key) -> str:
    """One email's status, linked to its row in the outbox list ("none" if never asked for)."""
    return outbox_link(status or "none", purpose=purpose, key=str(key))


def outbox_status(purpose: str, key: Expression | None = None) -> Subquery:
    """For annotating an admin list: the status of each row's email ``purpose``.

    ``key`` is the outbox key as an expression of the outer row; by default its primary
    key as text (the claim, the message).
    """
    key = key if key is not None else Cast(OuterRef("pk"), CharField())
    return Subquery(OutgoingEmail.objects.filter(purpose=purpose, key=key).values("status")[:1])
