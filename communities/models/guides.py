"""Practical how-to guides that staff write in Markdown."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from ..markdown import markdown_to_html


class GuideStep(models.IntegerChoices):
    FORM = 1, _("Step 1: form an action group")
    COMMIT = 2, _("Step 2: choose your commitments and how to measure them")
    REGISTER = 3, _("Step 3: register, act and check in every year")


class GuideQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text) | Q(summary__icontains=text) | Q(body__icontains=text)
        )


class Guide(models.Model):
    """A practical guide: forming an action group, a first meeting, door knocking…"""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for the list.")
    )
    body = models.TextField(
        _("body"),
        max_length=50_000,
        help_text=(
            _(
                "Markdown: ## headings, **bold**, lists, [links](https://…), tables. "
                "Raw HTML and scripts are removed when the guide is shown."
            )
        ),
    )
    # Rendered and cleaned once, when the guide is saved.
    body_html = models.TextField(_("body html"), editable=False, blank=True)
    tags = TaggableManager(blank=True)
    step = models.PositiveSmallIntegerField(
        _("step"),
        choices=GuideStep.choices,
        null=True,
        blank=True,
        help_text=_("Link it from this step of “Three steps to a co-operative community”."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = markdown_to_html(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("communities:guide-detail", kwargs={"slug": self.slug})
