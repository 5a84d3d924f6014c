"""Answering a survey (one response per member or per organisation, editable until it
closes) and the staff's CSV of every response."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import Question, QuestionKind, Response, ResponseAnswer, Survey
from .posts import ParticipationError


def organisation_key(name: str) -> str:
    return " ".join(name.casefold().split())


def response_for(*, survey: Survey, user) -> Response | None:
    """The member's own response, if they answered."""
    if not user.is_authenticated:
        return None
    return Response.objects.filter(survey=survey, user=user).first()


def survey_questions(*, survey: Survey) -> list[Question]:
    """Every question in order, with its section and choices (two queries)."""
    return list(
        Question.objects.filter(section__survey=survey)
        .select_related("section")
        .prefetch_related("choices")
    )


def response_save(
    *, survey: Survey, user, answers: dict[int, object], organisation: str = ""
) -> Response:
    """Save ``user``'s answers (question id → the form's cleaned value), creating their
    response or replacing its answers.

    Refused (``ParticipationError``) when the survey is not open, and, for surveys with one
    answer per organisation, when someone else answered for the same organisation.
    """
    if not survey.is_open():
        raise ParticipationError(
            _("This survey is closed, so answers can no longer be sent or changed.")
        )
    key = organisation_key(organisation) if survey.per_organisation else ""
    try:
        with transaction.atomic():
            response, _created = Response.objects.select_for_update().get_or_create(
                survey=survey, user=user
            )
            response.organisation = organisation if survey.per_organisation else ""
            response.organisation_key = key
            response.save()
            _answers_replace(response, survey, answers)
    except IntegrityError:
        raise ParticipationError(
            _(
                "Someone from this organisation has already answered. Ask them to change "
                "the answer, or check the organisation's name."
            )
        ) from None
    return response


def _answers_replace(response: Response, survey: Survey, answers: dict[int, object]) -> None:
    response.answers.all().delete()
    questions = {q.pk: q for q in Question.objects.filter(section__survey=survey)}
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None or value in (None, "", [], ()):
            continue
        answer = ResponseAnswer(response=response, question=question)
        if question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            answer.number = Decimal(value)
        elif question.kind in (QuestionKind.SHORT, QuestionKind.LONG):
            answer.text = str(value)
        answer.save()
        if question.kind == QuestionKind.SINGLE:
            answer.choices.set([int(value)])
        elif question.kind == QuestionKind.MULTIPLE:
            answer.choices.set([int(v) for v in value])


def response_initial(*, response: Response | None) -> dict[str, object]:
    """The saved answers as the survey form's initial data (``q<id>`` fields)."""
    if response is None:
        return {}
    initial: dict[str, object] = {"organisation": response.organisation}
    answers = response.answers.select_related("question").prefetch_related("choices")
    for answer in answers:
        kind = answer.question.kind
        name = f"q{answer.question_id}"
        if kind == QuestionKind.SINGLE:
            chosen = [c.pk for c in answer.choices.all()]
            initial[name] = str(chosen[0]) if chosen else ""
        elif kind == QuestionKind.MULTIPLE:
            initial[name] = [str(c.pk) for c in answer.choices.all()]
        elif kind == QuestionKind.SCALE:
            initial[name] = str(int(answer.number)) if answer.number is not None else ""
        elif kind == QuestionKind.NUMBER:
            initial[name] = answer.number
        else:
            initial[name] = answer.text
    return initial


def export_rows(*, survey: Survey):
    """(header, rows) for the staff's CSV: one row per response, one column per question
    (choices joined by "; "), in bounded queries."""
    questions = survey_questions(survey=survey)
    header = [_("response"), _("organisation"), _("answered"), _("updated")]
    header += [q.text for q in questions]
    responses = survey.responses.order_by("pk").prefetch_related("answers__choices")

    def rows():
        for response in responses.iterator(chunk_size=500):
            by_question = {a.question_id: a for a in response.answers.all()}
            row = [
                response.pk,
                response.organisation,
                response.created_at.isoformat(timespec="minutes"),
                response.updated_at.isoformat(timespec="minutes"),
            ]
            for question in questions:
                row.append(_cell(question, by_question.get(question.pk)))
            yield row

    return header, rows()


def _cell(question: Question, answer: ResponseAnswer | None):
    if answer is None:
        return ""
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return "; ".join(c.label for c in answer.choices.all())
    if question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        number = answer.number
        return int(number) if number == number.to_integral_value() else number
    return answer.text
