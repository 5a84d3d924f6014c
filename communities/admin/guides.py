"""Guides: the how-to pages, previewed as saved."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..models import Guide


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["title", "step", "order", "is_published", "updated_at", "view_on_site_link"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published", "step"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview", "created_by", "updated_at"]
    fields = [
        "title",
        "slug",
        "summary",
        "body",
        "preview",
        "tags",
        "step",
        "order",
        "is_published",
        "created_by",
        "updated_at",
    ]

    @admin.display(description=_("preview (as saved)"))
    def preview(self, obj):
        # body_html is cleaned with nh3 when saved, so it is safe to show as it is.
        return mark_safe(obj.body_html) if obj.pk else "Save to see the preview."  # noqa: S308

    @admin.display(description=_("on the site"))
    def view_on_site_link(self, obj):
        url = reverse("communities:guide-detail", kwargs={"slug": obj.slug})
        return format_html('<a href="{}">View</a>', url)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
