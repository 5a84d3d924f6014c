"""The participation app's emails: their purposes in the outbox, and how each row is
rendered (at send time; ``None`` when the email went stale).

- ``participation.notice``: one thing that happened (a comment on your piece, an official
  answer, a new phase), keyed by the ``Notice``; stale when the member has since stopped
  that kind or chose the weekly digest.
- ``participation.digest``: the week's notices for a member who chose the digest, keyed by
  member and newest notice.
Both carry a one-click "stop these" link (and List-Unsubscribe headers) per kind.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.outbox import registry

from .models import Delivery, Notice, NoticeKind
from .services.notifications import (
    DIGEST_EMAIL,
    NOTICE_EMAIL,
    settings_for,
    unsubscribe_url,
)


def notice_context(row) -> dict | None:
    notice = Notice.objects.select_related("user").filter(pk=row.context["notice"]).first()
    if notice is None:
        return None
    choice = settings_for(notice.user)
    if not choice.wants(notice.kind) or choice.delivery != Delivery.IMMEDIATE:
        return None
    return {
        "notice": notice,
        "name": notice.user.public_name,
        "stop_url": settings.SITE_URL + unsubscribe_url(user_id=notice.user_id, kind=notice.kind),
        "kind_label": NoticeKind(notice.kind).label,
    }


def digest_context(row) -> dict | None:
    user = get_user_model().objects.filter(pk=row.context["user"], is_active=True).first()
    if user is None:
        return None
    choice = settings_for(user)
    notices = [
        n
        for n in Notice.objects.filter(pk__in=row.context["notices"], user=user)
        if choice.wants(n.kind)
    ]
    if not notices:
        return None
    kinds = sorted({n.kind for n in notices})
    return {
        "name": user.public_name,
        "notices": notices,
        "stop_links": [
            (NoticeKind(k).label, settings.SITE_URL + unsubscribe_url(user_id=user.pk, kind=k))
            for k in kinds
        ],
        "stop_url": settings.SITE_URL + unsubscribe_url(user_id=user.pk, kind=kinds[0]),
    }


def unsubscribe_headers(context: dict) -> dict:
    """The one-click stop link mail apps show as a button (RFC 8058)."""
    return {
        "List-Unsubscribe": f"<{context['stop_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def register() -> None:
    """Called from ParticipationConfig.ready()."""
    registry.register(
        NOTICE_EMAIL,
        template="participation/emails/notice",
        context=notice_context,
        headers=unsubscribe_headers,
        label=_("Have your say: a comment, an official answer or a new phase, to the member"),
    )
    registry.register(
        DIGEST_EMAIL,
        template="participation/emails/digest",
        context=digest_context,
        headers=unsubscribe_headers,
        label=_("Have your say: the weekly digest, to members who chose it"),
    )
