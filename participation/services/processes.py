"""Processes: who leads them, moving to a new phase (followers are told), following."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy

from ..models import Follow, NoticeKind, PanelMember, Phase, Process
from .notifications import notify


def is_lead(*, user, process: Process) -> bool:
    """Staff, and panel members linked to an account, lead a process: they post updates
    and give official answers."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return PanelMember.objects.filter(process=process, user=user).exists()


def phase_activate(*, phase: Phase) -> bool:
    """Make ``phase`` its process's one active phase and tell the followers (once per
    phase). Returns False when it was already the active one."""
    with transaction.atomic():
        process = Process.objects.select_for_update().get(pk=phase.process_id)
        if Phase.objects.filter(pk=phase.pk, is_active=True).exists():
            return False
        Phase.objects.filter(process=process, is_active=True).update(is_active=False)
        Phase.objects.filter(pk=phase.pk).update(is_active=True)
        phase.is_active = True
        followers = Follow.objects.filter(process=process).values_list("user_id", flat=True)
        notify(
            users=list(followers),
            kind=NoticeKind.PHASES,
            key=f"phase:{phase.pk}",
            subject=(
                gettext_lazy("%(process)s is now in its “%(phase)s” phase"),
                {"process": process.title, "phase": phase.title},
            ),
            text=phase.description
            or (
                gettext_lazy("%(process)s has moved on to “%(phase)s”."),
                {"process": process.title, "phase": phase.title},
            ),
            url=process.get_absolute_url(),
        )
    return True


def process_follow(*, process: Process, user, follow: bool = True) -> None:
    """Follow (or stop following) a process; following twice is one follow."""
    if not follow:
        Follow.objects.filter(process=process, user=user).delete()
        return
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(process=process, user=user)
    except IntegrityError:
        # Two clicks at once: the other one made the follow.
        pass


def processes_for_listing(*, user):
    """Published processes with their active phase, and whether ``user`` follows each."""
    qs = Process.objects.published().prefetch_related("phases")
    if user.is_authenticated:
        qs = qs.annotate(followed=Exists(Follow.objects.filter(process=OuterRef("pk"), user=user)))
    return qs
