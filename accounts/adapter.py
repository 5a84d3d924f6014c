import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from core.outbox import enqueue


class AccountAdapter(DefaultAccountAdapter):
    """Renders allauth's emails in the request (their links need it), then asks the outbox
    to send them: purpose ``accounts.<template name>``, a fresh key per email."""

    def send_mail(self, template_prefix, email, context):
        context = {"email": email, **context}
        subject = self.format_email_subject(
            render_to_string(f"{template_prefix}_subject.txt", context, self.request).strip()
        )
        text = render_to_string(f"{template_prefix}_message.txt", context, self.request)
        try:
            html = render_to_string(f"{template_prefix}_message.html", context, self.request)
        except TemplateDoesNotExist:
            html = ""
        name = template_prefix.rsplit("/", 1)[-1].replace("_", "-")
        enqueue(
            f"accounts.{name}",
            key=uuid.uuid4().hex,
            to=email,
            context={"subject": subject, "text": text, "html": html},
        )
