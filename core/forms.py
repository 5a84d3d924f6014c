"""Form fields every capability shares."""

import datetime
import unicodedata

from django import forms
from django.utils import timezone
from taggit.forms import TagField

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
            tag = " ".join("".join(ch for ch in tag.lower() if ch.isprintable()).split())
            if len(tag) > self.max_tag_length:
                raise forms.ValidationError(
                    f"“{tag[:30]}…” is too long for an interest: keep each under "
                    f"{self.max_tag_length} characters.",
                    code="tag_length",
                )
            if tag and tag not in names:
                names.append(tag)
        if len(names) > self.max_tags:
            raise forms.ValidationError(
                f"Give at most {self.max_tags} interests.", code="tag_count"
            )
        return names
