"""Asking for and offering help: the forms, consent, signposting and bad input."""

import re
import uuid

import pytest

from matching.models import Match, Need, Offer

from .factories import SchemeFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


def need_data(categories, **overrides):
    data = {
        "kinds": [categories["shopping"].pk],
        "postcode": "M14 5LL",
        "max_distance_km": "5",
        "availability": ["1", "4"],
        "note": "Weekly shop, please.",
        "contact_phone": "0161 496 0000",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_anonymous_visitors_are_asked_to_log_in(client):
    response = client.get("/help/need/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_form_says_it_is_not_an_emergency_service(member_client, kinds):
    response = member_client.get("/help/need/")
    content = page_text(response)
    assert response.status_code == 200
    assert "This is not an emergency service" in content
    assert "999" in content and "Samaritans" in content
    assert "Collecting food and shopping" in content
    assert 'name="consent"' in content


def test_signposting_follows_the_nation_of_the_postcode(member_client, kinds):
    # A Scottish postcode with an error elsewhere: the page now names NHS 24.
    response = member_client.post("/help/need/", need_data(kinds, postcode="EH1 1YZ", consent=""))
    content = page_text(response)
    assert response.status_code == 400
    assert "NHS 24" in content
    assert "in Scotland" in content


def test_registering_a_need_saves_it_and_matches_it(
    member_client, member, kinds, django_capture_on_commit_callbacks, mailoutbox
):
    SchemeFactory(name="Food Line", kinds=[kinds["shopping"]])
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post("/help/need/", need_data(kinds))
    need = Need.objects.get(person=member)
    assert response.status_code == 302
    assert response["Location"] == f"/help/needs/{need.pk}/"
    assert need.outcode == "M14"
    assert need.availability == 5
    assert need.consent_given_at is not None
    assert need.contact_phone == "0161 496 0000"
    assert Match.objects.filter(need=need, scheme__name="Food Line").exists()
    [email] = mailoutbox
    assert "Food Line" in email.body

    page = member_client.get(response["Location"])
    assert "Food Line" in page_text(page)


def test_offering_help_saves_the_offer(member_client, member, kinds):
    response = member_client.post(
        "/help/offer/",
        {
            "kinds": [kinds["chat"].pk],
            "postcode": "CF10 1EP",
            "travel_km": "3",
            "availability": ["8"],
            "consent": "on",
        },
    )
    offer = Offer.objects.get(person=member)
    assert response.status_code == 302
    assert offer.nation == "Wales"
    assert offer.travel_km == 3


def test_a_double_submitted_form_saves_one_need(member_client, member, kinds):
    data = need_data(kinds)
    first = member_client.post("/help/need/", data)
    second = member_client.post("/help/need/", data)
    assert Need.objects.filter(person=member).count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "JE2 3AB", "Jersey"),
        ("postcode", "NOT A POSTCODE", "postcode"),
        ("max_distance_km", "-5", "Enter a distance between 1 and 50 km"),
        ("max_distance_km", "10000", "Enter a distance between 1 and 50 km"),
        ("max_distance_km", "far", "Enter a distance between 1 and 50 km"),
        ("kinds", [], "Choose at least one kind of help or one topic"),
        ("kinds", ["999999"], "Select a valid choice"),
        ("note", "x" * 50_000, "Keep the note to 1,000 characters or fewer (it has 50,000)"),
        ("consent", "", "Tick this box so we can put you in touch"),
        ("availability", [], "Choose at least one time"),
        ("contact_phone", "call me maybe", "Enter a UK phone number"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_what_was_typed(
    member_client, member, kinds, field, value, message
):
    response = member_client.post("/help/need/", need_data(kinds, **{field: value}))
    content = page_text(response)
    assert response.status_code == 400
    assert message in content
    assert "There is a problem" in content
    assert Need.objects.count() == 0
    # What was typed is still there.
    assert "Weekly shop, please." in content or field == "note"
    assert 'value="M14 5LL"' in content or field == "postcode"


def test_outside_the_uk_is_explained(member_client, kinds):
    response = member_client.post("/help/need/", need_data(kinds, postcode="GY1 1AA"))
    assert response.status_code == 400
    assert "Guernsey" in page_text(response)


def test_registering_is_rate_limited(member_client, member, kinds):
    for _ in range(20):
        member_client.post("/help/need/", need_data(kinds))
    response = member_client.post("/help/need/", need_data(kinds))
    assert response.status_code == 429
    assert "Please wait" in page_text(response)
    assert Need.objects.filter(person=member).count() == 20


def test_no_availability_box_starts_ticked(member_client, kinds):
    for url in ("/help/need/", "/help/offer/"):
        html = member_client.get(url).content.decode()
        boxes = re.findall(r'<input type="checkbox" name="availability"[^>]*>', html)
        assert boxes, url
        assert not [box for box in boxes if "checked" in box], url
