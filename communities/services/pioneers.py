"""Contacting a Member Pioneer: messages relayed by email, with nobody's address shown."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.outbox.services import enqueue

from .. import emails
from ..models import Pioneer, PioneerMessage
from .errors import CommunityError


def pioneer_message_send(*, pioneer: Pioneer, sender, body: str) -> PioneerMessage:
    """Send ``body`` from ``sender`` to ``pioneer``, relayed by email after commit.

    The email carries neither address: it links to the message on the site, where the
    pioneer replies. Raises ``CommunityError`` for a message to yourself or an inactive
    pioneer.
    """
    if not pioneer.is_active or not pioneer.user.is_active:
        raise CommunityError(_("This pioneer is not taking messages at the moment."))
    if pioneer.user_id == sender.pk:
        raise CommunityError(_("This is your own pioneer card: you cannot message yourself."))
    return _message_create(
        pioneer=pioneer, sender=sender, recipient=pioneer.user, body=body, thread_id=None
    )


def pioneer_message_reply(*, message: PioneerMessage, sender, body: str) -> PioneerMessage:
    """Reply in the conversation of ``message``; it goes to the other person in it.

    Only the two people in the conversation can reply. Raises ``CommunityError``.
    """
    if not message.is_party(sender):
        raise CommunityError(_("Only the two people in this conversation can reply to it."))
    return _message_create(
        pioneer=message.pioneer,
        sender=sender,
        recipient=message.other_party(sender),
        body=body,
        thread_id=message.thread_id_or_own,
    )


def _message_create(*, pioneer, sender, recipient, body, thread_id) -> PioneerMessage:
    with transaction.atomic():
        message = PioneerMessage.objects.create(
            pioneer=pioneer,
            sender=sender,
            recipient=recipient,
            body=body.strip(),
            thread_id=thread_id,
        )
        enqueue(
            emails.MESSAGE, str(message.pk), to=recipient.email, context={"message": message.pk}
        )
    return message
