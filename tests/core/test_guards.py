"""The guards every capability shares (rate limits and the honeypot are in test_limits.py):
ownership (404), invalid posts (400), formula-safe CSV exports and the helplines of each nation."""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory

from core.csv_export import safe_cell, unsafe_cell
from core.forms import OneLineCharField
from core.ownership import owned_or_404
from core.signposting import SAMARITANS, support_lines_for, urgent_help
from events.models import Event
from events.services import rsvp_create
from matching.models import SupportScheme
from matching.services.schemes import schemes_import_csv
from postcodes.models import LocalAuthority
from tests.factories import UserFactory

from ..communities.factories import GroupFactory
from ..events.factories import EventFactory
from ..matching.factories import (
    SchemeFactory,
    shopping,
)
from ..spaces.factories import SpaceFactory
from ..submissions import world as make_world
from ..wellbeing_index.factories import AreaFactory, IndicatorFactory, values_set

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x","y")'


@pytest.fixture
def world(owner, member, stranger):
    return make_world(owner=owner, member=member)


# Ownership ------------------------------------------------------------------------------

# (what, URL, may staff have it?)
OWNED = [
    ("event", lambda w: f"/events/{w['event'].slug}/edit/", True),
    ("attendee list", lambda w: f"/events/{w['event'].slug}/attendees/", True),
    ("group", lambda w: f"/communities/{w['group'].slug}/edit/", True),
    ("group members", lambda w: f"/communities/{w['group'].slug}/members/", True),
    ("request for help", lambda w: f"/help/needs/{w['need'].pk}/edit/", False),
    ("match", lambda w: f"/help/matches/{w['match'].pk}/", False),
    ("pioneer message", lambda w: f"/communities/messages/{w['message'].pk}/", False),
]


@pytest.mark.parametrize(
    ("url", "staff_may"),
    [pytest.param(url, staff_may, id=what) for what, url, staff_may in OWNED],
)
def test_the_owner_has_it_strangers_get_404_and_staff_as_the_app_allows(
    owner_client, stranger_client, staff_client, world, url, staff_may
):
    url = url(world)
    assert owner_client.get(url).status_code == 200
    assert stranger_client.get(url).status_code == 404
    assert staff_client.get(url).status_code == (200 if staff_may else 404)


def test_anonymous_people_own_nothing(owner, world):
    request = RequestFactory().get("/")
    request.user = owner
    assert owned_or_404(request, Event.objects, owner="organiser", pk=world["event"].pk)
    request.user = AnonymousUser()
    with pytest.raises(Http404):
        owned_or_404(request, Event.objects, owner="organiser", pk=world["event"].pk)


# Invalid posts --------------------------------------------------------------------------

