"""The glue of a form page whose valid POST calls one service."""

from collections.abc import Callable
from typing import TypeVar

from django import forms

from ..services import CommunityError

T = TypeVar("T")


def form_service_call(request, form: forms.BaseForm, service: Callable[[], T]) -> T | None:
    """Call ``service`` when ``form`` was posted and is valid, and return what it returns.

    ``None`` when the form is not posted, not valid, or the service refused: its
    ``CommunityError`` then stands on the form as a non-field error, so the page shows it.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return service()
    except CommunityError as error:
        form.add_error(None, str(error))
        return None
