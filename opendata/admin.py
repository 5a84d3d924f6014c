"""Staff: the tag → activity mapping, and harvested listings to review."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import MODERATION_FIELDS, ModerationAdminMixin

from .activities import activity_choices
from .models import ActivityMapping, HarvestedListing


class ActivityMappingForm(forms.ModelForm):
    activity_id = forms.ChoiceField(
        label=_("OpenActive activity"),
        help_text=_("From the OpenActive Activity List."),
        choices=[],
    )

    class Meta:
        model = ActivityMapping
        fields = ["tag", "activity_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity_id"].choices = [("", "—")] + [
            (activity_id, label) for activity_id, label in activity_choices()
        ]

    def clean_tag(self):
        return self.cleaned_data["tag"].strip().lower()


@admin.register(ActivityMapping)
class ActivityMappingAdmin(admin.ModelAdmin):
    form = ActivityMappingForm
    list_display = ("tag", "activity_label", "activity_id", "updated_at")
    search_fields = ("tag", "activity_label")


@admin.register(HarvestedListing)
class HarvestedListingAdmin(ModerationAdminMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "moderation_status",
        "withdrawn_at",
        "source_url",
        "harvested_at",
    )
    list_filter = ("kind", ("withdrawn_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "item_id", "source_url")
    readonly_fields = ("source_url", "item_id", "kind", "modified", "data", "harvested_at")
    fieldsets = (
        (None, {"fields": ("name", "url", "kind", "source_url", "item_id", "modified")}),
        ("What the publisher sent", {"fields": ("data", "withdrawn_at", "harvested_at")}),
        ("Moderation", {"fields": MODERATION_FIELDS}),
    )
