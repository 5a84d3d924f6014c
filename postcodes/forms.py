from django import forms
from django.utils.translation import gettext_lazy as _

from .parsing import MAX_INPUT_LENGTH, PostcodeError
from .services import lookup


class PostcodeField(forms.CharField):
    """A postcode (or outward code) that must exist; ``cleaned_data`` gets a ``Location``.

    The typed text stays in the field when the form is re-rendered with an error.
    """

    default_error_messages = {"required": "Enter a postcode, like M1 1AE, or the first half."}

    def __init__(self, *, allow_outward=True, **kwargs):
        self.allow_outward = allow_outward
        kwargs.setdefault("max_length", MAX_INPUT_LENGTH)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "autocomplete": "postal-code",
                    "spellcheck": "false",
                    "autocapitalize": "characters",
                    "size": 10,
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        from .parsing import parse

        try:
            return lookup(parse(value, allow_outward=self.allow_outward))
        except PostcodeError as error:
            raise forms.ValidationError(str(error), code="postcode") from error


class PostcodeSearchForm(forms.Form):
    postcode = PostcodeField(label=_("Your postcode"))
