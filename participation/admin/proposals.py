from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import OfficialAnswer, Proposal


class AnswerInline(admin.StackedInline):
    model = OfficialAnswer
    extra = 0
    readonly_fields = ("answered_by", "answered_at")
    fields = ("status", "reason", "answered_by", "answered_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Answers go through the proposal's page, which tells author and supporters.
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "process", "author", "created_at", "supporters", "is_hidden")
    list_filter = ("is_hidden", "process", "answer__status")
    list_select_related = ("process", "author")
    search_fields = ("title", "body")
    readonly_fields = ("author", "created_at")
    inlines = [AnswerInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_supports=Count("supports"))

    @admin.display(description=_("supporters"), ordering="n_supports")
    def supporters(self, proposal):
        return proposal.n_supports
