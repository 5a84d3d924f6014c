import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from core.outbox import enqueue
from core.outbox.services import recipient_language

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    """Renders allauth's emails in the request (their links need it), in the recipient's
    language, then asks the outbox to send them: purpose ``accounts.<template name>``, a
    fresh key per email."""

    def send_mail(self, template_prefix, email, context):
        context = {"email": email, **context}
        language = self.email_language(email)
        with translation.override(language):
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
            language=language,
        )

    def get_email_confirmation_url(self, request, emailconfirmation):
        # The link opens the confirmation page in the language the email is written in.
        language = self.email_language(emailconfirmation.email_address.email)
        with translation.override(language):
            return super().get_email_confirmation_url(request, emailconfirmation)

    def email_language(self, email: str) -> str:
        """A member's chosen language (English if none is stored); for an address with no
        account (a password reset for an unknown address), the page's language."""
        if User.objects.filter(email=email.lower()).exists():
            return recipient_language(email)
        return translation.get_language() or settings.LANGUAGE_CODE
