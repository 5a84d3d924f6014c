"""Forms of the portal's pages: they validate and normalise, nothing more."""

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.forms import KM_CHOICES
from postcodes.forms import PostcodeField


class AuditForm(forms.Form):
    postcode = PostcodeField(label=_("Postcode"))
    km = forms.TypedChoiceField(label=_("Within"), choices=KM_CHOICES, coerce=int, initial=5)
