"""Surveys built by staff in the admin (the census of co-ops' operational needs is the
first): sections of questions, one response per member or per organisation, editable until
the survey closes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .processes import Process


class AnswerPer(models.TextChoices):
    MEMBER = "member", _("One answer per member")
    ORGANISATION = "organisation", _("One answer per organisation")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale")
    NUMBER = "number", _("Number")
    SHORT = "short", _("Short text")
    LONG = "long", _("Long text")


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}
TEXT_KINDS = {QuestionKind.SHORT, QuestionKind.LONG}


class SurveyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Survey(models.Model):
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    intro = models.TextField(_("introduction"), blank=True, max_length=5_000)
    answer_per = models.CharField(
        _("who answers"), max_length=12, choices=AnswerPer.choices, default=AnswerPer.MEMBER
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    is_published = models.BooleanField(_("published"), default=False)
    results_public = models.BooleanField(
        _("results public"),
        default=False,
        help_text=_("Show the results page to everyone (small counts stay hidden)."),
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:survey-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A survey must close after it opens.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at

    @property
    def per_organisation(self) -> bool:
        return self.answer_per == AnswerPer.ORGANISATION


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, max_length=2_000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class Question(models.Model):
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Scale questions: from ``scale_min`` to ``scale_max``; numbers: within them if given.
    scale_min = models.IntegerField(_("lowest"), null=True, blank=True)
    scale_max = models.IntegerField(_("highest"), null=True, blank=True)
    min_label = models.CharField(_("label of the lowest"), max_length=60, blank=True)
    max_label = models.CharField(_("label of the highest"), max_length=60, blank=True)

    class Meta:
        ordering = ["section__order", "section_id", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def clean(self):
        if self.kind == QuestionKind.SCALE and (self.scale_min is None or self.scale_max is None):
            raise ValidationError(_("A scale needs its lowest and highest values."))
        if (
            self.scale_min is not None
            and self.scale_max is not None
            and self.scale_min >= self.scale_max
        ):
            raise ValidationError(_("The lowest value must be below the highest."))


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    label = models.CharField(_("choice"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.label


class Response(models.Model):
    """One member's (or one organisation's) answers to a survey."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # The organisation's name folded (case, spaces), so "Leeds Bread Co-op " is one answer.
    organisation_key = models.CharField(
        _("organisation key"), max_length=200, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_response_per_member"),
            models.UniqueConstraint(
                fields=["survey", "organisation_key"],
                condition=~Q(organisation_key=""),
                name="one_response_per_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.survey}: {self.organisation or self.user}"


class ResponseAnswer(models.Model):
    """The answer to one question: its text, its number (scale and number questions) or
    its choices."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("text"), blank=True)
    number = models.DecimalField(
        _("number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    choices = models.ManyToManyField(
        Choice, verbose_name=_("choices"), blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.question}: {self.text or self.number or ''}"
