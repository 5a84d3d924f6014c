from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.csv_export import export_csv

from ..models import Choice, Question, Section, Survey
from ..services import export_rows


class SectionInline(admin.TabularInline):
    model = Section
    extra = 1
    fields = ("order", "title", "intro")
    show_change_link = True


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 3
    fields = ("order", "label")


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 1
    fields = (
        ("order", "kind", "required"),
        "text",
        "help_text",
        ("scale_min", "scale_max"),
        ("min_label", "max_label"),
    )
    show_change_link = True


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """Build a survey: its sections here, each section's questions on the section's page,
    each choice question's choices on the question's page."""

    list_display = (
        "title",
        "process",
        "answer_per",
        "opens_at",
        "closes_at",
        "is_published",
        "export",
    )
    list_filter = ("is_published", "answer_per")
    list_select_related = ("process",)
    search_fields = ("title",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = [SectionInline]
    actions = ["export_responses"]

    @admin.display(description=_("responses"))
    def export(self, survey):
        url = reverse("participation:survey-export", kwargs={"slug": survey.slug})
        return format_html('<a href="{}">{}</a>', url, _("CSV"))

    @admin.action(description=_("Download the responses (CSV)"))
    def export_responses(self, request, queryset):
        header, rows = export_rows(survey=queryset.order_by("pk").first())
        return export_csv("responses.csv", header, rows)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("title", "survey", "order")
    list_select_related = ("survey",)
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "section", "kind", "required", "order")
    list_filter = ("kind", "required", "section__survey")
    list_select_related = ("section",)
    inlines = [ChoiceInline]
