"""Pioneers (local guides people can write to) and the messages sent to them."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.outbox.admin import outbox_status, outbox_status_link

from .. import emails
from ..models import Pioneer, PioneerMessage
from .common import LocatedAdminForm


class PioneerAdminForm(LocatedAdminForm):
    class Meta:
        model = Pioneer
        fields = [
            "user",
            "name",
            "area_name",
            "radius_km",
            "helps_with",
            "bio",
            "photo",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = "Leave empty to use the member's display name."

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "size", 0) > settings.MAX_IMAGE_UPLOAD_BYTES:
            raise forms.ValidationError(_("The photo is larger than 5 MB: choose a smaller one."))
        return photo

    def clean(self):
        data = super().clean()
        user = data.get("user")
        if not data.get("name"):
            if user and user.display_name:
                data["name"] = user.display_name
                self.instance.name = user.display_name
            else:
                self.add_error("name", "This member has no display name: give the card a name.")
        if not data.get("place_postcode") and not self.instance.postcode:
            self.add_error("place_postcode", "Enter the postcode at the centre of their area.")
        return data


@admin.register(Pioneer)
class PioneerAdmin(admin.ModelAdmin):
    form = PioneerAdminForm
    list_display = ["name", "member_email", "area_name", "radius_km", "is_active", "appointed_at"]
    list_filter = ["is_active", "nation"]
    search_fields = ["name", "user__email", "area_name", "helps_with", "postcode"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["photo_preview", "appointed_by", "appointed_at"]
    fields = [
        "user",
        "name",
        "place_postcode",
        "area_name",
        "radius_km",
        "helps_with",
        "bio",
        "photo",
        "photo_preview",
        "is_active",
        "appointed_by",
        "appointed_at",
    ]

    @admin.display(description=_("member"))
    def member_email(self, obj):
        return obj.user.email

    @admin.display(description=_("current photo"))
    def photo_preview(self, obj):
        if not obj.photo:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height:8rem">', obj.photo.url)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.appointed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(PioneerMessage)
class PioneerMessageAdmin(admin.ModelAdmin):
    """Read-only, for staff looking into a report of abuse."""

    list_display = ["pioneer", "sender", "recipient", "created_at", "email"]
    list_select_related = ["pioneer", "sender", "recipient"]
    search_fields = ["pioneer__name", "sender__email", "recipient__email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "pioneer",
        "sender",
        "recipient",
        "thread",
        "body",
        "created_at",
        "email",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_email=outbox_status(emails.MESSAGE))

    @admin.display(description=_("email"), ordering="_email")
    def email(self, obj):
        return outbox_status_link(obj._email, purpose=emails.MESSAGE, key=obj.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
