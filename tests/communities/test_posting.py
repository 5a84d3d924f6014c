from django import forms
from django.test import RequestFactory

from communities.services import CommunityError
from communities.views.posting import form_service_call


class NameForm(forms.Form):
    name = forms.CharField()


def _refuse():
    raise CommunityError("That name is taken.")


def test_a_get_does_not_call_the_service():
    request = RequestFactory().get("/")
    calls = []
    assert form_service_call(request, NameForm(None), lambda: calls.append(1)) is None
    assert calls == []


def test_an_invalid_post_does_not_call_the_service():
    request = RequestFactory().post("/", {})
    form = NameForm(request.POST)
    calls = []
    assert form_service_call(request, form, lambda: calls.append(1)) is None
    assert calls == []
    assert "name" in form.errors


def test_a_valid_post_returns_what_the_service_returns():
    request = RequestFactory().post("/", {"name": "Elm Street"})
    form = NameForm(request.POST)
    assert form_service_call(request, form, lambda: form.cleaned_data["name"]) == "Elm Street"


def test_a_refusal_stands_on_the_form():
    request = RequestFactory().post("/", {"name": "Elm Street"})
    form = NameForm(request.POST)
    assert form_service_call(request, form, _refuse) is None
    assert form.non_field_errors() == ["That name is taken."]
