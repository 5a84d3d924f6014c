"""Groups: moderation, members and commitments, CSV export."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import MODERATION_FIELDS, ModerationAdminMixin
from core.csv_export import export_csv
from core.links import absolute_url

from ..models import AreaType, Commitment, Group, Membership
from ..services import group_area_refresh
from .common import LocatedAdminForm


class GroupAdminForm(LocatedAdminForm):
    website = forms.URLField(required=False, max_length=300, assume_scheme="https")

    class Meta:
        model = Group
        fields = [
            "name",
            "slug",
            "kind",
            "description",
            "tags",
            "website",
            "area_type",
            "place_name",
            "radius_km",
            "districts",
            "registered_at",
            "last_reviewed_at",
            "spaces",
            "moderation_status",
            "is_featured",
            "review_note",
            "submitted_by",
        ]

    def clean(self):
        data = super().clean()
        if (
            data.get("area_type") == AreaType.PLACE
            and not data.get("place_postcode")
            and not self.instance.postcode
        ):
            self.add_error("place_postcode", "A group with a place needs a postcode.")
        return data


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "joined_at"]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["area", "what", "target", "unit", "due_date", "status", "progress_total"]
    readonly_fields = ["progress_total"]
    show_change_link = True


@admin.register(Group)
class GroupAdmin(ModerationAdminMixin, admin.ModelAdmin):
    form = GroupAdminForm
    list_display = [
        "name",
        "kind",
        "area_type",
        "where",
        "moderation_status",
        "is_featured",
        "registered_at",
        "last_reviewed_at",
        "member_count",
    ]
    list_filter = ["kind", "area_type", "nation", ("registered_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug", "place_name", "postcode", "outcode", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["districts"]
    raw_id_fields = ["spaces", "submitted_by"]
    inlines = [MembershipInline, CommitmentInline]
    date_hierarchy = "created_at"
    actions = [*ModerationAdminMixin.actions, "export_selected"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description", "tags", "website"]}),
        (
            "Area",
            {"fields": ["area_type", "place_postcode", "place_name", "radius_km", "districts"]},
        ),
        ("Co-operative community", {"fields": ["registered_at", "last_reviewed_at"]}),
        ("Spaces", {"fields": ["spaces"]}),
        ("Moderation", {"fields": MODERATION_FIELDS}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_members=Count("memberships"))

    @admin.display(description=_("members"), ordering="_members")
    def member_count(self, obj):
        return obj._members

    @admin.display(description=_("where"))
    def where(self, obj):
        if obj.area_type == AreaType.INTEREST:
            return "—"
        return obj.place_name or obj.postcode or obj.outcode

    def get_readonly_fields(self, request, obj=None):
        # ``submitted_by`` is editable here: staff list groups on someone's behalf.
        return tuple(f for f in super().get_readonly_fields(request, obj) if f != "submitted_by")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        group_area_refresh(group=form.instance)

    @admin.action(description=_("Download selected as CSV"))
    def export_selected(self, request, queryset):
        return export_csv(
            "coopcentre-groups.csv",
            ["name", "kind", "area", "postcode", "outcode", "local authority code", "nation"]
            + ["status", "registered", "last reviewed", "url"],
            (
                [g.name, g.get_kind_display(), g.get_area_type_display(), g.postcode, g.outcode]
                + [g.lad_code, g.nation, g.moderation_status]
                + [g.registered_at or "", g.last_reviewed_at or ""]
                + [absolute_url(g.get_absolute_url())]
                for g in queryset.iterator()
            ),
        )
