"""The old way to send an email at once, kept only until every app asks the outbox.

New code calls ``core.outbox.enqueue`` (see docs/outbox.md); rendering is
``core.outbox.rendering.render``, which this module uses for ``emails/<name>`` triples.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from .outbox import rendering


def render(name: str, context: dict) -> tuple[str, str, str]:
    """Return (subject, text body, HTML body) for the email called ``name``."""
    return rendering.render(f"emails/{name}", context, "en")


def build(name: str, *, to: list[str], context: dict, reply_to=None, headers=None):
    subject, text, html = render(name, context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def send(name: str, *, to: list[str], context: dict, reply_to=None, headers=None, connection=None):
    """Render the email ``name`` and send it now; SMTP errors propagate to the caller."""
    message = build(name, to=to, context=context, reply_to=reply_to, headers=headers)
    message.connection = connection or get_connection()
    return message.send()
