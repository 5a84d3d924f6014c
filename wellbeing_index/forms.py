import re

from django import forms
from django.utils.translation import gettext_lazy as _

from postcodes.forms import PostcodeField

from .models import Area


class IndexSearchForm(forms.Form):
    postcode = PostcodeField(label=_("Your postcode"))


COUNCIL_CODE_RE = re.compile(r"^[ENSW]\d{8}$")


class AreaField(PostcodeField):
    """A postcode (``cleaned_data`` gets a ``Location``) or a council area's GSS code, like
    E08000003 (it gets the code)."""

    default_error_messages = {
        "required": "Enter a postcode, like M1 1AE, or a council code, like E08000003."
    }

    def clean(self, value):
        code = (value or "").strip().upper()
        if COUNCIL_CODE_RE.match(code):
            if not Area.objects.councils().filter(code=code).exists():
                raise forms.ValidationError(
                    _("No council area has the code %(code)s.") % {"code": code}
                )
            return code
        return super().clean(value)


AREA_FIELDS = ("a", "b", "c", "d")


class CompareForm(forms.Form):
    """Two to four areas: postcodes or council codes."""

    a = AreaField(label=_("First postcode or council code"))
    b = AreaField(label=_("Second postcode or council code"))
    c = AreaField(label=_("Third (optional)"), required=False)
    d = AreaField(label=_("Fourth (optional)"), required=False)

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for name in AREA_FIELDS:
            entry = cleaned.get(name)
            if not entry:
                continue
            key = getattr(entry, "postcode", entry)
            if key in seen:
                self.add_error(
                    name,
                    f"{key} is entered twice. Enter a different postcode to compare with.",
                )
            seen.add(key)
        return cleaned

    @property
    def entries(self) -> list:
        return [self.cleaned_data[n] for n in AREA_FIELDS if self.cleaned_data.get(n)]


class EditionForm(forms.Form):
    """``?year=`` on any wellbeing page or API call: which edition to show."""

    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
