"""allauth's password and email address forms in plain British English (their own module,
like ``login_form``: allauth's forms import ``accounts.forms.SignupForm``, so these cannot
live there without an import loop). Only the words change; allauth still checks everything.
"""

from allauth.account import forms as allauth_forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

NEW_PASSWORD = {"password1": _("New password"), "password2": _("New password (again)")}


def _relabel(form, labels: dict) -> None:
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            # allauth repeats its label as a placeholder; the label is enough.
            form.fields[name].widget.attrs.pop("placeholder", None)


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"oldpassword": _("Current password"), **NEW_PASSWORD})
        self.fields["oldpassword"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("account_reset_password"), _("Forgotten your password?")
        )


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": _("Password"), "password2": _("Password (again)")})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, NEW_PASSWORD)


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": _("Email address")})
