"""Support schemes, with CSV export and import."""

from django import forms
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.csv_export import export_csv

from ..models import SupportScheme
from ..services import schemes


class SupportSchemeForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = SupportScheme
        fields = [
            "name",
            "slug",
            "summary",
            "kinds",
            "topics",
            "is_active",
            "website",
            "phone",
            "email",
            "opening_hours",
            "coverage",
            "nation",
            "local_authorities",
            "districts",
        ]

    def clean(self):
        cleaned = super().clean()
        scheme = SupportScheme(
            **{k: cleaned.get(k, "") for k in ("website", "phone", "email", "coverage", "nation")}
        )
        for error in schemes.scheme_validate(scheme=scheme, relations=cleaned):
            raise forms.ValidationError(error[:1].upper() + error[1:] + ".")
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("UTF-8, with the columns of the export (first line).")
    )


@admin.register(SupportScheme)
class SupportSchemeAdmin(admin.ModelAdmin):
    form = SupportSchemeForm
    list_display = ("name", "coverage", "nation", "helps_with", "is_active", "updated_at")
    list_filter = ("is_active", "coverage", "nation", "kinds", "topics")
    search_fields = ("name", "summary", "email", "phone")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("kinds", "topics")
    autocomplete_fields = ("local_authorities", "districts")
    actions = ["export_selected"]
    change_list_template = "admin/matching/supportscheme/change_list.html"
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "kinds", "topics", "is_active")}),
        ("Contact", {"fields": ("website", "phone", "email", "opening_hours")}),
        (
            "Where it helps",
            {"fields": ("coverage", "nation", "local_authorities", "districts")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("kinds", "topics")

    @admin.display(description=_("helps with"))
    def helps_with(self, obj):
        return ", ".join([k.name for k in obj.kinds.all()] + [t.name for t in obj.topics.all()])

    @admin.action(description=_("Export selected as CSV"))
    def export_selected(self, request, queryset):
        return export_csv(
            "support-schemes.csv", schemes.CSV_COLUMNS, schemes.schemes_export_rows(queryset)
        )

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="matching_supportscheme_import",
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="matching_supportscheme_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request):
        if not self.has_view_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        return export_csv(
            f"support-schemes-{timezone.localdate():%Y-%m-%d}.csv",
            schemes.CSV_COLUMNS,
            schemes.schemes_export_rows(SupportScheme.objects.order_by("name")),
        )

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            return HttpResponseRedirect(reverse("admin:index"))
        form = ImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            result = schemes.schemes_import_csv(data=form.cleaned_data["file"].read())
            if result.ok:
                self.message_user(
                    request,
                    f"Imported the schemes: {result.created} new, {result.updated} updated.",
                )
                return HttpResponseRedirect(reverse("admin:matching_supportscheme_changelist"))
        return TemplateResponse(
            request,
            "admin/matching/supportscheme/import.html",
            {
                **self.admin_site.each_context(request),
                "title": "Import support schemes",
                "opts": self.model._meta,
                "form": form,
                "result": result,
                "columns": schemes.CSV_COLUMNS,
            },
            status=400 if result and not result.ok else 200,
        )
