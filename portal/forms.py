"""Forms of the portal's pages: they validate and normalise, nothing more."""

from django import forms

from communities.forms import KM_CHOICES
from postcodes.forms import PostcodeField


class AuditForm(forms.Form):
    postcode = PostcodeField(label="Postcode")
    km = forms.TypedChoiceField(label="Within", choices=KM_CHOICES, coerce=int, initial=5)