# (what, who, URL, a post the form refuses, what the page then says)
INVALID = [
    ("list a space", "member", lambda w: "/spaces/new/", {"name": "Hall"}, 'value="Hall"'),
    (
        "edit a space",
        "member",
        lambda w: f"/spaces/{w['space'].slug}/edit/",
        {"name": "Renamed Hall", "postcode": ""},
        'value="Renamed Hall"',
    ),
    (
        "add a photo",
        "member",
        lambda w: f"/spaces/{w['space'].slug}/photos/new/",
        {"alt_text": "The hall"},
        "The hall",
    ),
    (
        "report a threat",
        "member",
        lambda w: f"/spaces/{w['space'].slug}/report-threat/",
        {"evidence": "The council minutes"},
        "The council minutes",
    ),
    ("submit an event", "member", lambda w: "/events/new/", {"title": "Swap"}, 'value="Swap"'),
    (
        "edit an event",
        "owner",
        lambda w: f"/events/{w['event'].slug}/edit/",
        {"title": "Renamed"},
        'value="Renamed"',
    ),
    (
        "cancel an event",
        "owner",
        lambda w: f"/events/{w['event'].slug}/cancel/",
        {"reason": ""},
        "There is a problem",
    ),
    ("ask for help", "member", lambda w: "/help/need/", {"note": "Weekly shop"}, "Weekly shop"),
    ("offer help", "member", lambda w: "/help/offer/", {"note": "Can drive"}, "Can drive"),
    (
        "edit a request",
        "owner",
        lambda w: f"/help/needs/{w['need'].pk}/edit/",
        {"note": "New note"},
        "New note",
    ),
    (
        "report a match",
        "member",
        lambda w: f"/help/matches/{w['match'].pk}/report/",
        {"details": "No show"},
        "No show",
    ),
    ("list a group", "member", lambda w: "/communities/new/", {"name": "Knit"}, 'value="Knit"'),
    (
        "edit a group",
        "owner",
        lambda w: f"/communities/{w['group'].slug}/edit/",
        {"name": "Renamed"},
        'value="Renamed"',
    ),
    (
        "claim a group",
        "member",
        lambda w: f"/communities/{w['group'].slug}/claim/",
        {"message": ""},
        "This field is required",
    ),
    (
        "choose a group's spaces",
        "owner",
        lambda w: f"/communities/{w['group'].slug}/spaces/",
        {"spaces": ["999999"]},
        "Select a valid choice",
    ),
    (
        "register: the group",
        "member",
        lambda w: "/communities/register/group/",
        {"name": "Knit"},
        'value="Knit"',
    ),
    (
        "register: commitments",
        "owner",
        lambda w: f"/communities/register/{w['group'].slug}/commitments/",
        {"what": "Street parties"},
        "Street parties",
    ),
    (
        "register: confirm",
        "owner",
        lambda w: f"/communities/register/{w['group'].slug}/confirm/",
        {},
        "required",
    ),
    (
        "add a commitment",
        "owner",
        lambda w: f"/communities/{w['registered'].slug}/commitments/new/",
        {"what": "Street parties"},
        "Street parties",
    ),
    (
        "post progress",
        "owner",
        lambda w: f"/communities/{w['registered'].slug}/commitments/{w['commitment'].pk}/progress/",
        {"story": "Two parties"},
        "Two parties",
    ),
    (
        "contact a pioneer",
        "member",
        lambda w: f"/communities/pioneers/{w['pioneer'].pk}/contact/",
        {"body": "Hi"},
        "Hi",
    ),
    (
        "reply to a pioneer",
        "owner",
        lambda w: f"/communities/messages/{w['message'].pk}/",
        {"body": "Ok"},
        "Ok",
    ),
    (
        "profile",
        "member",
        lambda w: "/accounts/profile/",
        {"display_name": "Mo Changed", "home_postcode": "BFPO 123"},
        'value="Mo Changed"',
    ),
    (
        "delete the account",
        "member",
        lambda w: "/accounts/profile/delete/",
        {"password": "wrong"},
        "That password is not right.",
    ),
]


@pytest.mark.parametrize(
    ("who", "url", "data", "shown"),
    [pytest.param(who, url, data, shown, id=what) for what, who, url, data, shown in INVALID],
)
def test_an_invalid_post_answers_400_with_the_form_and_what_was_typed(
    member_client, owner_client, world, who, url, data, shown
):
    client = {"member": member_client, "owner": owner_client}[who]
    response = client.post(url(world), data)
    assert response.status_code == 400
    assert shown in response.content.decode()


# CSV exports ----------------------------------------------------------------------------


def _attendee_csv(owner_client, staff_client, owner):
    event = EventFactory(organiser=owner)
    rsvp_create(occurrence=event.occurrences.get(), user=UserFactory(display_name=EVIL))
    return owner_client.get(f"/events/{event.slug}/attendees.csv")


def _event_replies_admin(owner_client, staff_client, owner):
    event = EventFactory()
    rsvp_create(occurrence=event.occurrences.get(), user=UserFactory(display_name=EVIL))
    return staff_client.post(
        "/admin/events/event/", {"action": "export_attendees", "_selected_action": [event.pk]}
    )


def _spaces_admin(owner_client, staff_client, owner):
    space = SpaceFactory(name=EVIL)
    return staff_client.post(
        "/admin/spaces/space/", {"action": "export_selected_csv", "_selected_action": [space.pk]}
    )


def _groups_admin(owner_client, staff_client, owner):
    group = GroupFactory(name=EVIL, slug="evil")
    return staff_client.post(
        "/admin/communities/group/", {"action": "export_selected", "_selected_action": [group.pk]}
    )


def _deserts(owner_client, staff_client, owner):
    LocalAuthority.objects.filter(nation="Wales", name="Powys").update(name=EVIL)
    return staff_client.get("/communities/deserts/", {"nation": "Wales", "format": "csv"})


def _schemes_admin(owner_client, staff_client, owner):
    scheme = SchemeFactory(name=EVIL)
    return staff_client.post(
        "/admin/matching/supportscheme/",
        {"action": "export_selected", "_selected_action": [scheme.pk]},
    )


def _schemes_export(owner_client, staff_client, owner):
    SchemeFactory(name=EVIL)
    return staff_client.get("/admin/matching/supportscheme/export/")


