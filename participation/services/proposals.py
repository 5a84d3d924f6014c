"""Proposals: members propose, others support (one each), leads answer officially."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import AnswerStatus, NoticeKind, OfficialAnswer, Proposal, Support
from .notifications import notify
from .posts import ParticipationError


def proposal_create(*, process, author, title: str, body: str) -> Proposal:
    """A member's idea for the strategy, published at once (staff may hide it)."""
    return Proposal.objects.create(process=process, author=author, title=title, body=body)


def proposal_support(*, proposal: Proposal, user) -> Support:
    """One support per member; the author's own proposal needs none."""
    if proposal.author_id == user.pk:
        raise ParticipationError(_("This is your own proposal: you cannot support it as well."))
    if proposal.is_hidden:
        raise ParticipationError(_("This proposal was withdrawn from the site."))
    try:
        with transaction.atomic():
            return Support.objects.create(proposal=proposal, user=user)
    except IntegrityError:
        raise ParticipationError(_("You already support this proposal.")) from None


def proposal_unsupport(*, proposal: Proposal, user) -> None:
    Support.objects.filter(proposal=proposal, user=user).delete()


def proposal_answer(*, proposal: Proposal, by, status: str, reason: str) -> OfficialAnswer:
    """Give (or revise) the official answer and tell the author and every supporter.

    Each person is told once per answer status: revising the reason alone tells nobody
    again, changing "being considered" to "accepted" does.
    """
    with transaction.atomic():
        answer, _created = OfficialAnswer.objects.update_or_create(
            proposal=proposal,
            defaults={
                "status": status,
                "reason": reason,
                "answered_by": by,
                "answered_at": timezone.now(),
            },
        )
        supporters = list(proposal.supports.values_list("user_id", flat=True))
        notify(
            users=[proposal.author_id, *supporters],
            kind=NoticeKind.ANSWERS,
            key=f"answer:{proposal.pk}:{status}",
            subject=(
                gettext_lazy("Official answer to “%(title)s”: %(status)s"),
                {"title": proposal.title, "status": AnswerStatus(status).label},
            ),
            text=reason,
            url=proposal.get_absolute_url(),
        )
    return answer
