"""Staff's workplace for communities: moderation, claims, pioneers, guides, check-ins."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.admin import ModerationAdminMixin
from core.csv_export import export_csv
from core.outbox.admin import outbox_link, outbox_status, outbox_status_link
from core.outbox.models import OutgoingEmail
from postcodes.forms import PostcodeField

from . import emails
from .models import (
    AreaType,
    CheckIn,
    ClaimStatus,
    Commitment,
    Group,
    GroupClaim,
    Guide,
    Membership,
    Pioneer,
    PioneerMessage,
    ProgressUpdate,
)
from .services import CommunityError, claim_decide, group_area_refresh


class LocatedAdminForm(forms.ModelForm):
    """Staff type a postcode; the row's place fields are filled from it."""

    place_postcode = PostcodeField(
        label="Postcode",
        required=False,
        help_text="A full postcode or its first half. Leave as it is to keep the place.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.postcode:
            self.fields["place_postcode"].initial = self.instance.postcode

    def save(self, commit=True):
        location = self.cleaned_data.get("place_postcode")
        if location is not None:
            self.instance.set_location(location)
        return super().save(commit)


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
        (
            "Moderation",
            {
                "fields": [
                    "moderation_status",
                    "is_featured",
                    "review_note",
                    "submitted_by",
                    "submitted_at",
                    "reviewed_by",
                    "reviewed_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_members=Count("memberships"))

    @admin.display(description="members", ordering="_members")
    def member_count(self, obj):
        return obj._members

    @admin.display(description="where")
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

    @admin.action(description="Download selected as CSV")
    def export_selected(self, request, queryset):
        return export_csv(
            "coopcentre-groups.csv",
            ["name", "kind", "area", "postcode", "outcode", "local authority code", "nation"]
            + ["status", "registered", "last reviewed", "url"],
            (
                [g.name, g.get_kind_display(), g.get_area_type_display(), g.postcode, g.outcode]
                + [g.lad_code, g.nation, g.moderation_status]
                + [g.registered_at or "", g.last_reviewed_at or ""]
                + [settings.SITE_URL + g.get_absolute_url()]
                for g in queryset.iterator()
            ),
        )


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    fields = ["number", "story", "posted_by", "posted_at", "confirmed_large"]
    readonly_fields = ["posted_by", "confirmed_large"]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = [
        "what",
        "group",
        "area",
        "progress",
        "due_date",
        "status",
    ]
    list_filter = ["area", "status", "due_date"]
    search_fields = ["what", "unit", "group__name"]
    list_select_related = ["group"]
    raw_id_fields = ["group", "created_by"]
    readonly_fields = ["progress_total", "created_at"]
    inlines = [ProgressUpdateInline]

    @admin.display(description="progress")
    def progress(self, obj):
        return f"{obj.progress_total} / {obj.target} {obj.unit}"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Staff may have removed or corrected an update: keep the total true.
        form.instance.recount()


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["group", "year", "due_at", "emails_sent", "reviewed_at"]
    list_filter = ["year", ("reviewed_at", admin.EmptyFieldListFilter)]
    search_fields = ["group__name"]
    list_select_related = ["group"]
    readonly_fields = [
        "group",
        "year",
        "due_at",
        "created_at",
        "reviewed_at",
        "reviewed_by",
        "organiser_emails",
    ]
    date_hierarchy = "due_at"

    def get_queryset(self, request):
        # The organisers' emails are outbox rows keyed "<check-in>:<address>".
        sent = (
            OutgoingEmail.objects.filter(
                purpose=emails.CHECKIN,
                status=OutgoingEmail.Status.SENT,
                key__startswith=Concat(Cast(OuterRef("pk"), CharField()), Value(":")),
            )
            .order_by()
            .values("purpose")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return super().get_queryset(request).annotate(_sent=Coalesce(Subquery(sent), 0))

    @admin.display(description="emails sent", ordering="_sent")
    def emails_sent(self, obj):
        return obj._sent

    @admin.display(description="emails to organisers")
    def organiser_emails(self, obj):
        return outbox_link(
            "See them in the outbox", purpose=emails.CHECKIN, key__startswith=f"{obj.pk}:"
        )

    def has_add_permission(self, request):
        return False


@admin.register(GroupClaim)
class GroupClaimAdmin(admin.ModelAdmin):
    list_display = ["group", "claimant", "status", "created_at", "decided_by", "email"]
    list_filter = ["status"]
    search_fields = ["group__name", "user__email", "user__display_name", "message"]
    list_select_related = ["group", "user", "decided_by"]
    readonly_fields = [
        "group",
        "user",
        "message",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "email",
        "group_organisers",
    ]
    fields = [*readonly_fields[:3], "group_organisers", "note", *readonly_fields[3:-1]]
    actions = ["confirm_selected", "decline_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_email=outbox_status(emails.CLAIM_DECISION))

    @admin.display(description="email", ordering="_email")
    def email(self, obj):
        return outbox_status_link(obj._email, purpose=emails.CLAIM_DECISION, key=obj.pk)

    @admin.display(description="claimant")
    def claimant(self, obj):
        return f"{obj.user.public_name} <{obj.user.email}>"

    @admin.display(description="current organisers")
    def group_organisers(self, obj):
        names = [u.email for u in obj.group.organisers()]
        return ", ".join(names) or "None: the listing has no organiser"

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, confirm):
        done = 0
        for claim in queryset.filter(status=ClaimStatus.PENDING):
            try:
                claim_decide(claim=claim, confirm=confirm, by=request.user)
            except CommunityError as error:
                self.message_user(request, f"{claim}: {error}", messages.WARNING)
            else:
                done += 1
        return done

    @admin.action(description="Confirm selected claims (makes them organisers, emails them)")
    def confirm_selected(self, request, queryset):
        done = self._decide(request, queryset, confirm=True)
        self.message_user(request, f"Confirmed {done} claim(s); the claimants will be emailed.")

    @admin.action(description="Decline selected claims (emails them the note, if any)")
    def decline_selected(self, request, queryset):
        done = self._decide(request, queryset, confirm=False)
        self.message_user(request, f"Declined {done} claim(s); the claimants will be emailed.")


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
            raise forms.ValidationError("The photo is larger than 5 MB: choose a smaller one.")
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

    @admin.display(description="member")
    def member_email(self, obj):
        return obj.user.email

    @admin.display(description="current photo")
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

    @admin.display(description="email", ordering="_email")
    def email(self, obj):
        return outbox_status_link(obj._email, purpose=emails.MESSAGE, key=obj.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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

    @admin.display(description="preview (as saved)")
    def preview(self, obj):
        # body_html is cleaned with nh3 when saved, so it is safe to show as it is.
        return mark_safe(obj.body_html) if obj.pk else "Save to see the preview."  # noqa: S308

    @admin.display(description="on the site")
    def view_on_site_link(self, obj):
        url = reverse("communities:guide-detail", kwargs={"slug": obj.slug})
        return format_html('<a href="{}">View</a>', url)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
