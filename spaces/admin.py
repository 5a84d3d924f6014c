from django.contrib import admin

from core.admin import ModerationAdminMixin

from .models import Space


@admin.register(Space)
class SpaceAdmin(ModerationAdminMixin, admin.ModelAdmin):
    list_display = ("name", "postcode", "moderation_status", "is_featured")
    search_fields = ("name", "postcode")
