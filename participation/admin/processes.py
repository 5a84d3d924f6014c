from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ..models import PanelMember, Phase, Process
from ..services import phase_activate


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 1
    fields = ("order", "title", "starts_on", "ends_on", "description", "is_active")
    readonly_fields = ("is_active",)


class PanelInline(admin.TabularInline):
    model = PanelMember
    extra = 1
    fields = ("order", "name", "role", "organisation", "user")
    raw_id_fields = ("user",)


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin):
    list_display = ("title", "run_by", "starts_on", "ends_on", "is_published")
    list_filter = ("is_published",)
    search_fields = ("title", "summary", "run_by")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("events",)
    inlines = [PhaseInline, PanelInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    """Where staff move a process on: "Make active" tells its followers (once per phase)."""

    list_display = ("title", "process", "starts_on", "ends_on", "is_active")
    list_filter = ("is_active", "process")
    list_select_related = ("process",)
    actions = ["make_active"]

    @admin.action(description=_("Make the selected phase active (tells the followers)"))
    def make_active(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one phase."), messages.ERROR)
            return
        phase = queryset.get()
        if phase_activate(phase=phase):
            self.message_user(request, _("“%s” is now the active phase.") % phase.title)
        else:
            self.message_user(request, _("It was already the active phase."), messages.WARNING)
