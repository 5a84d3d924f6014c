"""Reports members make about a match."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import MatchReport


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

    @admin.action(description=_("Mark selected reports resolved"))
    def resolve_selected(self, request, queryset):
        done = queryset.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=request.user
        )
        self.message_user(request, f"Resolved {done}.")
