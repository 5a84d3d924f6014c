"""Form fields every capability shares: one-line text, search dates, tags, and the honeypot."""

import datetime
import unicodedata

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
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


class SearchDateField(forms.DateField):
    """A date to search from or to, clamped into the years a search can mean: a date
    further ahead than ``SEARCH_YEARS_AHEAD`` years (``9999-12-31``) is read as that far
    ahead, one before ``EARLIEST_SEARCH_DATE`` as that date. Date arithmetic on what a
    visitor typed (the day after the last day of a range) then never overflows, and the
    query never sees a date the database cannot hold."""

    SEARCH_YEARS_AHEAD = 10
    EARLIEST_SEARCH_DATE = datetime.date(1900, 1, 1)

    def to_python(self, value):
        day = super().to_python(value)
        if day is None:
            return day
        latest = timezone.localdate() + datetime.timedelta(days=366 * self.SEARCH_YEARS_AHEAD)
        return min(max(day, self.EARLIEST_SEARCH_DATE), latest)


# Choices of rows by id ---------------------------------------------------------------

# The largest id a database holds (a signed 64-bit integer).
MAX_PK = 2**63 - 1


def pk_in_range(value) -> bool:
    """False for a number no id can be (SQLite raises OverflowError on it, a 500)."""
    try:
        return abs(int(str(value).strip())) <= MAX_PK
    except (TypeError, ValueError):
        # Not a number: the field's own check refuses it.
        return True


class ModelChoiceField(forms.ModelChoiceField):
    """Django's, refusing an out-of-range id (``9`` × 400) as an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and not pk_in_range(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an out-of-range id (``9`` × 400) as an invalid choice."""

    def _check_values(self, value):
        for pk in value:
            if not pk_in_range(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20] + "…"},
                )
        return super()._check_values(value)


class InterestsField(TagField):
    """Interest tags typed as "gardening, cooking": each in lower case with single spaces
    and no control characters, no repeats, at most ``max_tags`` of at most ``max_tag_length``
    characters. Too many or too long is a form error, never a 100,000-character tag reaching
    the database (a DataError on PostgreSQL)."""

    def __init__(self, *, max_tags: int = 10, max_tag_length: int = 50, **kwargs):
        self.max_tags = max_tags
        self.max_tag_length = max_tag_length
        super().__init__(**kwargs)

    def clean(self, value):
        names = []
        for tag in super().clean(value) or []:
            tag = one_line("".join(ch for ch in tag.lower() if ch.isprintable()))
            if len(tag) > self.max_tag_length:
                raise forms.ValidationError(
                    _(
                        "“%(value)s…” is too long for an interest: keep each under "
                        "%(max_tag_length)s characters."
                    )
                    % {"value": tag[:30], "max_tag_length": self.max_tag_length},
                    code="tag_length",
                )
            if tag and tag not in names:
                names.append(tag)
        if len(names) > self.max_tags:
            raise forms.ValidationError(
                _("Give at most %(max_tags)s interests.") % {"max_tags": self.max_tags},
                code="tag_count",
            )
        return names


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
