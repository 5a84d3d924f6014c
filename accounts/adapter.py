from allauth.account.adapter import DefaultAccountAdapter
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from core.tasks import send_rendered_email


class AccountAdapter(DefaultAccountAdapter):
    """Renders allauth's emails in the request, then sends them in the background."""

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
        send_rendered_email.delay(subject=subject, text=text, html=html, to=[email])
