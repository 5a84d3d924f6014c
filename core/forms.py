"""Form fields every capability shares."""

import unicodedata

from django import forms

# Control characters, and the Unicode line and paragraph separators.
_BREAKING = {"Cc", "Zl", "Zp"}


class OneLineCharField(forms.CharField):
    """A one-line text (a name, a title): line breaks, tabs and other control characters
    become spaces and runs of spaces become one, so the text cannot break an email subject,
    a CSV row or a page title, nor hide an escape sequence."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        spaced = "".join(" " if unicodedata.category(c) in _BREAKING else c for c in value)
        return " ".join(spaced.split())
