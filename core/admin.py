"""Admin building blocks shared by every moderated listing, and the decision history."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import ModerationDecision, ModerationStatus
from .moderation import DECISION_EMAIL, listing_moderate
from .outbox import admin as outbox_admin  # noqa: F401 (registers the outbox's admin)
from .outbox.models import OutgoingEmail, OutgoingStatus


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (sent to the submitter)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


# The "Moderation" fieldset of a ``Moderated`` model's change page.
MODERATION_FIELDS = (
    "moderation_status",
    "is_featured",
    "review_note",
    "submitted_by",
    "submitted_at",
    "reviewed_by",
    "reviewed_at",
)


class ModerationAdminMixin:
    """Mix into a ModelAdmin of a ``Moderated`` model: filters and bulk actions."""

    moderation_list_filter = ("moderation_status", "is_featured")
    actions = ["approve_selected", "reject_selected", "feature_selected"]

    def get_list_filter(self, request):
        return tuple(self.moderation_list_filter) + tuple(super().get_list_filter(request))

    def get_readonly_fields(self, request, obj=None):
        extra = ("submitted_by", "submitted_at", "reviewed_by", "reviewed_at")
        return tuple(super().get_readonly_fields(request, obj)) + extra

    def _decide(self, request, queryset, decision, note="", featured=None):
        count = 0
        for listing in queryset.select_related("submitted_by"):
            listing_moderate(
                listing=listing, decision=decision, by=request.user, note=note, featured=featured
            )
            count += 1
        return count

    @admin.action(description=_("Approve selected (emails the submitter)"))
    def approve_selected(self, request, queryset):
        count = self._decide(request, queryset, ModerationStatus.APPROVED)
        self.message_user(request, f"Approved {count}; submitters will be emailed.")

    @admin.action(description=_("Feature selected (approves them too)"))
    def feature_selected(self, request, queryset):
        count = self._decide(request, queryset, ModerationStatus.APPROVED, featured=True)
        self.message_user(request, f"Featured {count}.")

    @admin.action(description=_("Reject selected (asks for a reason, emails the submitter)"))
    def reject_selected(self, request, queryset):
        if "apply" in request.POST:
            form = RejectForm(request.POST)
            if form.is_valid():
                count = self._decide(
                    request, queryset, ModerationStatus.REJECTED, note=form.cleaned_data["note"]
                )
                self.message_user(request, f"Rejected {count}; submitters will be emailed.")
                return None
            self.message_user(request, "Give a reason for the rejection.", messages.ERROR)
        else:
            form = RejectForm()
        return TemplateResponse(
            request,
            "admin/core/reject_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject listings",
                "queryset": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(admin.ModelAdmin):
    list_display = (
        "listing_name",
        "content_type",
        "decision",
        "featured",
        "decided_by",
        "decided_at",
        "email",
    )
    list_filter = ("decision", "content_type", "featured")
    search_fields = ("listing_name", "note", "recipient_email")
    list_select_related = ("content_type", "decided_by")
    date_hierarchy = "decided_at"

    def get_queryset(self, request):
        # The submitter's email is an outbox row keyed by the decision's id.
        emails = OutgoingEmail.objects.filter(
            purpose=DECISION_EMAIL, key=Cast(OuterRef("pk"), CharField())
        )
        return (
            super()
            .get_queryset(request)
            .annotate(email_status=Subquery(emails.values("status")[:1]))
        )

    @admin.display(description=_("email"), ordering="email_status")
    def email(self, decision):
        if decision.email_status is None:
            return "–"
        return OutgoingStatus(decision.email_status).label

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
