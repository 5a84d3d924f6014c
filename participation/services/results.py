"""A survey's results, safe to publish: counts below ``THRESHOLD`` are never shown.

A question answered by fewer than ``THRESHOLD`` people shows no figures at all. Otherwise
each choice counted 1 to ``THRESHOLD - 1`` times is shown as "fewer than 5"; where the
choices add up to the number answering (single choice, scale) and only one choice is
suppressed, the next smallest is suppressed too, so nobody can work the hidden one out by
subtraction. Numbers show how many answered, their median and their mean, never a minimum
or maximum (one co-op's figure). Written answers are never shown, only counted.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import mean, median

from django.db.models import Count

from ..models import Question, QuestionKind, ResponseAnswer, Survey
from .surveys import survey_questions

THRESHOLD = 5


@dataclass
class Bar:
    label: str
    count: int | None  # None: suppressed
    share: float = 0.0  # of the largest shown count, for the chart's bar length


@dataclass
class QuestionResult:
    question: Question
    answered: int
    suppressed: bool
    bars: list[Bar] = field(default_factory=list)
    median: Decimal | None = None
    mean: Decimal | None = None

    @property
    def chart(self) -> bool:
        return bool(self.bars) and not self.suppressed


def survey_results(*, survey: Survey) -> list[tuple[object, list[QuestionResult]]]:
    """[(section, [QuestionResult, …]), …] in a fixed number of queries."""
    questions = survey_questions(survey=survey)
    answered = _answered(survey)
    choice_counts = _choice_counts(survey)
    numbers = _numbers(survey)
    sections: dict[int, tuple[object, list[QuestionResult]]] = {}
    for question in questions:
        result = _result(question, answered[question.pk], choice_counts, numbers[question.pk])
        sections.setdefault(question.section_id, (question.section, []))[1].append(result)
    return list(sections.values())


def _answered(survey: Survey) -> Counter:
    rows = (
        ResponseAnswer.objects.filter(response__survey=survey)
        .values_list("question_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter(dict(rows))


def _choice_counts(survey: Survey) -> Counter:
    through = ResponseAnswer.choices.through
    rows = (
        through.objects.filter(responseanswer__response__survey=survey)
        .values_list("choice_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter(dict(rows))


def _numbers(survey: Survey) -> defaultdict:
    values = defaultdict(list)
    rows = ResponseAnswer.objects.filter(
        response__survey=survey,
        question__kind__in=[QuestionKind.SCALE, QuestionKind.NUMBER],
        number__isnull=False,
    ).values_list("question_id", "number")
    for question_id, number in rows:
        values[question_id].append(number)
    return values


def _result(question, answered: int, choice_counts: Counter, numbers: list) -> QuestionResult:
    suppressed = answered < THRESHOLD
    result = QuestionResult(question=question, answered=answered, suppressed=suppressed)
    if suppressed:
        return result
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        counts = [(c.label, choice_counts[c.pk]) for c in question.choices.all()]
    elif question.kind == QuestionKind.SCALE:
        tally = Counter(int(n) for n in numbers)
        counts = [
            (_scale_label(question, v), tally[v])
            for v in range(question.scale_min, question.scale_max + 1)
        ]
    else:
        counts = []
    if counts:
        additive = question.kind != QuestionKind.MULTIPLE
        result.bars = _bars(counts, additive=additive)
    if question.kind in (QuestionKind.NUMBER, QuestionKind.SCALE) and numbers:
        result.median = Decimal(median(numbers)).quantize(Decimal("0.1"))
        result.mean = Decimal(mean(numbers)).quantize(Decimal("0.1"))
    return result


def _scale_label(question: Question, value: int) -> str:
    if value == question.scale_min and question.min_label:
        return f"{value} ({question.min_label})"
    if value == question.scale_max and question.max_label:
        return f"{value} ({question.max_label})"
    return str(value)


def _bars(counts: list[tuple[str, int]], *, additive: bool) -> list[Bar]:
    hidden = {i for i, (_label, n) in enumerate(counts) if 0 < n < THRESHOLD}
    if additive and len(hidden) == 1:
        # One hidden cell of a total could be worked out by subtraction: hide another.
        others = [(n, i) for i, (_label, n) in enumerate(counts) if i not in hidden and n > 0]
        if others:
            hidden.add(min(others)[1])
    shown = [n for i, (_label, n) in enumerate(counts) if i not in hidden]
    top = max(shown, default=0) or 1
    return [
        Bar(label=label, count=None if i in hidden else n, share=0 if i in hidden else n / top)
        for i, (label, n) in enumerate(counts)
    ]
