"""Rendering and sending of the site's emails.

Each email is a triple of templates: ``emails/<name>-subject.txt``, ``-body.txt`` and
``-body.html``. Capability apps write one small function per email that calls ``send``.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string


def render(name: str, context: dict) -> tuple[str, str, str]:
    """Return (subject, text body, HTML body) for the email called ``name``."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{name}-subject.txt", context)
    # A subject must be one line, whatever the template's whitespace.
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    return subject, text, html


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
