"""Admin for spaces: filters, search, CSV, status changes and the figures page."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import MODERATION_FIELDS, ModerationAdminMixin
from core.csv_export import export_csv
from core.links import absolute_url
from postcodes.models import LocalAuthority

from .. import selectors
from ..forms import StatusChangeForm
from ..models import (
    FACILITIES,
    Pledge,
    Space,
    SpacePhoto,
    StatusChange,
)
from ..services import status as status_services
from ..services import submissions


class LocalAuthorityFilter(admin.SimpleListFilter):
    title = "local authority"
    parameter_name = "lad"

    def lookups(self, request, model_admin):
        codes = Space.objects.exclude(lad_code="").values("lad_code").distinct()
        return list(LocalAuthority.objects.filter(code__in=codes).values_list("code", "name"))

    def queryset(self, request, queryset):
        return queryset.filter(lad_code=self.value()) if self.value() else queryset


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "status", "transfer_stage", "threat_deadline", "note", "changed_by")
    readonly_fields = fields
    ordering = ("-changed_at",)

    def has_add_permission(self, request, obj=None):
        return False


class PhotoInline(admin.TabularInline):
    model = SpacePhoto
    extra = 0
    fields = ("preview", "alt_text", "moderation_status", "submitted_by")
    readonly_fields = ("preview", "moderation_status", "submitted_by")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def preview(self, photo):
        return format_html('<img src="{}" alt="" width="120">', photo.thumbnail.url)


class PledgeInline(admin.TabularInline):
    model = Pledge
    extra = 0
    can_delete = False
    fields = ("user", "time", "skills", "money", "voice", "message", "show_name", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


def _la_name():
    return Subquery(LocalAuthority.objects.filter(code=OuterRef("lad_code")).values("name")[:1])


@admin.register(Space)
class SpaceAdmin(ModerationAdminMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "name",
        "kind",
        "status",
        "threat_deadline",
        "postcode",
        "la_name",
        "nation",
        "moderation_status",
        "pledge_total",
        "submitted_at",
    )
    list_filter = ("status", "kind", "nation", LocalAuthorityFilter, "owner_type")
    search_fields = ("name", "postcode", "outcode", "address", "run_by", "description")
    date_hierarchy = "submitted_at"
    prepopulated_fields = {"slug": ("name",)}
    actions = ["approve_selected", "reject_selected", "feature_selected", "export_selected_csv"]
    inlines = [StatusChangeInline, PhotoInline, PledgeInline]
    status_fields = ("status", "transfer_stage", "threat_summary", "threat_deadline")
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "description", "tags")}),
        (
            "Where",
            {"fields": ("address", "postcode", "latitude", "longitude", "outcode", "lad_code")},
        ),
        ("Nation", {"fields": ("nation",)}),
        (
            "Facilities and opening",
            {
                "fields": (
                    *(f for f, _label in FACILITIES),
                    "capacity",
                    "opening_hours",
                    "opening_notes",
                )
            },
        ),
        ("Owner", {"fields": ("owner_type", "run_by", "website")}),
        (
            "Contact",
            {"fields": ("contact_name", "contact_email", "contact_phone", "contact_consent")},
        ),
        (
            "Status (change it with “Change status” above)",
            {"fields": (*status_fields, "status_changed_at")},
        ),
        (
            "Moderation",
            {"fields": MODERATION_FIELDS},
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(la_name=_la_name(), pledge_count=selectors.pledge_total())
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj)) + ("status_changed_at",)
        # Status moves go through the "Change status" page, so they enter the history and
        # the pledgers hear about them.
        return readonly + self.status_fields if obj is not None else readonly

    @admin.display(description=_("local authority"), ordering="la_name")
    def la_name(self, space):
        return space.la_name

    @admin.display(description=_("pledges"), ordering="pledge_count")
    def pledge_total(self, space):
        return space.pledge_count

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            StatusChange.objects.create(
                space=obj,
                status=obj.status,
                note="Listed by coopcentre staff.",
                changed_by=request.user,
            )

    def _decide(self, request, queryset, decision, note="", featured=None):
        count = 0
        for space in queryset.select_related("submitted_by"):
            submissions.space_moderate(
                space=space, decision=decision, by=request.user, note=note, featured=featured
            )
            count += 1
        return count

    @admin.action(description=_("Export selected as CSV"))
    def export_selected_csv(self, request, queryset):
        header = [
            "id",
            "name",
            "kind",
            "status",
            "transfer stage",
            "threat deadline",
            "address",
            "postcode",
            "local authority",
            "nation",
            "owner",
            "run by",
            "facilities",
            "capacity",
            "interests",
            "pledges",
            "moderation",
            "submitted at",
            "url",
        ]

        def rows():
            for s in queryset.prefetch_related("tags").iterator(chunk_size=500):
                yield [
                    s.pk,
                    s.name,
                    s.get_kind_display(),
                    s.get_status_display(),
                    s.get_transfer_stage_display() if s.transfer_stage else "",
                    s.threat_deadline.isoformat() if s.threat_deadline else "",
                    s.address,
                    s.postcode,
                    s.la_name or "",
                    s.nation,
                    s.get_owner_type_display(),
                    s.run_by,
                    "; ".join(s.facilities),
                    s.capacity or "",
                    "; ".join(t.name for t in s.tags.all()),
                    s.pledge_count,
                    s.get_moderation_status_display(),
                    s.submitted_at.isoformat(),
                    absolute_url(s.get_absolute_url()),
                ]

        return export_csv(f"spaces-{timezone.localdate():%Y-%m-%d}.csv", header, rows())

    def get_urls(self):
        extra = [
            path(
                "figures/",
                self.admin_site.admin_view(self.figures_view),
                name="spaces_space_figures",
            ),
            path(
                "<int:object_id>/status/",
                self.admin_site.admin_view(self.status_view),
                name="spaces_space_status",
            ),
        ]
        return extra + super().get_urls()

    def figures_view(self, request):
        """Spaces by status and nation, and how many were saved this year."""
        if not self.has_view_permission(request):
            return redirect("admin:index")
        year = timezone.localdate().year
        return TemplateResponse(
            request,
            "admin/spaces/figures.html",
            {
                **self.admin_site.each_context(request),
                "title": "Community spaces: figures",
                "opts": self.model._meta,
                "figures": selectors.space_figures(year=year),
            },
        )

    def status_view(self, request, object_id):
        """Move a space to a new status: recorded in its history; pledgers are emailed."""
        space = get_object_or_404(Space, pk=object_id)
        if not self.has_change_permission(request, space):
            return redirect("admin:index")
        initial = {
            "status": space.status,
            "transfer_stage": space.transfer_stage,
            "threat_summary": space.threat_summary,
            "threat_deadline": space.threat_deadline,
        }
        form = StatusChangeForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            change = status_services.space_status_change(
                space=space, by=request.user, **form.cleaned_data
            )
            if change is None:
                self.message_user(request, "Nothing changed.", messages.WARNING)
            else:
                pledgers = space.pledges.count()
                self.message_user(
                    request,
                    f"{space.name} is now “{change.headline()}”. "
                    f"{pledgers} pledger{'s' if pledgers != 1 else ''} will be emailed.",
                )
            return redirect(reverse("admin:spaces_space_change", args=[space.pk]))
        return TemplateResponse(
            request,
            "admin/spaces/space/status_change.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Change the status of {space.name}",
                "opts": self.model._meta,
                "original": space,
                "form": form,
                "history": space.status_changes.select_related("changed_by")[:20],
            },
        )
