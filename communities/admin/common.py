"""What several communities admin screens share: a form that places a row by postcode."""

from django import forms
from django.utils.translation import gettext_lazy as _

from postcodes.forms import PostcodeField


class LocatedAdminForm(forms.ModelForm):
    """Staff type a postcode; the row's place fields are filled from it."""

    place_postcode = PostcodeField(
        label=_("Postcode"),
        required=False,
        help_text=_("A full postcode or its first half. Leave as it is to keep the place."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.postcode:
            self.fields["place_postcode"].initial = self.instance.postcode

    def save(self, commit=True):
        location = self.cleaned_data.get("place_postcode")
        if location is not None:
            self.instance.set_location(location)
        return super().save(commit)
