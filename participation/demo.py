"""Demo data: a co-operative sector strategy process, its panel, blog, proposals, two
online meetings and the census of co-ops' operational needs (with 24 demo answers, so the
results page has figures to show and some to suppress). Idempotent; sends no email."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.demo import DEMO_PASSWORD
from core.models import ModerationStatus
from events.models import EVENT_TZ, Event

from .models import (
    AnswerPer,
    AnswerStatus,
    Choice,
    Comment,
    OfficialAnswer,
    PanelMember,
    Phase,
    Post,
    PostKind,
    Process,
    Proposal,
    Question,
    QuestionKind,
    Response,
    ResponseAnswer,
    Section,
    Support,
    Survey,
)

SLUG = "co-operative-sector-strategy"
CENSUS = "co-op-census-2026"

PHASES = [
    ("Listening", "We read existing strategies and ask co-ops what they need: the census.", 0, 60),
    (
        "Drafting",
        "The panel drafts a framework from what we heard; propose and support ideas.",
        60,
        120,
    ),
    ("Congress", "A flagship congress discusses the draft framework.", 120, 150),
    ("Publishing", "The strategy is published, with how each proposal was answered.", 150, 200),
]

PANEL = [
    ("organiser", "Aisha Organiser", "Chair", "Ancoats Community Energy Co-operative"),
    (None, "Gwen Pritchard", "Panel member", "Aberystwyth Farmers' Co-operative"),
    (None, "Callum Reid", "Panel member", "Leith Freelancers' Collective"),
    (None, "Orla Byrne", "Panel member", "Ormeau Allotment Society"),
]

# The census: (section, [(question, kind, required, choices or (min, max, labels))]).
CENSUS_QUESTIONS = [
    (
        "About your co-op",
        [
            (
                "Which sector is your co-op in?",
                QuestionKind.SINGLE,
                True,
                [
                    "Agriculture and food",
                    "Retail",
                    "Housing",
                    "Energy",
                    "Sport and leisure",
                    "Freelance and creative",
                    "Community services",
                ],
            ),
            (
                "How many people work for it (paid)?",
                QuestionKind.SINGLE,
                True,
                ["None", "1 to 9", "10 to 49", "50 or more"],
            ),
            ("How many members does it have?", QuestionKind.NUMBER, True, (0, 10_000_000)),
        ],
    ),
    (
        "What you need",
        [
            (
                "What support do you need most?",
                QuestionKind.MULTIPLE,
                True,
                [
                    "Finance and investment",
                    "Governance and legal advice",
                    "Digital tools",
                    "Training for members",
                    "Premises",
                    "Finding new members",
                ],
            ),
            (
                "How confident are you about the next three years?",
                QuestionKind.SCALE,
                False,
                (1, 5, "Not at all", "Very"),
            ),
            ("Anything else the strategy should know?", QuestionKind.LONG, False, None),
        ],
    ),
]


def load(context) -> None:
    staff = context.users["staff"]
    process = _process(context)
    _panel(process, context.users)
    _events(process, context.users["organiser"])
    survey = _census(process)
    people = _respondents(20)
    _answers(survey, [*context.users.values(), *people])
    _blog(process, context.users, staff)
    _proposals(process, context.users, people, staff)
    context.say(
        "Demo participation: a strategy process, its census (24 answers), blog and proposals."
    )


def _process(context) -> Process:
    today = timezone.localdate()
    start = today - timedelta(days=70)
    process, _created = Process.objects.update_or_create(
        slug=SLUG,
        defaults={
            "title": "A strategy for the UK co-operative sector",
            "summary": "Co-ops, community enterprises and collaborative organisations write "
            "the sector's next strategy together.",
            "purpose": "Allotment societies, sports clubs, freelancer collectives and "
            "farmer-owned businesses all run on co-operation. This process builds on existing "
            "strategies, runs the first census of co-ops' operational needs in the UK, "
            "discusses a draft framework at a flagship congress and keeps an open blog.",
            "run_by": "The strategic reference panel, with coopcentre",
            "starts_on": start,
            "ends_on": start + timedelta(days=200),
            "is_published": True,
        },
    )
    for order, (title, description, begins, ends) in enumerate(PHASES):
        Phase.objects.update_or_create(
            process=process,
            title=title,
            defaults={
                "description": description,
                "order": order,
                "starts_on": start + timedelta(days=begins),
                "ends_on": start + timedelta(days=ends),
            },
        )
    # Drafting is under way (set directly: the demo tells no follower).
    Phase.objects.filter(process=process).update(is_active=False)
    Phase.objects.filter(process=process, title="Drafting").update(is_active=True)
    return process


def _panel(process: Process, users: dict) -> None:
    for order, (key, name, role, organisation) in enumerate(PANEL):
        PanelMember.objects.update_or_create(
            process=process,
            name=name,
            defaults={
                "user": users.get(key) if key else None,
                "role": role,
                "organisation": organisation,
                "order": order,
            },
        )


def _events(process: Process, organiser) -> None:
    today = timezone.localdate()
    meetings = [
        ("Co-operative sector congress (online)", 50, 4, "Discuss the draft framework."),
        ("Strategy panel open meeting (online)", 20, 1, "Ask the panel about the draft."),
    ]
    events = []
    for title, days, hours, description in meetings:
        day = today + timedelta(days=days)
        starts = datetime.combine(day, time(10), tzinfo=EVENT_TZ)
        event, _created = Event.objects.update_or_create(
            slug=f"{title.split(' (')[0].lower().replace(' ', '-')}-{day.isoformat()}",
            defaults={
                "title": title,
                "description": description,
                "organiser": organiser,
                "submitted_by": organiser,
                "moderation_status": ModerationStatus.APPROVED,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=hours),
                "attendance_mode": "online",
                "join_url": "https://meet.jit.si/coopcentre-strategy-demo",
                "capacity": 300,
            },
        )
        events.append(event)
    process.events.set(events)


def _census(process: Process) -> Survey:
    now = timezone.now()
    survey, _created = Survey.objects.update_or_create(
        slug=CENSUS,
        defaults={
            "process": process,
            "title": "The co-operative census: what your co-op needs",
            "intro": "The first census of co-ops' operational needs in the UK. One answer "
            "per co-op; you can change it until the census closes.",
            "answer_per": AnswerPer.ORGANISATION,
            "opens_at": now - timedelta(days=30),
            "closes_at": now + timedelta(days=60),
            "is_published": True,
            "results_public": True,
        },
    )
    for s_order, (title, questions) in enumerate(CENSUS_QUESTIONS):
        section, _created = Section.objects.update_or_create(
            survey=survey, title=title, defaults={"order": s_order}
        )
        for q_order, (text, kind, required, extra) in enumerate(questions):
            _question(section, q_order, text, kind, required, extra)
    return survey


def _question(section, order, text, kind, required, extra) -> None:
    defaults = {"kind": kind, "required": required, "order": order}
    if kind == QuestionKind.NUMBER:
        defaults.update(scale_min=extra[0], scale_max=extra[1])
    if kind == QuestionKind.SCALE:
        defaults.update(
            scale_min=extra[0], scale_max=extra[1], min_label=extra[2], max_label=extra[3]
        )
    question, _created = Question.objects.update_or_create(
        section=section, text=text, defaults=defaults
    )
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        for c_order, label in enumerate(extra):
            Choice.objects.update_or_create(
                question=question, label=label, defaults={"order": c_order}
            )


def _respondents(count: int) -> list:
    User = get_user_model()  # noqa: N806
    people = []
    for n in range(1, count + 1):
        user, created = User.objects.get_or_create(
            email=f"coop{n}@coopcentre.localhost",
            defaults={"display_name": f"Co-op member {n}"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        people.append(user)
    return people


def _answers(survey: Survey, people: list) -> None:
    """Deterministic answers, spread so some choices fall below the threshold."""
    questions = list(Question.objects.filter(section__survey=survey).prefetch_related("choices"))
    for i, person in enumerate(people):
        if person.email.startswith("demo@"):
            continue  # The demo member answers the census themselves.
        response, _created = Response.objects.update_or_create(
            survey=survey,
            user=person,
            defaults={"organisation": f"Demo co-op {i}", "organisation_key": f"demo co-op {i}"},
        )
        for question in questions:
            _answer(response, question, i)


def _answer(response, question, i: int) -> None:
    choices = list(question.choices.all())
    answer, _created = ResponseAnswer.objects.update_or_create(response=response, question=question)
    if question.kind == QuestionKind.SINGLE:
        # Most pick the first choices; the last ones get fewer than five answers.
        answer.choices.set([choices[(i * i) % len(choices) if i % 3 else 0]])
    elif question.kind == QuestionKind.MULTIPLE:
        answer.choices.set([choices[0], choices[i % len(choices)]])
    elif question.kind == QuestionKind.NUMBER:
        answer.number = Decimal(12 + (i * 37) % 300)
    elif question.kind == QuestionKind.SCALE:
        answer.number = Decimal(1 + (i * 7) % 5)
    elif i % 4 == 0:
        answer.text = "We need help with shared back-office services."
    answer.save()


def _blog(process: Process, users: dict, staff) -> None:
    update, _created = Post.objects.update_or_create(
        process=process,
        title="What we heard in the listening phase",
        defaults={
            "kind": PostKind.UPDATE,
            "body": "Thank you to the co-ops who answered the census. Finance, governance "
            "advice and digital tools come up again and again.\n\nThe draft framework "
            "follows those three themes; tell us what is missing.",
            "submitted_by": users["organiser"],
            "moderation_status": ModerationStatus.APPROVED,
            "reviewed_by": staff,
            "reviewed_at": timezone.now(),
        },
    )
    piece, _created = Post.objects.update_or_create(
        process=process,
        title="Why our allotment society needs a seat at the table",
        defaults={
            "kind": PostKind.PIECE,
            "body": "Small volunteer-run co-ops are most of the movement, but rarely in its "
            "strategies. Here is what would help us.",
            "submitted_by": users["neighbour"],
            "moderation_status": ModerationStatus.APPROVED,
            "reviewed_by": staff,
            "reviewed_at": timezone.now(),
        },
    )
    Post.objects.update_or_create(
        process=process,
        title="Freelancer co-ops and late payment",
        defaults={
            "kind": PostKind.PIECE,
            "body": "A piece waiting for a moderator.",
            "submitted_by": users["volunteer"],
            "moderation_status": ModerationStatus.PENDING,
        },
    )
    first, _created = Comment.objects.get_or_create(
        post=piece,
        author=users["volunteer"],
        parent=None,
        defaults={"body": "Agreed: the small ones carry the movement."},
    )
    Comment.objects.get_or_create(
        post=piece,
        author=users["neighbour"],
        parent=first,
        defaults={"body": "Thank you! Come to the open meeting."},
    )
    Comment.objects.get_or_create(
        post=update, author=users["volunteer"], defaults={"body": "Will the draft be online?"}
    )


def _proposals(process: Process, users: dict, people: list, staff) -> None:
    ideas = [
        (
            "A national co-op development fund",
            "Patient capital for new co-ops.",
            users["volunteer"],
        ),
        (
            "Shared back-office services",
            "Payroll and accounts for small co-ops.",
            users["neighbour"],
        ),
        ("Co-op education in schools", "Teach co-operation as part of citizenship.", people[0]),
    ]
    made = []
    for title, body, author in ideas:
        proposal, _created = Proposal.objects.update_or_create(
            process=process, title=title, defaults={"body": body, "author": author}
        )
        made.append(proposal)
    for person in people[:8]:
        Support.objects.get_or_create(proposal=made[0], user=person)
    for person in people[8:11]:
        Support.objects.get_or_create(proposal=made[1], user=person)
    OfficialAnswer.objects.update_or_create(
        proposal=made[0],
        defaults={
            "status": AnswerStatus.CONSIDERING,
            "reason": "The panel is costing it with two co-operative banks.",
            "answered_by": staff,
            "answered_at": timezone.now(),
        },
    )
