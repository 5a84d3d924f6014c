from datetime import timedelta

import factory
from django.utils import timezone

from participation.models import (
    AnswerPer,
    Choice,
    Phase,
    Post,
    PostKind,
    Process,
    Proposal,
    Question,
    QuestionKind,
    Section,
    Survey,
)
from tests.factories import UserFactory


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    title = factory.Sequence(lambda n: f"Strategy {n}")
    slug = factory.Sequence(lambda n: f"strategy-{n}")
    summary = "Write the sector's strategy together."
    purpose = "Because co-ops know what co-ops need."
    run_by = "The reference panel"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=100))
    is_published = True


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Phase {n}")
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    process = factory.SubFactory(ProcessFactory)
    kind = PostKind.PIECE
    title = factory.Sequence(lambda n: f"A piece {n}")
    body = "What our allotment society needs."
    submitted_by = factory.SubFactory(UserFactory)
    moderation_status = "approved"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    process = factory.SubFactory(ProcessFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Idea {n}")
    body = "A national co-op development fund."


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    process = factory.SubFactory(ProcessFactory)
    title = "The co-op census"
    slug = factory.Sequence(lambda n: f"census-{n}")
    answer_per = AnswerPer.MEMBER
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    is_published = True
    results_public = True


def census(survey: Survey) -> dict:
    """Six questions, one of each kind but short text; returns them by kind."""
    about = Section.objects.create(survey=survey, title="About your co-op", order=0)
    needs = Section.objects.create(survey=survey, title="What you need", order=1)
    sector = Question.objects.create(
        section=about, text="Sector?", kind=QuestionKind.SINGLE, required=True, order=0
    )
    for i, label in enumerate(["Food", "Housing", "Energy"]):
        Choice.objects.create(question=sector, label=label, order=i)
    members = Question.objects.create(
        section=about, text="How many members?", kind=QuestionKind.NUMBER, scale_min=0, order=1
    )
    support = Question.objects.create(
        section=needs, text="What support?", kind=QuestionKind.MULTIPLE, required=True, order=0
    )
    for i, label in enumerate(["Finance", "Legal", "Digital"]):
        Choice.objects.create(question=support, label=label, order=i)
    confidence = Question.objects.create(
        section=needs,
        text="How confident?",
        kind=QuestionKind.SCALE,
        scale_min=1,
        scale_max=5,
        min_label="Not at all",
        max_label="Very",
        order=1,
    )
    notes = Question.objects.create(
        section=needs, text="Anything else?", kind=QuestionKind.LONG, order=2
    )
    return {
        "single": sector,
        "number": members,
        "multiple": support,
        "scale": confidence,
        "long": notes,
    }


def answers(questions: dict, *, sector=0, members="12", support=(0,), scale="4", notes="") -> dict:
    """POST data for the census of ``census()``."""
    choice = questions["single"].choices.all()[sector]
    data = {
        f"q{questions['single'].pk}": str(choice.pk),
        f"q{questions['number'].pk}": members,
        f"q{questions['multiple'].pk}": [
            str(questions["multiple"].choices.all()[i].pk) for i in support
        ],
        f"q{questions['scale'].pk}": scale,
        f"q{questions['long'].pk}": notes,
    }
    return data
