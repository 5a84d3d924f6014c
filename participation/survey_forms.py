"""The form a survey's questions make (built from the questions staff wrote in the admin)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, OneLineCharField

from .models import Question, QuestionKind, Survey

SHORT_MAX = 300
LONG_MAX = 5_000
REQUIRED = _("Please answer this question: it is required.")


def question_field(question: Question) -> forms.Field:
    """The form field for one question, with messages that say what to do."""
    common = {
        "label": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "error_messages": {"required": REQUIRED},
    }
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        choices = [(str(c.pk), c.label) for c in question.choices.all()]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.MULTIPLE:
        choices = [(str(c.pk), c.label) for c in question.choices.all()]
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == QuestionKind.SCALE:
        return _scale_field(question, common)
    if kind == QuestionKind.NUMBER:
        return forms.DecimalField(
            min_value=question.scale_min,
            max_value=question.scale_max,
            max_digits=12,
            decimal_places=2,
            **common,
        )
    if kind == QuestionKind.SHORT:
        return OneLineCharField(max_length=SHORT_MAX, **common)
    return forms.CharField(max_length=LONG_MAX, widget=forms.Textarea(attrs={"rows": 5}), **common)


def _scale_field(question: Question, common: dict) -> forms.Field:
    low, high = question.scale_min, question.scale_max
    choices = []
    for value in range(low, high + 1):
        label = str(value)
        if value == low and question.min_label:
            label = f"{value} – {question.min_label}"
        elif value == high and question.max_label:
            label = f"{value} – {question.max_label}"
        choices.append((str(value), label))
    common["error_messages"]["invalid_choice"] = _("Choose a number from %(low)d to %(high)d.") % {
        "low": low,
        "high": high,
    }
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


class SurveyForm(HoneypotMixin, forms.Form):
    """Every question of ``survey`` as a field ``q<id>``, grouped by section, and the
    organisation's name for surveys with one answer per organisation."""

    def __init__(self, *args, survey: Survey, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = questions
        if survey.per_organisation:
            self.fields["organisation"] = OneLineCharField(
                label=_("Your organisation's name"),
                max_length=200,
                help_text=_("One answer per organisation: the person who answers can change it."),
                error_messages={"required": REQUIRED},
            )
        for question in questions:
            self.fields[f"q{question.pk}"] = question_field(question)

    def sections(self):
        """[(section, [bound field, …]), …] in the survey's order."""
        grouped: dict[int, tuple] = {}
        for question in self.questions:
            entry = grouped.setdefault(question.section_id, (question.section, []))
            entry[1].append(self[f"q{question.pk}"])
        return list(grouped.values())

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
