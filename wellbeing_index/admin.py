from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.csv_export import export_csv

from .models import Area, AreaScore, Benchmark, Domain, Edition, Indicator, IndicatorValue, Pillar
from .services.scoring import reports_cache_clear
from .tasks import compute_index


class DomainInline(admin.TabularInline):
    model = Domain
    fields = ("order", "name", "slug", "help_tags")
    readonly_fields = ("slug",)
    extra = 0
    can_delete = False


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    inlines = [DomainInline]

    def has_add_permission(self, request):
        # The index has exactly three pillars; they are created by migrate.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ("name", "pillar", "help_tags")
    list_select_related = ("pillar",)
    list_filter = ("pillar",)
    fields = ("pillar", "name", "slug", "description", "help_tags")
    readonly_fields = ("pillar", "slug")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = (
        "year",
        "title",
        "is_published",
        "imported_at",
        "computed_at",
        "indicator_count",
    )
    list_filter = ("is_published",)
    readonly_fields = ("source_digest", "created_at", "imported_at", "computed_at")
    actions = ["recompute", "publish", "unpublish"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(indicator_total=Count("indicators"))

    @admin.display(description=_("indicators"), ordering="indicator_total")
    def indicator_count(self, obj):
        return obj.indicator_total

    @admin.action(description=_("Publish the selected editions (show them on the site)"))
    def publish(self, request, queryset):
        count = queryset.update(is_published=True)
        transaction.on_commit(reports_cache_clear)
        self.message_user(request, f"Published {count} edition(s).", messages.SUCCESS)

    @admin.action(description=_("Unpublish the selected editions"))
    def unpublish(self, request, queryset):
        count = queryset.update(is_published=False)
        transaction.on_commit(reports_cache_clear)
        self.message_user(request, f"Unpublished {count} edition(s).", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(reports_cache_clear)

    @admin.action(description=_("Recompute the index of the selected editions"))
    def recompute(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            transaction.on_commit(lambda pk=pk: compute_index.delay(pk))
        self.message_user(
            request,
            f"Recomputing {queryset.count()} edition(s); the pages update when it finishes.",
            messages.SUCCESS,
        )


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "domain", "level", "direction", "ranking", "year", "edition")
    list_select_related = ("domain", "edition")
    list_filter = ("edition", "level", "domain", "ranking", "direction")
    search_fields = ("name", "code", "source")
    readonly_fields = ("edition", "code")
    actions = ["export_values"]

    @admin.action(description=_("Export the selected indicators' values as CSV"))
    def export_values(self, request, queryset):
        rows = (
            (area_code, code, value)
            for area_code, code, value in IndicatorValue.objects.filter(indicator__in=queryset)
            .order_by("indicator__code", "area__code")
            .values_list("area__code", "indicator__code", "value")
            .iterator(chunk_size=5000)
        )
        return export_csv("indicator-values.csv", ["area_code", "indicator", "value"], rows)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "nation", "parent")
    list_select_related = ("parent",)
    list_filter = ("level", "nation")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)
    show_full_result_count = False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("area", "indicator", "value")
    list_select_related = ("area", "indicator")
    list_filter = ("indicator__edition", "indicator__level")
    search_fields = ("area__code", "indicator__code")
    raw_id_fields = ("area", "indicator")
    show_full_result_count = False


@admin.register(AreaScore)
class AreaScoreAdmin(admin.ModelAdmin):
    """Read-only: scores are computed, never typed in."""

    list_display = ("area", "edition", "overall")
    list_select_related = ("area", "edition")
    list_filter = ("edition", "area__level", "area__nation")
    search_fields = ("area__code", "area__name")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ("edition", "level", "nation", "area_count")
    list_select_related = ("edition",)
    list_filter = ("edition", "level")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
