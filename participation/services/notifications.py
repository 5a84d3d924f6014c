"""Telling members what happened: one ``Notice`` per member and event, emailed at once or
gathered into the weekly digest, as the member chose; each kind can be stopped with one
click (a signed link that names the member and the kind)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from core.outbox import enqueue
from core.outbox.rendering import language_code

from ..models import Delivery, Notice, NoticeKind, NoticeSettings

NOTICE_EMAIL = "participation.notice"
DIGEST_EMAIL = "participation.digest"
UNSUBSCRIBE_SALT = "participation.unsubscribe"


def settings_for(user) -> NoticeSettings:
    """The member's choices (not saved when they never chose: everything, as it happens)."""
    found = NoticeSettings.objects.filter(user=user).first()
    return found or NoticeSettings(user=user)


# A notice's words: plain text (a member's own words, shown as written), or a message marked
# for translation with its values, worded in each recipient's language.
Wording = str | tuple[str, dict]


def in_language(wording: Wording, language: str) -> str:
    """``wording`` in ``language`` (a member's stored language; blank is English).

    ``(gettext_lazy("%(name)s commented on “%(title)s”"), {"name": …, "title": …})`` is
    translated, and so is any lazy value in it (a status label), under that language."""
    if not isinstance(wording, tuple):
        return str(wording)
    message, values = wording
    with translation.override(language_code(language)):
        return str(message) % {name: str(value) for name, value in values.items()}


def notify(*, users, kind: str, key: str, subject: Wording, text: Wording, url: str) -> int:
    """Tell each of ``users`` (ids or users) about one event, once.

    ``key`` names the event ("answer:12:accepted"): a member gets one notice per key,
    however often this is called. Members who stopped ``kind`` get nothing; those who chose
    the weekly digest get a notice the digest will carry; the others get an email now (an
    outbox row keyed by the notice, sent after the caller's transaction commits). The
    subject and text are worded in each member's own language (``in_language``), not in
    the language of whoever acted. Returns how many notices were new.
    """
    ids = {getattr(u, "pk", u) for u in users}
    chosen = {s.user_id: s for s in NoticeSettings.objects.filter(user_id__in=ids)}
    members = get_user_model().objects.filter(pk__in=ids, is_active=True)
    emails, languages = {}, {}
    for pk, email, language in members.values_list("pk", "email", "language"):
        emails[pk], languages[pk] = email, language
    new = 0
    with transaction.atomic():
        for user_id in sorted(emails):
            choice = chosen.get(user_id) or NoticeSettings(user_id=user_id)
            if not choice.wants(kind):
                continue
            weekly = choice.delivery == Delivery.WEEKLY
            notice, created = Notice.objects.get_or_create(
                user_id=user_id,
                key=key[:120],
                defaults={
                    "kind": kind,
                    "subject": in_language(subject, languages[user_id])[:300],
                    "text": in_language(text, languages[user_id]),
                    "url": url[:300],
                    "for_digest": weekly,
                },
            )
            if not created:
                continue
            new += 1
            if not weekly:
                enqueue(
                    NOTICE_EMAIL,
                    key=notice.pk,
                    to=emails[user_id],
                    context={"notice": notice.pk},
                )
    return new


def digests_send(*, now=None) -> int:
    """Queue one digest email per member with notices waiting for it (those from the last
    week and older), and mark them digested. Safe to run twice: the outbox key is the
    member and the newest notice, and digested notices are not picked again."""
    now = now or timezone.now()
    waiting = Notice.objects.filter(for_digest=True, digested_at__isnull=True, created_at__lte=now)
    sent = 0
    users = waiting.values_list("user_id", flat=True).distinct().order_by("user_id")
    emails = dict(get_user_model().objects.filter(pk__in=users).values_list("pk", "email"))
    for user_id, email in emails.items():
        with transaction.atomic():
            notices = list(waiting.filter(user_id=user_id).select_for_update())
            if not notices:
                continue
            enqueue(
                DIGEST_EMAIL,
                key=f"{user_id}:{notices[-1].pk}",
                to=email,
                context={"user": user_id, "notices": [n.pk for n in notices]},
            )
            Notice.objects.filter(pk__in=[n.pk for n in notices]).update(digested_at=now)
            sent += 1
    return sent


def unsubscribe_token_make(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token_make(user_id=user_id, kind=kind)
    return reverse("participation:unsubscribe", kwargs={"token": token})


def unsubscribe_token_read(*, token: str):
    """(member, kind) a one-click link is for, or None when the link is not valid."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=timedelta(days=365))
    except signing.BadSignature:
        return None
    if data.get("k") not in NoticeKind.values:
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    return (user, data["k"]) if user else None


def notices_stop(*, user, kind: str) -> NoticeSettings:
    """Stop one kind of notice for ``user`` (the one-click link's action)."""
    choice, _created = NoticeSettings.objects.get_or_create(user=user)
    setattr(choice, kind, False)
    choice.save(update_fields=[kind])
    return choice