def _indicator_values_admin(owner_client, staff_client, owner):
    indicator = IndicatorFactory(code=EVIL)
    values_set(indicator, {AreaFactory(): -1.5})
    return staff_client.post(
        "/admin/wellbeing_index/indicator/",
        {"action": "export_values", "_selected_action": [indicator.pk]},
    )


EXPORTS = [
    _attendee_csv,
    _event_replies_admin,
    _spaces_admin,
    _groups_admin,
    _deserts,
    _schemes_admin,
    _schemes_export,
    _indicator_values_admin,
]


@pytest.mark.parametrize("export", [pytest.param(e, id=e.__name__[1:]) for e in EXPORTS])
def test_a_formula_comes_out_inert_from_every_export(owner_client, staff_client, owner, export):
    response = export(owner_client, staff_client, owner)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows for cell in row]
    assert "'" + EVIL in cells
    assert EVIL not in cells


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_a_quote_and_reads_back(start):
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert unsafe_cell(safe_cell(f"{start}1+1")) == f"{start}1+1"


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    assert safe_cell(-1.5) == -1.5
    assert safe_cell(-3) == -3
    assert safe_cell(None) == ""
    assert safe_cell("Mo Member") == "Mo Member"
    assert safe_cell("+44 161 496 0000") == "'+44 161 496 0000"
    assert unsafe_cell("'quoted by a person") == "'quoted by a person"


def test_a_scheme_phone_starting_with_plus_survives_export_then_import(staff_client):
    SchemeFactory(name="Plus line", slug="plus-line", phone="+44 161 496 0000", kinds=[shopping()])
    response = staff_client.get("/admin/matching/supportscheme/export/")
    body = b"".join(response.streaming_content)
    assert b"'+44 161 496 0000" in body
    SupportScheme.objects.all().delete()
    assert schemes_import_csv(data=body).ok
    assert SupportScheme.objects.get(slug="plus-line").phone == "+44 161 496 0000"


# Signposting ----------------------------------------------------------------------------

URGENT = {
    "England": ["999", "NHS 111: 111", "Samaritans: 116 123"],
    "Scotland": ["999", "NHS 24: 111", "Breathing Space: 0800 83 85 87", "116 123"],
    "Wales": ["999", "NHS 111 Wales: 111", "C.A.L.L. mental health helpline: 0800 132 737"],
    "Northern Ireland": ["999", "GP Out of Hours", "Lifeline: 0808 808 8000", "116 123"],
}


@pytest.mark.parametrize(("nation", "lines"), URGENT.items())
def test_the_urgent_help_box_shows_each_nations_lines(member_client, nation, lines):
    html = render_to_string(
        "matching/includes/urgent_help.html", {"urgent": urgent_help(nation), "nation": nation}
    )
    for line in lines:
        assert line in html


def test_without_a_nation_the_uk_wide_lines_are_shown():
    assert [h.name for h in urgent_help("")] == [
        "Emergency services",
        "NHS 111 (NHS 24 in Scotland)",
        "Samaritans",
    ]


@pytest.mark.parametrize(
    ("nation", "line"),
    [
        ("England", "Mind</strong> (England and Wales): "),
        ("Wales", "Mind</strong> (England and Wales): "),
        ("Scotland", "SAMH</strong> (Scotland): "),
        ("Northern Ireland", "Inspire</strong> (Northern Ireland): "),
    ],
)
def test_the_wellbeing_support_box_shows_each_nations_line_and_samaritans(nation, line):
    html = render_to_string(
        "wellbeing_index/includes/support.html",
        {"support_lines": support_lines_for(nations=[nation]), "samaritans": SAMARITANS},
    )
    assert line in html
    assert '<a href="tel:116123">116 123</a>, free, 24 hours a day, every day' in html


# One-line fields ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Repair\r\ncafé", "Repair café"),
        ("Bcc: x@example.org\n\nHi", "Bcc: x@example.org Hi"),
        ("Tab\there\x00and\x1b[31mred", "Tab here and [31mred"),
        ("Line\u2028separator", "Line separator"),
        ("  Plain   name  ", "Plain name"),
    ],
)
def test_a_one_line_field_turns_breaks_and_control_characters_into_spaces(typed, kept):
    assert OneLineCharField().clean(typed) == kept


def test_names_and_titles_are_saved_on_one_line(member_client, member):
    response = member_client.post(
        "/accounts/profile/", {"display_name": "Mo\r\nBcc: evil@example.org", "interests": ""}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Mo Bcc: evil@example.org"
