"""Form fields every capability shares: one-line text and tags, and the honeypot."""

import unicodedata

from django import forms
from taggit.forms import TagField

# Control characters, and the Unicode line and paragraph separators.
_BREAKING = {"Cc", "Zl", "Zp"}


def one_line(value: str) -> str:
    """``value`` on one line: line breaks, tabs, NULs and every other control character
    become spaces and runs of spaces become one (the rule of ``OneLineCharField``, for
    text that does not come through a form)."""
    spaced = "".join(" " if unicodedata.category(c) in _BREAKING else c for c in value)
    return " ".join(spaced.split())


class OneLineCharField(forms.CharField):
    """A one-line text (a name, a title): line breaks, tabs and other control characters
    become spaces and runs of spaces become one, so the text cannot break an email subject,
    a CSV row, a calendar line or a page title, nor hide an escape sequence."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return one_line(value)


# A tag's name is at most this long (taggit's Tag.name).
TAG_MAX_LENGTH = 100


class OneLineTagField(TagField):
    """Interests typed as "gardening, cooking": each one on one line (as
    ``OneLineCharField``) and at most 100 characters, so a pasted page is a clear error
    instead of a database error."""

    def clean(self, value):
        tags = [one_line(tag) for tag in super().clean(value)]
        too_long = [tag for tag in tags if len(tag) > TAG_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                f"Keep each interest to {TAG_MAX_LENGTH} characters or fewer.", code="tag_length"
            )
        return [tag for tag in tags if tag]


# The honeypot ---------------------------------------------------------------------------

# A name that form-filling robots fill in and that no real field of ours uses.
HONEYPOT_FIELD = "homepage"
HONEYPOT_MESSAGE = (
    "Please leave the “Leave this empty” box empty: it is there to stop automated sign-ups."
)


class HoneypotInput(forms.TextInput):
    """A text box that people never see: off screen (the ``hp-field`` class in site.css,
    no inline style), out of the tab order, hidden from screen readers and labelled
    "Leave this empty" for anyone who reaches it anyway (CSS off)."""

    template_name = "core/widgets/honeypot.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "tabindex": "-1", **(attrs or {})})

    # Rendered with the form's hidden fields: ``form.as_div`` (and allauth's ``as_p``)
    # give it no label row of its own; the widget's template carries its label.
    @property
    def is_hidden(self):
        return True


class HoneypotField(forms.CharField):
    """Valid only when empty. A filled one fails like any other field, so the form answers
    as a validation failure (400 with what was typed) and nothing is saved."""

    widget = HoneypotInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Leave this empty")
        super().__init__(**kwargs)

    def clean(self, value):
        if value not in self.empty_values:
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        return ""

    def bound_data(self, data, initial):
        # A refused form is shown again: never send the robot's text back in the box.
        return ""


class HoneypotMixin(forms.Form):
    """Adds the honeypot to a submission form (sign-up, every member submission).

    Forms rendered with ``includes/form.html`` show it by themselves; a template that
    places fields one by one adds ``{{ form.homepage }}`` inside its ``<form>``.
    """

    homepage = HoneypotField()

    def full_clean(self):
        super().full_clean()
        # Services take ``**form.cleaned_data``: the honeypot is not theirs to see.
        if hasattr(self, "cleaned_data"):
            self.cleaned_data.pop(HONEYPOT_FIELD, None)
