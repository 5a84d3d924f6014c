"""Claims to run a group: staff confirm or decline them."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.outbox.admin import outbox_status, outbox_status_link

from .. import emails
from ..models import ClaimStatus, GroupClaim
from ..services import CommunityError, claim_decide


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

    @admin.display(description=_("email"), ordering="_email")
    def email(self, obj):
        return outbox_status_link(obj._email, purpose=emails.CLAIM_DECISION, key=obj.pk)

    @admin.display(description=_("claimant"))
    def claimant(self, obj):
        return f"{obj.user.public_name} <{obj.user.email}>"

    @admin.display(description=_("current organisers"))
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

    @admin.action(description=_("Confirm selected claims (makes them organisers, emails them)"))
    def confirm_selected(self, request, queryset):
        done = self._decide(request, queryset, confirm=True)
        self.message_user(request, f"Confirmed {done} claim(s); the claimants will be emailed.")

    @admin.action(description=_("Decline selected claims (emails them the note, if any)"))
    def decline_selected(self, request, queryset):
        done = self._decide(request, queryset, confirm=False)
        self.message_user(request, f"Declined {done} claim(s); the claimants will be emailed.")
