"""A sentence with a link in it is translated whole, so Welsh can put the link where Welsh
puts it (docs/i18n.md): the link's words are inside the Welsh sentence, not English pieces
around it."""

import re

import pytest

# Fixtures of the wellbeing tests, for the wellbeing pages below.
from tests.wellbeing_index.conftest import (  # noqa: F401 (fixtures)
    _city_files,
    _city_index,
    _fresh_process_state,
    default_index,
    hand_index,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        (
            "/cy/communities/guides/",
            'Gweler hefyd <a href="/cy/communities/register/">'
            "Tri cham at gymuned gydweithredol</a>.",
        ),
        (
            "/cy/communities/",
            'dewch o hyd i un i ymuno ag ef, neu <a href="/cy/communities/register/">'
            "dechreuwch gymuned gydweithredol</a>.",
        ),
        (
            "/cy/communities/register/",
            "Dewiswch ymrwymiadau yn y ddau faes: <strong>gweithredu cydweithredol</strong>",
        ),
        ("/communities/guides/", 'See also <a href="/communities/register/">Three steps'),
        (
            "/cy/communities/interest/",
            'Mae <a href="/cy/communities/">grwpiau yn agos atoch</a> wedi’u rhestru ar wahân.',
        ),
        ("/communities/interest/", '<a href="/communities/">Groups near you</a> are listed'),
        ("/cy/events/", 'neu <a href="/cy/events/new/">ychwanegwch ddigwyddiad</a>.'),
        (
            "/cy/communities/guides/?q=zzzz",
            "<p>Does dim canllawiau’n cyfateb i’r chwiliad hwn.</p>",
        ),
        ("/communities/guides/?q=zzzz", "<p>No guides match this search.</p>"),
        ("/cy/spaces/", "Rhowch gynnig ar bellter ehangach neu lai o hidlwyr.</p>"),
    ],
)
def test_a_sentence_with_a_link_reads_whole(client, path, sentence):
    html = client.get(path).content.decode()
    assert sentence in html


def test_the_open_data_page_still_reads_in_english(client):
    # /openactive/ has no Welsh copy (docs/i18n.md); its sentence is whole for when it has.
    html = client.get("/openactive/").content.decode()
    assert 'published too, as an <a href="/openreferral/docs/">Open Referral UK API</a>.' in html


# The wellbeing pages, the portal's panel on them and /about/data/ (docs/i18n.md).


def test_the_methodology_names_the_unscored_domains_inside_one_welsh_sentence(
    client,
    hand_index,  # noqa: F811 (the imported fixture)
):
    welsh = client.get("/cy/wellbeing/methodology/").content.decode()
    english = client.get("/wellbeing/methodology/").content.decode()

    # Six domains have no indicator in the hand-made index: listed in Welsh, joined by "neu".
    strong = "<strong>[^<]+</strong>"
    assert re.search(
        rf"Does dim set ddata agored yn mesur ({strong}, )+{strong} neu {strong} ar gyfer "
        "pob ardal yn y pedair gwlad ar yr un sail.",
        welsh,
    )
    assert "<strong>Diwylliant, Treftadaeth a Hamdden</strong>" in welsh
    assert "gall staff ei ychwanegu gyda <code>manage.py import_indicators</code> a bydd" in welsh
    assert "(yr argraffiad presennol yw 2025) ac yn cael eu cadw" in welsh
    assert (
        'Mae’r priodoliadau ar gyfer yr holl ddata ar y dudalen <a href="/cy/about/data/">'
        "Am y data</a>." in welsh
    )
    assert re.search(
        rf"No open data set measures ({strong}, )+{strong} or {strong} for every area", english
    )
    assert "<strong>Culture, Heritage &amp; Leisure</strong>" in english
    assert "(the current edition is 2025) and stored with that year" in english


def test_the_indicator_list_and_about_the_data_read_whole_in_welsh(
    client,
    hand_index,  # noqa: F811 (the imported fixture)
):
    indicators = client.get("/cy/wellbeing/indicators/").content.decode()
    about = client.get("/cy/about/data/").content.decode()
    english = client.get("/about/data/").content.decode()

    assert (
        'Pob ffigur y tu ôl i’r <a href="/cy/wellbeing/">mynegai llesiant</a>: beth mae’n ei'
        in indicators
    )
    assert 'Mae’r <a href="/cy/wellbeing/methodology/">mynegai llesiant</a> wedi’i lunio' in about
    assert "o dan y <a " in about and ">Drwydded Llywodraeth Agored v3.0</a>; y cyfrifon" in about
    assert 'The <a href="/wellbeing/methodology/">wellbeing index</a> is built from these.' in (
        english
    )


def test_a_welsh_postcode_page_suggests_browsing_in_one_sentence(
    client,
    city_postcodes,
    default_index,  # noqa: F811 (the imported fixture)
):
    welsh = client.get("/cy/wellbeing/EH11YZ/").content.decode()
    english = client.get("/wellbeing/EH11YZ/").content.decode()

    assert (
        'Porwch <a href="/cy/spaces/">ofodau cymunedol</a>, <a href="/cy/events/">'
        'ddigwyddiadau</a> a <a href="/cy/communities/">grwpiau</a>, neu dechreuwch rywbeth'
        in welsh
    )
    assert " download>JSON</a>, gyda ffynonellau a blynyddoedd</li>" in welsh
    assert (
        'Browse <a href="/spaces/">community spaces</a>, <a href="/events/">events</a> and '
        '<a href="/communities/">groups</a>, or start something yourself.' in english
    )


def test_a_welsh_comparison_names_its_places_and_downloads_in_whole_sentences(
    client,
    city_postcodes,
    default_index,  # noqa: F811 (the imported fixture)
):
    query = {"a": "M1 1AD", "b": "cf10 1ep"}
    welsh = client.get("/cy/wellbeing/compare/", query).content.decode()
    english = client.get("/wellbeing/compare/", query).content.decode()

    assert "<h1>M1 1AD a CF10 1EP wedi’u cymharu</h1>" in welsh
    assert "<title>Cymharu M1 1AD, CF10 1EP: mynegai llesiant" in welsh
    assert " download>JSON</a>, gyda ffynhonnell a blwyddyn pob dangosydd.</p>" in welsh
    assert "<h1>M1 1AD and CF10 1EP compared</h1>" in english
