"""Campaigns: the emails staff send, with progress from the outbox."""

from functools import partial

from django.contrib import admin, messages
from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from core.outbox.models import OutgoingEmail, OutgoingStatus

from ..models import Campaign, CampaignStatus
from ..services import campaigns
from .common import ObjectActionsMixin


@admin.register(Campaign)
class CampaignAdmin(ObjectActionsMixin, admin.ModelAdmin):
    list_display = (
        "subject",
        "status",
        "recipients_total",
        "sent",
        "failed",
        "remaining",
        "created_at",
        "finished_at",
    )
    list_filter = ("status",)
    change_form_template = "admin/matching/campaign/change_form.html"
    readonly_fields = (
        "status",
        "recipients_total",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
        "heartbeat_at",
    )

    def get_queryset(self, request):
        # A campaign's copies are outbox rows in its batch ("matching.campaign:<id>").
        batch = Concat(Value(campaigns.campaign_batch("")), Cast(OuterRef("pk"), CharField()))

        def count(*statuses):
            rows = (
                OutgoingEmail.objects.filter(batch=batch, status__in=statuses)
                .order_by()
                .values("batch")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(rows), 0)

        return (
            super()
            .get_queryset(request)
            .annotate(
                n_sent=count(OutgoingStatus.SENT),
                n_failed=count(OutgoingStatus.FAILED),
                n_remaining=count(OutgoingStatus.QUEUED, OutgoingStatus.SENDING),
            )
        )

    @admin.display(description=_("sent"), ordering="n_sent")
    def sent(self, obj):
        return obj.n_sent

    @admin.display(description=_("failed"), ordering="n_failed")
    def failed(self, obj):
        return obj.n_failed

    @admin.display(description=_("remaining"), ordering="n_remaining")
    def remaining(self, obj):
        return obj.n_remaining

    def get_changeform_initial_data(self, request):
        return {
            "message": "Hello,\n\nIn our neighbourhoods, some of us need a hand and many of us "
            "can give one. Do you need help, with shopping, collecting medication or just a "
            "friendly chat? Or can you help someone near you, or teach something you know?\n\n"
            "Tell us in two minutes and we'll put you in touch with local and national "
            "schemes, and with neighbours, safely: nobody gets your details unless you agree."
        }

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.status != CampaignStatus.DRAFT:
            return (
                *self.readonly_fields,
                "subject",
                "message",
                "subject_cy",
                "message_cy",
                "chunk_size",
            )
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        if obj is not None:
            context["progress"] = campaigns.campaign_progress(campaign=obj)
        return super().render_change_form(request, context, add=add, change=change, **kwargs)

    def object_action_handlers(self, request, campaign):
        """The start, pause, resume and cancel buttons on a campaign's page."""
        steps = {
            "start": (
                lambda: campaigns.campaign_start(campaign=campaign, by=request.user),
                "Started: the recipient list is being made, then sending begins.",
            ),
            "pause": (
                lambda: campaigns.campaign_pause(campaign=campaign),
                "Paused: workers stop after their current chunk.",
            ),
            "resume": (
                lambda: campaigns.campaign_resume(campaign=campaign),
                "Resumed where it stopped.",
            ),
            "cancel": (
                lambda: campaigns.campaign_cancel(campaign=campaign),
                "Cancelled: no more copies will be sent.",
            ),
        }
        return {
            action: partial(self._campaign_step, request, campaign, action, step, done_message)
            for action, (step, done_message) in steps.items()
        }

    def _campaign_step(self, request, campaign, action, step, done_message):
        if step():
            self.message_user(request, done_message)
        else:
            self.message_user(
                request,
                f"Can't {action} a campaign that is {campaign.get_status_display().lower()}.",
                messages.WARNING,
            )
