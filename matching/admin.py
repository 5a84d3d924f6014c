"""Staff's workplace for help matching: categories, needs and offers, schemes (with CSV),
matches (with history, approve / cancel / re-run), reports, campaigns and figures."""

from django import forms
from django.contrib import admin, messages
from django.db.models import CharField, Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from core.csv_export import export_csv
from core.outbox.models import OutgoingEmail, OutgoingStatus

from .models import (
    Campaign,
    CampaignStatus,
    Figures,
    HelpKind,
    Match,
    MatchEvent,
    MatchReport,
    MatchRun,
    Need,
    Offer,
    SkillTopic,
    SupportScheme,
)
from .services import campaigns, figures, schemes
from .services.matches import match_approve, match_cancel
from .services.notifications import emails_about
from .services.runs import matching_run

# ---------------------------------------------------------------------------------------
# Categories


@admin.register(HelpKind)
class HelpKindAdmin(admin.ModelAdmin):
    list_display = ("name", "needs_proximity", "is_active", "position", "open_needs", "open_offers")
    list_editable = ("needs_proximity", "is_active", "position")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "description")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_needs=Count("needs", filter=Q(needs__status="open"), distinct=True),
                n_offers=Count("offers", filter=Q(offers__status="open"), distinct=True),
            )
        )

    @admin.display(description="open needs", ordering="n_needs")
    def open_needs(self, obj):
        return obj.n_needs

    @admin.display(description="open offers", ordering="n_offers")
    def open_offers(self, obj):
        return obj.n_offers


@admin.register(SkillTopic)
class SkillTopicAdmin(admin.ModelAdmin):
    list_display = ("name", "needs_proximity", "is_active", "position", "to_learn", "to_teach")
    list_editable = ("needs_proximity", "is_active", "position")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "description")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_learn=Count("learners", filter=Q(learners__status="open"), distinct=True),
                n_teach=Count("teachers", filter=Q(teachers__status="open"), distinct=True),
            )
        )

    @admin.display(description="want to learn", ordering="n_learn")
    def to_learn(self, obj):
        return obj.n_learn

    @admin.display(description="can teach", ordering="n_teach")
    def to_teach(self, obj):
        return obj.n_teach


# ---------------------------------------------------------------------------------------
# Needs and offers


class MatchInline(admin.TabularInline):
    model = Match
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("counterpart", "status", "reason", "need_response", "offer_response", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="with")
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

    @admin.display(description="help")
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

    @admin.action(description="Run matching now for the selected needs")
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


# ---------------------------------------------------------------------------------------
# Support schemes


class SupportSchemeForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = SupportScheme
        fields = [
            "name",
            "slug",
            "summary",
            "kinds",
            "topics",
            "is_active",
            "website",
            "phone",
            "email",
            "opening_hours",
            "coverage",
            "nation",
            "local_authorities",
            "districts",
        ]

    def clean(self):
        cleaned = super().clean()
        scheme = SupportScheme(
            **{k: cleaned.get(k, "") for k in ("website", "phone", "email", "coverage", "nation")}
        )
        for error in schemes.scheme_validate(scheme=scheme, relations=cleaned):
            raise forms.ValidationError(error[:1].upper() + error[1:] + ".")
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", help_text="UTF-8, with the columns of the export (first line)."
    )


