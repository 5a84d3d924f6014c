"""What several matching admin screens share: history inlines staff read but never add to,
the category screens' open-request counts, and buttons on an object's change page."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _


class ReadOnlyInlineMixin:
    """An inline of history: rows are shown, never added or deleted from here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def open_count(related_name: str, description: str):
    """A list column: how many open requests are filed under the category on one side."""

    @admin.display(description=description, ordering=f"n_{related_name}")
    def column(self, obj):
        return getattr(obj, f"n_{related_name}")

    return column


class CategoryAdmin(admin.ModelAdmin):
    """Kinds of help and skill topics: edited in the list, with the open requests on
    each side counted (``counted`` names the two related names, ``open_count`` the
    columns)."""

    counted: tuple[str, ...] = ()
    list_editable = ("needs_proximity", "is_active", "position")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "description")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                **{
                    f"n_{related}": Count(
                        related, filter=Q(**{f"{related}__status": "open"}), distinct=True
                    )
                    for related in self.counted
                }
            )
        )


class ObjectActionsMixin:
    """Buttons on a change page that POST to ``<pk>/do/<action>/`` (URL name
    ``<app>_<model>_action``); ``object_action_handlers`` maps each action to what it does."""

    def object_action_handlers(self, request, obj) -> dict[str, Callable[[], None]]:
        raise NotImplementedError

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:pk>/do/<str:action>/",
                self.admin_site.admin_view(self.object_action),
                name=f"{opts.app_label}_{opts.model_name}_action",
            ),
            *super().get_urls(),
        ]

    def object_action(self, request, pk, action):
        """The buttons on an object's page (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        obj = get_object_or_404(self.model, pk=pk)
        handlers = self.object_action_handlers(request, obj)
        if action not in handlers:
            messages.error(request, _("Unknown action."))
        else:
            handlers[action]()
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
