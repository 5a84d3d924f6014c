"""A match's reason is worded for whoever reads it, in their language: the person in need
reads what the volunteer offers, the volunteer what the person needs (issue 14)."""

import pytest
from django.utils import translation

from core.outbox.models import OutgoingEmail
from core.outbox.services import outgoing_send
from matching.services.notifications import introduction_notices, notifications_queue

from ..factories import UserFactory
from .factories import IntroductionFactory, NeedFactory, OfferFactory, SchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intro(kinds):
    shopping = kinds["shopping"]
    match = IntroductionFactory(
        need=NeedFactory(person=UserFactory(language="cy"), kinds=[shopping], availability=1),
        offer=OfferFactory(person=UserFactory(language="en-gb"), kinds=[shopping]),
        distance_km=2.1,
        covers=[shopping.key],
        reason="2.1 km away, offers collecting food and shopping on weekday mornings",
    )
    notifications_queue(introduction_notices(match), source=f"match:{match.pk}")
    return match


def email_to(person, purpose):
    outgoing_send(pk=OutgoingEmail.objects.get(to=person.email, purpose=purpose).pk)


def test_the_reason_reads_in_the_language_active_for_each_reader(intro):
    with translation.override("en-gb"):
        assert intro.reason_text == (
            "2.1 km away, offers collecting food and shopping on weekday mornings"
        )
        assert intro.reason_for_volunteer.startswith("2.1 km away, needs collecting food")
    with translation.override("cy"):
        assert intro.reason_text == (
            "2.1 km i ffwrdd, yn cynnig collecting food and shopping "
            "ar yr adegau hyn: boreau yn ystod yr wythnos"
        )
        assert "yn gofyn am collecting food and shopping" in intro.reason_for_volunteer


def test_each_side_gets_the_reason_in_the_language_they_chose(intro, mailoutbox):
    email_to(intro.need.person, "matching.need-matched")
    email_to(intro.offer.person, "matching.offer-introduction")
    welsh, english = mailoutbox
    assert "2.1 km i ffwrdd, yn cynnig collecting food and shopping" in welsh.body
    assert "km away" not in welsh.body and "offers collecting" not in welsh.body
    assert "2.1 km away, needs collecting food and shopping on weekday mornings" in english.body
    assert "i ffwrdd" not in english.body


def test_a_scheme_reason_names_the_place_in_the_readers_language(kinds):
    scheme = SchemeFactory(coverage="nation", nation="Wales")
    need = NeedFactory(kinds=[kinds["medication"]], at="CF10 1EP")
    match = IntroductionFactory(
        need=need, offer=None, scheme=scheme, covers=[kinds["medication"].key], reason="x"
    )
    with translation.override("cy"):
        assert match.reason_text == (
            "Cynllun sy'n cwmpasu Cymru ac sy'n helpu gyda collecting medication"
        )
    with translation.override("en-gb"):
        assert match.reason_text == "A scheme covering Wales that helps with collecting medication"


def test_a_local_scheme_names_a_welsh_council_by_its_welsh_name_in_welsh(kinds):
    need = NeedFactory(kinds=[kinds["medication"]], at="CF10 1EP")
    scheme = SchemeFactory(coverage="local_authorities", local_authorities=[need.lad_code])
    match = IntroductionFactory(
        need=need, offer=None, scheme=scheme, covers=[kinds["medication"].key], reason="x"
    )
    with translation.override("cy"):
        assert "Cynllun lleol sy'n cwmpasu Caerdydd" in match.reason_text
    with translation.override("en-gb"):
        assert "A local scheme covering Cardiff" in match.reason_text
