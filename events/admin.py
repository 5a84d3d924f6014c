"""Staff's workplace for events: moderation, dates and replies (emails: the outbox)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import MODERATION_FIELDS, ModerationAdminMixin
from core.csv_export import export_csv
from core.outbox.admin import outbox_link
from postcodes.forms import PostcodeField

from .models import EVENT_TZ, Event, Occurrence, Rsvp
from .services import event_update


class EventAdminForm(forms.ModelForm):
    postcode = PostcodeField(
        label=_("Postcode"), required=False, allow_outward=False, help_text=_("Of the address.")
    )
    join_url = forms.URLField(
        label=_("Join link"), required=False, assume_scheme="https", max_length=500
    )

    class Meta:
        model = Event
        # The admin's fieldsets below choose the fields shown.
        fields = ["postcode", "join_url"]

    def clean_postcode(self):
        # The field gives a located postcode; the model keeps its text, the admin its place.
        self.location = self.cleaned_data.get("postcode")
        return self.location.postcode if self.location else ""


class OccurrenceInline(admin.TabularInline):
    model = Occurrence
    fields = ("starts_at", "ends_at", "going_count", "is_cancelled")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = _("dates (from the recurrence)")


class CancelledFilter(admin.SimpleListFilter):
    title = "cancelled"
    parameter_name = "cancelled"

    def lookups(self, request, model_admin):
        return [("yes", "Cancelled"), ("no", "Not cancelled")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(cancelled_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(cancelled_at__isnull=True)
        return queryset


@admin.register(Event)
class EventAdmin(ModerationAdminMixin, admin.ModelAdmin):
    form = EventAdminForm
    list_display = (
        "title",
        "next_date",
        "attendance_mode",
        "recurrence",
        "organiser",
        "group",
        "moderation_status",
        "is_featured",
        "is_cancelled",
    )
    list_filter = ("attendance_mode", "recurrence", CancelledFilter, "nation")
    search_fields = (
        "title",
        "description",
        "postcode",
        "organiser__email",
        "organiser__display_name",
        "group__name",
    )
    list_select_related = ("organiser", "group", "space")
    raw_id_fields = ("organiser", "group", "space")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "starts_at"
    inlines = [OccurrenceInline]
    actions = [*ModerationAdminMixin.actions, "export_attendees"]
    readonly_fields = (
        "latitude",
        "longitude",
        "outcode",
        "lad_code",
        "nation",
        "cancelled_at",
        "source_name",
        "source_url",
        "sequence",
        "created_at",
        "updated_at",
        "emails",
    )
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "tags", "organiser", "group"]}),
        # Set by opendata's harvester on events imported from another publisher's feed.
        ("Imported from", {"fields": ["source_name", "source_url"], "classes": ["collapse"]}),
        ("When", {"fields": ["starts_at", "ends_at", "recurrence", "repeat_until"]}),
        (
            "Where",
            {
                "fields": [
                    "attendance_mode",
                    "space",
                    "venue_name",
                    "address",
                    "postcode",
                    ("latitude", "longitude"),
                    ("outcode", "lad_code", "nation"),
                    "join_url",
                    "join_details",
                ]
            },
        ),
        (
            "Cost, places, access",
            {
                "fields": [
                    "price",
                    "price_note",
                    "capacity",
                    "accessibility_notes",
                    "image",
                    "image_alt",
                ]
            },
        ),
        (
            "Moderation and status",
            {
                "fields": [
                    *MODERATION_FIELDS,
                    "cancelled_at",
                    "cancellation_reason",
                    "sequence",
                    "created_at",
                    "updated_at",
                    "emails",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_next_date()

    @admin.display(description=_("next date"), ordering="next_starts_at")
    def next_date(self, obj):
        return obj.next_starts_at

    @admin.display(description=_("cancelled"), boolean=True)
    def is_cancelled(self, obj):
        return obj.is_cancelled

    @admin.display(description=_("emails to the people coming"))
    def emails(self, obj):
        if obj.pk is None:
            return ""
        # The outbox keys every events email "<event>:<person>:<news>".
        return outbox_link(
            "See them in the outbox", purpose__startswith="events.", key__startswith=f"{obj.pk}:"
        )

    def save_model(self, request, obj, form, change):
        location = getattr(form, "location", None)
        if location is not None:
            obj.set_location(location)
        if not change:
            # Created by staff for an organiser: the organiser hears the moderation news.
            obj.submitted_by = obj.submitted_by or obj.organiser
            obj.place_sync()
            super().save_model(request, obj, form, change)
        else:
            # Through the service, so the people coming hear of a change made by staff too.
            event_update(event=obj, by=request.user)

    @admin.action(description=_("Download the replies to the selected events (CSV)"))
    def export_attendees(self, request, queryset):
        replies = (
            Rsvp.objects.filter(occurrence__event__in=queryset)
            .select_related("user", "occurrence__event")
            .order_by("occurrence__event__title", "occurrence__starts_at", "status", "joined_at")
        )

        def rows():
            for reply in replies.iterator(chunk_size=500):
                start = reply.occurrence.starts_at.astimezone(EVENT_TZ)
                yield [
                    reply.occurrence.event.title,
                    start.strftime("%Y-%m-%d %H:%M"),
                    reply.user.public_name,
                    reply.get_status_display(),
                    reply.joined_at.astimezone(EVENT_TZ).strftime("%Y-%m-%d %H:%M"),
                    reply.user.email if reply.share_email else "",
                ]

        return export_csv(
            "event-replies.csv",
            ["Event", "Date", "Name", "Reply", "Replied at", "Email (if shared)"],
            rows(),
        )


@admin.register(Rsvp)
class RsvpAdmin(admin.ModelAdmin):
    list_display = ("user", "occurrence", "status", "joined_at", "promoted_at", "cancelled_at")
    list_filter = ("status",)
    search_fields = ("user__email", "user__display_name", "occurrence__event__title")
    list_select_related = ("user", "occurrence__event")
    raw_id_fields = ("user", "occurrence")
    date_hierarchy = "joined_at"

    def has_change_permission(self, request, obj=None):
        # Replies change through the site, where the waiting list moves up correctly.
        return False

    def has_add_permission(self, request):
        return False
