"""Commitments with their progress updates, and yearly check-ins."""

from django.contrib import admin
from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from core.outbox.admin import outbox_link
from core.outbox.models import OutgoingEmail

from .. import emails
from ..models import CheckIn, Commitment, ProgressUpdate


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    fields = ["number", "story", "posted_by", "posted_at", "confirmed_large"]
    readonly_fields = ["posted_by", "confirmed_large"]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = [
        "what",
        "group",
        "area",
        "progress",
        "due_date",
        "status",
    ]
    list_filter = ["area", "status", "due_date"]
    search_fields = ["what", "unit", "group__name"]
    list_select_related = ["group"]
    raw_id_fields = ["group", "created_by"]
    readonly_fields = ["progress_total", "created_at"]
    inlines = [ProgressUpdateInline]

    @admin.display(description=_("progress"))
    def progress(self, obj):
        return f"{obj.progress_total} / {obj.target} {obj.unit}"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Staff may have removed or corrected an update: keep the total true.
        form.instance.recount()


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["group", "year", "due_at", "emails_sent", "reviewed_at"]
    list_filter = ["year", ("reviewed_at", admin.EmptyFieldListFilter)]
    search_fields = ["group__name"]
    list_select_related = ["group"]
    readonly_fields = [
        "group",
        "year",
        "due_at",
        "created_at",
        "reviewed_at",
        "reviewed_by",
        "organiser_emails",
    ]
    date_hierarchy = "due_at"

    def get_queryset(self, request):
        # The organisers' emails are outbox rows keyed "<check-in>:<address>".
        sent = (
            OutgoingEmail.objects.filter(
                purpose=emails.CHECKIN,
                status=OutgoingEmail.Status.SENT,
                key__startswith=Concat(Cast(OuterRef("pk"), CharField()), Value(":")),
            )
            .order_by()
            .values("purpose")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return super().get_queryset(request).annotate(_sent=Coalesce(Subquery(sent), 0))

    @admin.display(description=_("emails sent"), ordering="_sent")
    def emails_sent(self, obj):
        return obj._sent

    @admin.display(description=_("emails to organisers"))
    def organiser_emails(self, obj):
        return outbox_link(
            "See them in the outbox", purpose=emails.CHECKIN, key__startswith=f"{obj.pk}:"
        )

    def has_add_permission(self, request):
        return False
