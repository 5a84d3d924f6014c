"""Needs and offers, each with the matches it is in."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Match, MatchRun, Need, Offer
from ..services.runs import matching_run
from .common import ReadOnlyInlineMixin


class MatchInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Match
    show_change_link = True
    fields = ("counterpart", "status", "reason", "need_response", "offer_response", "created_at")
    readonly_fields = fields

    @admin.display(description=_("with"))
    def counterpart(self, obj):
        if obj.scheme_id:
            return f"Scheme: {obj.scheme}"
        return f"Offer #{obj.offer_id}" if self.fk_name == "need" else f"Need #{obj.need_id}"


class NeedMatchInline(MatchInline):
    fk_name = "need"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("scheme")


class OfferMatchInline(MatchInline):
    fk_name = "offer"


class HelpRequestAdmin(admin.ModelAdmin):
    list_select_related = ("person",)
    search_fields = ("person__email", "person__display_name", "postcode", "outcode", "note")
    raw_id_fields = ("person",)
    filter_horizontal = ("kinds", "topics")
    date_hierarchy = "created_at"
    readonly_fields = (
        "latitude",
        "longitude",
        "outcode",
        "lad_code",
        "nation",
        "consent_given_at",
        "created_at",
        "updated_at",
        "status_changed_at",
        "last_matched_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("kinds", "topics")

    @admin.display(description=_("help"))
    def categories(self, obj):
        return ", ".join(obj.category_names())


@admin.register(Need)
class NeedAdmin(HelpRequestAdmin):
    list_display = (
        "__str__",
        "person",
        "categories",
        "outcode",
        "nation",
        "status",
        "needs_attention",
        "created_at",
        "last_matched_at",
    )
    list_filter = ("needs_attention", "status", "nation", "kinds", "topics")
    readonly_fields = (*HelpRequestAdmin.readonly_fields, "attention_since")
    inlines = [NeedMatchInline]
    actions = ["run_matching"]

    @admin.action(description=_("Run matching now for the selected needs"))
    def run_matching(self, request, queryset):
        run = matching_run(
            need_ids=list(queryset.values_list("pk", flat=True)),
            trigger=MatchRun.Trigger.STAFF,
            by=request.user,
        )
        self.message_user(
            request,
            f"Matching ran: {run.introductions} introductions, {run.scheme_suggestions} "
            f"scheme suggestions, {run.flagged} still with nothing suitable.",
        )


@admin.register(Offer)
class OfferAdmin(HelpRequestAdmin):
    list_display = (
        "__str__",
        "person",
        "categories",
        "outcode",
        "travel_km",
        "nation",
        "status",
        "created_at",
    )
    list_filter = ("status", "nation", "kinds", "topics")
    inlines = [OfferMatchInline]
