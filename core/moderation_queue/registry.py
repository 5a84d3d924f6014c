"""The kinds of thing staff moderate, registered by the apps that own them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ..models import ModerationStatus
from ..moderation import listing_moderate


class Refused(Exception):
    """A kind's approve or reject function refuses the decision; the message says why.

    Apps may also name their own exception classes in ``register(refusals=…)``."""


@dataclass(frozen=True)
class Kind:
    """One moderated kind: what waits, how it is shown, how staff decide on it.

    ``pending()`` returns the queryset of items awaiting a decision (with whatever
    ``select_related`` its ``describe`` and ``submitter`` need); ``submitted_at`` names its
    field holding when the item was sent (the queue is oldest first). ``approve(item, by,
    note)`` and ``reject(item, by, note)`` are the app's moderation services; ``reject`` is
    None for kinds that are only ever resolved. ``reject`` always gets a reason.
    """

    key: str
    model: type
    pending: Callable[[], Any]
    approve: Callable[[Any, Any, str], Any]
    reject: Callable[[Any, Any, str], Any] | None = None
    submitted_at: str = "submitted_at"
    label: str = ""
    approve_label: str = ""
    reject_label: str = ""
    describe: Callable[[Any], str] = str
    submitter: Callable[[Any], Any] | None = None
    refusals: tuple[type[Exception], ...] = field(default_factory=tuple)

    @property
    def plural(self) -> str:
        return self.label or str(self.model._meta.verbose_name_plural)

    @property
    def can_reject(self) -> bool:
        # Templates call callables, so they ask this rather than look at ``reject``.
        return self.reject is not None

    @property
    def singular(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def permission(self) -> str:
        opts = self.model._meta
        return f"{opts.app_label}.change_{opts.model_name}"

    def change_url(self, pk) -> str:
        opts = self.model._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
        except NoReverseMatch:
            return ""

    def list_url(self) -> str:
        opts = self.model._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            return ""


_kinds: dict[str, Kind] = {}


def register(
    key: str,
    *,
    model: type,
    pending: Callable[[], Any],
    approve: Callable[[Any, Any, str], Any],
    reject: Callable[[Any, Any, str], Any] | None = None,
    submitted_at: str = "submitted_at",
    label: str = "",
    approve_label: str = "",
    reject_label: str = "",
    describe: Callable[[Any], str] = str,
    submitter: Callable[[Any], Any] | None = None,
    refusals: tuple[type[Exception], ...] = (),
) -> Kind:
    """Declare a moderated kind (``<app>.<name>``); registering again replaces it.

    ``label`` is the plural shown in the queue (default: the model's verbose plural);
    ``approve_label`` / ``reject_label`` name the buttons ("Approve" / "Reject" by default);
    ``describe(item)`` is the line shown for an item (default ``str``); ``submitter(item)``
    the member who sent it (a user or None). Exceptions of a class in ``refusals`` (and
    ``Refused``) raised by ``approve`` / ``reject`` are shown to staff, not a 500.
    """
    if "." not in key:
        raise ValueError(f"moderated kind {key!r} should read '<app>.<name>'")
    kind = Kind(
        key=key,
        model=model,
        pending=pending,
        approve=approve,
        reject=reject,
        submitted_at=submitted_at,
        label=label,
        approve_label=approve_label or _("Approve"),
        reject_label=reject_label or _("Reject"),
        describe=describe,
        submitter=submitter,
        refusals=(Refused, *refusals),
    )
    _kinds[key] = kind
    return kind


def register_listing(
    key: str,
    model: type,
    *,
    related: tuple[str, ...] = ("submitted_by",),
    moderate: Callable[..., Any] | None = None,
    **options,
) -> Kind:
    """Declare one of core's moderated listings (a ``core.models.Moderated`` model): its
    pending rows (``model.objects.pending()``, with ``related`` selected) wait in the queue,
    staff approve or reject them through ``core.moderation.listing_moderate`` (the submitter
    is emailed) and ``submitted_by`` sent each.

    ``moderate(item, decision, by, note)`` replaces ``listing_moderate`` where the app has
    its own service for the decision (a space, a proposed edit); ``options`` go to
    ``register`` as they are (``approve_label``, ``describe``, ``refusals``, …).
    """

    def decide(decision):
        if moderate is not None:
            return lambda item, by, note: moderate(item, decision, by, note)
        return lambda item, by, note: listing_moderate(
            listing=item, decision=decision, by=by, note=note
        )

    return register(
        key,
        model=model,
        pending=lambda: model.objects.pending().select_related(*related),
        approve=decide(ModerationStatus.APPROVED),
        reject=decide(ModerationStatus.REJECTED),
        submitter=lambda item: item.submitted_by,
        **options,
    )


def kinds() -> list[Kind]:
    """Every registered kind, sorted by key."""
    return [_kinds[key] for key in sorted(_kinds)]


def kinds_for(user) -> list[Kind]:
    """The kinds ``user`` may decide on (staff with the model's change permission)."""
    if not (user.is_active and user.is_staff):
        return []
    return [kind for kind in kinds() if user.has_perm(kind.permission)]


def get(key: str) -> Kind:
    """The registered kind; LookupError if no app registered it."""
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"no moderated kind {key!r} is registered") from None
