from django import forms

from postcodes.forms import PostcodeField


class IndexSearchForm(forms.Form):
    postcode = PostcodeField(label="Your postcode")


class CompareForm(forms.Form):
    a = PostcodeField(label="First postcode")
    b = PostcodeField(label="Second postcode")

    def clean(self):
        cleaned = super().clean()
        a, b = cleaned.get("a"), cleaned.get("b")
        if a and b and a.postcode == b.postcode:
            self.add_error("b", "Enter a different postcode to compare with.")
        return cleaned


class EditionForm(forms.Form):
    """``?year=`` on any wellbeing page or API call: which edition to show."""

    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
