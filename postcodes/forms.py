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


def start_from_saved_postcode(form: forms.Form, user, name: str = "postcode") -> forms.Form:
    """Start ``form``'s postcode box from the member's saved home postcode, as every
    postcode box does (templates use ``saved_postcode``, from accounts' context processor).

    Only when the request did not send that box at all: a box sent empty stays empty, and
    what was typed wins. Only the box shows it: nothing is searched until the member sends
    the form. Visitors, and members with no postcode saved, see an empty box (so a page in
    the anonymous page cache never holds one). Returns ``form``.
    """
    if not getattr(user, "is_authenticated", False) or name not in form.fields:
        return form
    saved = getattr(user, "home_postcode", "") or ""
    if saved and not (form.is_bound and form.add_prefix(name) in form.data):
        # A text box not sent writes no value of its own, so this one is the only one.
        form.fields[name].widget.attrs["value"] = saved
    return form