@admin.register(SupportScheme)
class SupportSchemeAdmin(admin.ModelAdmin):
    form = SupportSchemeForm
    list_display = ("name", "coverage", "nation", "helps_with", "is_active", "updated_at")
    list_filter = ("is_active", "coverage", "nation", "kinds", "topics")
    search_fields = ("name", "summary", "email", "phone")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("kinds", "topics")
    autocomplete_fields = ("local_authorities", "districts")
    actions = ["export_selected"]
    change_list_template = "admin/matching/supportscheme/change_list.html"
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "kinds", "topics", "is_active")}),
        ("Contact", {"fields": ("website", "phone", "email", "opening_hours")}),
        (
            "Where it helps",
            {"fields": ("coverage", "nation", "local_authorities", "districts")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("kinds", "topics")

    @admin.display(description="helps with")
    def helps_with(self, obj):
        return ", ".join([k.name for k in obj.kinds.all()] + [t.name for t in obj.topics.all()])

    @admin.action(description="Export selected as CSV")
    def export_selected(self, request, queryset):
        return export_csv(
            "support-schemes.csv", schemes.CSV_COLUMNS, schemes.schemes_export_rows(queryset)
        )

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="matching_supportscheme_import",
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="matching_supportscheme_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request):
        if not self.has_view_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        return export_csv(
            f"support-schemes-{timezone.localdate():%Y-%m-%d}.csv",
            schemes.CSV_COLUMNS,
            schemes.schemes_export_rows(SupportScheme.objects.order_by("name")),
        )

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            return HttpResponseRedirect(reverse("admin:index"))
        form = ImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            result = schemes.schemes_import_csv(data=form.cleaned_data["file"].read())
            if result.ok:
                self.message_user(
                    request,
                    f"Imported the schemes: {result.created} new, {result.updated} updated.",
                )
                return HttpResponseRedirect(reverse("admin:matching_supportscheme_changelist"))
        return TemplateResponse(
            request,
            "admin/matching/supportscheme/import.html",
            {
                **self.admin_site.each_context(request),
                "title": "Import support schemes",
                "opts": self.model._meta,
                "form": form,
                "result": result,
                "columns": schemes.CSV_COLUMNS,
            },
            status=400 if result and not result.ok else 200,
        )


# ---------------------------------------------------------------------------------------
# Matches


class MatchEventInline(admin.TabularInline):
    model = MatchEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "side", "actor", "note")
    readonly_fields = fields
    verbose_name_plural = "history"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class MatchReportInline(admin.StackedInline):
    model = MatchReport
    extra = 0
    can_delete = False
    fields = ("created_at", "reporter", "side", "reason", "details", "staff_note", "resolved_at")
    readonly_fields = ("created_at", "reporter", "side", "reason", "details", "resolved_at")

    def has_add_permission(self, request, obj=None):
        return False


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
class MatchAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "need_person",
        "counterpart",
        "status",
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

    @admin.display(description="need of", ordering="need__person__email")
    def need_person(self, obj):
        return obj.need.person

    @admin.display(description="with")
    def counterpart(self, obj):
        if obj.scheme_id:
            return f"Scheme: {obj.scheme}"
        return f"{obj.offer.person} (offer #{obj.offer_id})"

    @admin.display(description="distance", ordering="distance_km")
    def distance(self, obj):
        return "" if obj.distance_km is None else f"{obj.distance_km:.1f} km"

    @admin.display(description="emails")
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

    @admin.action(description="Approve selected introductions (emails both people)")
    def approve_selected(self, request, queryset):
        done = sum(match_approve(match=m, by=request.user) for m in queryset)
        self.message_user(request, f"Approved {done}; both people will be emailed.")

    @admin.action(description="Cancel selected matches (tells both people, no details)")
    def cancel_selected(self, request, queryset):
        done = sum(match_cancel(match=m, by=request.user) for m in queryset)
        self.message_user(request, f"Cancelled {done}.")

    @admin.action(description="Re-run matching for the needs of the selected matches")
    def rerun_selected(self, request, queryset):
        need_ids = sorted(set(queryset.values_list("need_id", flat=True)))
        run = matching_run(need_ids=need_ids, trigger=MatchRun.Trigger.STAFF, by=request.user)
        self.message_user(
            request,
            f"Matching ran for {len(need_ids)} needs: {run.introductions} new introductions, "
            f"{run.scheme_suggestions} scheme suggestions.",
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/do/<str:action>/",
                self.admin_site.admin_view(self.object_action),
                name="matching_match_action",
            ),
            *super().get_urls(),
        ]

    def object_action(self, request, pk, action):
        """The approve / cancel / re-run buttons on a match's page (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        match = get_object_or_404(Match, pk=pk)
        queryset = Match.objects.filter(pk=match.pk)
        handlers = {
            "approve": self.approve_selected,
            "cancel": self.cancel_selected,
            "rerun": self.rerun_selected,
        }
        if action not in handlers:
            messages.error(request, "Unknown action.")
        else:
            handlers[action](request, queryset)
        return HttpResponseRedirect(reverse("admin:matching_match_change", args=[match.pk]))


@admin.register(MatchReport)
class MatchReportAdmin(admin.ModelAdmin):
    list_display = ("__str__", "reporter", "side", "reason", "created_at", "resolved_at")
    list_filter = ("reason", ("resolved_at", admin.EmptyFieldListFilter))
    search_fields = ("details", "reporter__email", "staff_note")
    list_select_related = ("reporter", "match")
    readonly_fields = ("match", "reporter", "side", "reason", "details", "created_at")
    fields = (*readonly_fields, "staff_note", "resolved_at", "resolved_by")
    actions = ["resolve_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Mark selected reports resolved")
    def resolve_selected(self, request, queryset):
        done = queryset.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=request.user
        )
        self.message_user(request, f"Resolved {done}.")


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


# ---------------------------------------------------------------------------------------
# Campaigns


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
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

    @admin.display(description="sent", ordering="n_sent")
    def sent(self, obj):
        return obj.n_sent

    @admin.display(description="failed", ordering="n_failed")
    def failed(self, obj):
        return obj.n_failed

    @admin.display(description="remaining", ordering="n_remaining")
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
            return (*self.readonly_fields, "subject", "message", "chunk_size")
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

    def get_urls(self):
        return [
            path(
                "<int:pk>/do/<str:action>/",
                self.admin_site.admin_view(self.object_action),
                name="matching_campaign_action",
            ),
            *super().get_urls(),
        ]

    def object_action(self, request, pk, action):
        """Start, pause, resume and cancel buttons (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        campaign = get_object_or_404(Campaign, pk=pk)
        handlers = {
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
        if action not in handlers:
            messages.error(request, "Unknown action.")
        else:
            handler, done_message = handlers[action]
            if handler():
                self.message_user(request, done_message)
            else:
                self.message_user(
                    request,
                    f"Can't {action} a campaign that is {campaign.get_status_display().lower()}.",
                    messages.WARNING,
                )
        return HttpResponseRedirect(reverse("admin:matching_campaign_change", args=[pk]))


# ---------------------------------------------------------------------------------------
# Figures


@admin.register(Figures)
class FiguresAdmin(admin.ModelAdmin):
    """The "Figures" entry of the admin index: needs vs offers, topics, match rate."""

    PERIODS = [("7", "Last 7 days"), ("30", "Last 30 days"), ("365", "Last year"), ("", "All time")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def changelist_view(self, request, extra_context=None):
        period = request.GET.get("days", "30")
        if period not in dict(self.PERIODS):
            period = "30"
        numbers = figures.figures_compute(days=int(period) if period else None)
        return TemplateResponse(
            request,
            "admin/matching/figures.html",
            {
                **self.admin_site.each_context(request),
                "title": "Help matching: figures",
                "opts": self.model._meta,
                "figures": numbers,
                "periods": self.PERIODS,
                "period": period,
            },
        )
