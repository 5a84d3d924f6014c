"""The "Figures" page: needs vs offers, topics, match rate."""

from django.contrib import admin
from django.template.response import TemplateResponse

from ..models import Figures
from ..services import figures


@admin.register(Figures)
class FiguresAdmin(admin.ModelAdmin):
    """The "Figures" entry of the admin index: needs vs offers, topics, match rate."""

    PERIODS = [("7", "Last 7 days"), ("30", "Last 30 days"), ("365", "Last year"), ("", "All time")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def changelist_view(self, request, extra_context=None):
        period = request.GET.get("days", "30")
        if period not in dict(self.PERIODS):
            period = "30"
        numbers = figures.figures_compute(days=int(period) if period else None)
        return TemplateResponse(
            request,
            "admin/matching/figures.html",
            {
                **self.admin_site.each_context(request),
                "title": "Help matching: figures",
                "opts": self.model._meta,
                "figures": numbers,
                "periods": self.PERIODS,
                "period": period,
            },
        )
