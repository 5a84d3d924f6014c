"""allauth's log-in form in plain British English (its own module: allauth's forms import
``accounts.forms.SignupForm``, so this cannot live there without an import loop)."""

from allauth.account import forms as allauth_forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        if "password" in self.fields and self.fields["password"].help_text:
            self.fields["password"].help_text = format_html(
                '<a href="{}">{}</a>',
                reverse("account_reset_password"),
                _("Forgotten your password?"),
            )
        if "remember" in self.fields:
            self.fields["remember"].label = _("Remember me")
