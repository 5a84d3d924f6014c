"""Members' needs and offers: register, edit, pause, resume, withdraw.

Every change that could change the matches queues a background matching run once the
transaction commits.
"""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.queueing import queue
from matching.models import (
    HelpRequest,
    Match,
    MatchEvent,
    MatchStatus,
    Need,
    Offer,
    RequestStatus,
)

from .matches import match_close


def _queue_matching(request: HelpRequest) -> None:
    from matching import tasks

    task = tasks.match_need if isinstance(request, Need) else tasks.match_offer
    transaction.on_commit(lambda: queue(task, request.pk))


def _apply(request: HelpRequest, *, location, kinds, topics, fields: dict) -> None:
    request.set_location(location)
    for name, value in fields.items():
        setattr(request, name, value)
    request.full_clean(exclude=["person", "submission_token"])
    request.save()
    request.kinds.set(kinds)
    request.topics.set(topics)


def _register(model, *, person, location, kinds, topics, fields, submission_token):
    if submission_token:
        existing = model.objects.filter(person=person, submission_token=submission_token).first()
        if existing:
            return existing, False
    request = model(person=person, submission_token=submission_token or None)
    request.consent_given_at = timezone.now()
    try:
        with transaction.atomic():
            _apply(request, location=location, kinds=kinds, topics=topics, fields=fields)
            _queue_matching(request)
    except IntegrityError:
        # The same form, submitted twice at once: the other submission saved it.
        existing = model.objects.filter(person=person, submission_token=submission_token).first()
        if existing is None:
            raise
        return existing, False
    return request, True


def need_register(
    *,
    person,
    location,
    kinds,
    topics,
    availability: int,
    max_distance_km: int,
    note: str = "",
    contact_phone: str = "",
    submission_token: uuid.UUID | None = None,
) -> tuple[Need, bool]:
    """Save a member's need and queue matching for it; returns ``(need, created)``.

    ``location`` is a ``postcodes.services.Location``; ``kinds`` and ``topics`` are
    iterables of ``HelpKind`` and ``SkillTopic`` (topics to learn). Registering is consent
    to share contact details with a matched scheme or person (recorded in
    ``consent_given_at``). The same ``submission_token`` (the form's hidden token) never
    creates a second need: a double-submitted form returns the first one, ``created=False``.
    """
    return _register(
        Need,
        person=person,
        location=location,
        kinds=kinds,
        topics=topics,
        submission_token=submission_token,
        fields={
            "availability": availability,
            "max_distance_km": max_distance_km,
            "note": note,
            "contact_phone": contact_phone,
        },
    )


def offer_register(
    *,
    person,
    location,
    kinds,
    topics,
    availability: int,
    travel_km: int,
    note: str = "",
    contact_phone: str = "",
    submission_token: uuid.UUID | None = None,
) -> tuple[Offer, bool]:
    """Save a member's offer of help and queue matching for it; see ``need_register``.

    ``topics`` are the topics the member can teach; ``travel_km`` how far they can travel.
    """
    return _register(
        Offer,
        person=person,
        location=location,
        kinds=kinds,
        topics=topics,
        submission_token=submission_token,
        fields={
            "availability": availability,
            "travel_km": travel_km,
            "note": note,
            "contact_phone": contact_phone,
        },
    )


def request_update(*, request: HelpRequest, location, kinds, topics, **fields) -> HelpRequest:
    """Save a member's edits to their need or offer and queue matching again.

    ``fields`` are the model's editable fields (availability, note, contact_phone,
    max_distance_km or travel_km). Matches already made stay as they are.
    """
    with transaction.atomic():
        _apply(request, location=location, kinds=kinds, topics=topics, fields=fields)
        if request.is_open:
            _queue_matching(request)
    return request


def _set_status(request: HelpRequest, status: str) -> None:
    request.status = status
    request.status_changed_at = timezone.now()
    request.save(update_fields=["status", "status_changed_at", "updated_at"])


def request_pause(*, request: HelpRequest) -> HelpRequest:
    """Stop new matches for a need or offer for now; matches already made stay."""
    if request.status == RequestStatus.OPEN:
        _set_status(request, RequestStatus.PAUSED)
    return request


def request_resume(*, request: HelpRequest) -> HelpRequest:
    """Open a paused need or offer again, and look for matches for it."""
    if request.status == RequestStatus.PAUSED:
        with transaction.atomic():
            _set_status(request, RequestStatus.OPEN)
            _queue_matching(request)
    return request


def request_withdraw(*, request: HelpRequest, by) -> HelpRequest:
    """Withdraw a need or offer for good.

    Introductions still being arranged are cancelled (the other person is told it won't go
    ahead, without any details); introductions already made stay in both people's history.
    """
    if request.status == RequestStatus.WITHDRAWN:
        return request
    with transaction.atomic():
        _set_status(request, RequestStatus.WITHDRAWN)
        pending = Match.objects.filter(
            **{request.role: request}, status__in=[MatchStatus.REVIEW, MatchStatus.PROPOSED]
        ).select_related("need__person", "offer__person")
        for match in pending:
            match_close(
                match=match,
                status=MatchStatus.CANCELLED,
                action=MatchEvent.Action.CANCELLED,
                by=by,
                note=f"The {'need' if request.role == 'need' else 'offer'} was withdrawn.",
                notify_sides=("offer",) if request.role == "need" else ("need",),
            )
        if request.role == "need":
            Need.objects.filter(pk=request.pk).update(needs_attention=False, attention_since=None)
        else:
            # Their needs look for someone else.
            from matching import tasks

            for need_id in sorted({m.need_id for m in pending}):
                transaction.on_commit(lambda n=need_id: queue(tasks.match_need, n, "response"))
    return request
