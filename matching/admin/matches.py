"""Matches (history, reports, approve / cancel / re-run) and matching runs."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..models import Match, MatchEvent, MatchReport, MatchRun
from ..services.matches import match_approve, match_cancel
from ..services.notifications import emails_about
from ..services.runs import matching_run
from ..wording import km_text
from .common import ObjectActionsMixin, ReadOnlyInlineMixin


class MatchEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = MatchEvent
    fields = ("at", "action", "side", "actor", "note")
    readonly_fields = fields
    verbose_name_plural = _("history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class MatchReportInline(ReadOnlyInlineMixin, admin.StackedInline):
    model = MatchReport
    fields = ("created_at", "reporter", "side", "reason", "details", "staff_note", "resolved_at")
    readonly_fields = ("created_at", "reporter", "side", "reason", "details", "resolved_at")


class MatchTypeFilter(admin.SimpleListFilter):
    title = "type"
    parameter_name = "type"

    def lookups(self, request, model_admin):
        return [("person", "Introductions"), ("scheme", "Scheme suggestions")]

    def queryset(self, request, queryset):
        if self.value() == "person":
            return queryset.people()
        if self.value() == "scheme":
            return queryset.schemes()
        return queryset


class OpenReportFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("open", "With an open report")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(reports__resolved_at__isnull=True, reports__isnull=False)
        return queryset


@admin.register(Match)
class MatchAdmin(ObjectActionsMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "need_person",
        "counterpart",
        "status_words",
        "distance",
        "need_response",
        "offer_response",
        "created_at",
    )
    list_filter = (MatchTypeFilter, "status", OpenReportFilter, "created_at")
    search_fields = (
        "need__person__email",
        "offer__person__email",
        "scheme__name",
        "reason",
        "need__outcode",
    )
    list_select_related = ("need__person", "offer__person", "scheme")
    date_hierarchy = "created_at"
    inlines = [MatchEventInline, MatchReportInline]
    actions = ["approve_selected", "cancel_selected", "rerun_selected"]
    change_form_template = "admin/matching/match/change_form.html"
    readonly_fields = (
        "need",
        "offer",
        "scheme",
        "status",
        "distance_km",
        "reason",
        "covers",
        "need_response",
        "need_responded_at",
        "offer_response",
        "offer_responded_at",
        "run",
        "created_at",
        "introduced_at",
        "closed_at",
        "emails",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Matches are history: cancel them instead.
        return False

    @admin.display(description=_("need of"), ordering="need__person__email")
    def need_person(self, obj):
        return obj.need.person

    @admin.display(description=_("with"))
    def counterpart(self, obj):
        if obj.scheme_id:
            return f"Scheme: {obj.scheme}"
        return f"{obj.offer.person} (offer #{obj.offer_id})"

    @admin.display(description=_("status"), ordering="status")
    def status_words(self, obj):
        return obj.status_text

    @admin.display(description=_("distance"), ordering="distance_km")
    def distance(self, obj):
        return "" if obj.distance_km is None else km_text(obj.distance_km)

    @admin.display(description=_("emails"))
    def emails(self, obj):
        """Each email about this match, linked to its row in the outbox."""
        rows = emails_about(obj)
        if not rows:
            return "None"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> to {}: {}',
            (
                (
                    reverse("admin:core_outgoingemail_change", args=[row.pk]),
                    row.purpose,
                    row.to,
                    row.get_status_display(),
                )
                for row in rows
            ),
        )

    @admin.action(description=_("Approve selected introductions (emails both people)"))
    def approve_selected(self, request, queryset):
        done = sum(match_approve(match=m, by=request.user) for m in queryset)
        self.message_user(request, f"Approved {done}; both people will be emailed.")

    @admin.action(description=_("Cancel selected matches (tells both people, no details)"))
    def cancel_selected(self, request, queryset):
        done = sum(match_cancel(match=m, by=request.user) for m in queryset)
        self.message_user(request, f"Cancelled {done}.")

    @admin.action(description=_("Re-run matching for the needs of the selected matches"))
    def rerun_selected(self, request, queryset):
        need_ids = sorted(set(queryset.values_list("need_id", flat=True)))
        run = matching_run(need_ids=need_ids, trigger=MatchRun.Trigger.STAFF, by=request.user)
        self.message_user(
            request,
            f"Matching ran for {len(need_ids)} needs: {run.introductions} new introductions, "
            f"{run.scheme_suggestions} scheme suggestions.",
        )

    def object_action_handlers(self, request, match):
        """The approve / cancel / re-run buttons on a match's page."""
        queryset = Match.objects.filter(pk=match.pk)
        return {
            "approve": lambda: self.approve_selected(request, queryset),
            "cancel": lambda: self.cancel_selected(request, queryset),
            "rerun": lambda: self.rerun_selected(request, queryset),
        }


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = (
        "started_at",
        "trigger",
        "needs_considered",
        "offers_considered",
        "introductions",
        "scheme_suggestions",
        "flagged",
        "seconds",
        "started_by",
    )
    list_filter = ("trigger",)
    list_select_related = ("started_by",)
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
