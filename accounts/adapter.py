import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
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
        # allauth's own send_mail adds the site; every account email greets from it.
        context = {
            "email": email,
            "current_site": current_site(self.request),
            "site_url": settings.SITE_URL,
            **context,
        }
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


class _NamedSite:
    def __init__(self, name: str, domain: str):
        self.name, self.domain = name, domain

    def __str__(self):
        return self.name


def current_site(request) -> _NamedSite:
    """The site the emails name: the Sites row (or the request's host), never a blank name.

    A site whose name was left blank (or Django's "example.com") is called SITE_NAME.
    """
    site = get_current_site(request)
    name = (site.name or "").strip()
    if not name or name == "example.com" or name == site.domain:
        name = settings.SITE_NAME
    return _NamedSite(name, site.domain)
