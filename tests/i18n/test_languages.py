"""English at the URLs it always had, Welsh under /cy/, and the way between them."""

import re
from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from core.languages import path_in, strip_prefix

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def alternates(html: str) -> dict[str, str]:
    return dict(ALTERNATE.findall(html))


def test_english_stays_at_its_urls_and_welsh_is_under_cy(client, db):
    english = client.get("/about/data/")
    welsh = client.get("/cy/about/data/")
    assert english.status_code == welsh.status_code == 200
    assert '<html lang="en-GB">' in english.content.decode()
    assert '<html lang="cy">' in welsh.content.decode()
    assert "Am y data" in welsh.content.decode()


def test_every_page_links_to_itself_in_the_other_language_keeping_the_query(client, db):
    html = client.get("/cy/about/data/?a=1").content.decode()
    assert '<a href="/about/data/?a=1" hreflang="en-GB" lang="en-GB">English</a>' in html
    html = client.get("/about/data/?a=1").content.decode()
    assert '<a href="/cy/about/data/?a=1" hreflang="cy" lang="cy">Cymraeg</a>' in html


def test_hreflang_alternates_point_at_each_other(client, db):
    english = alternates(client.get("/about/data/").content.decode())
    assert english == {
        "en-GB": "http://testserver/about/data/",
        "x-default": "http://testserver/about/data/",
        "cy": "http://testserver/cy/about/data/",
    }
    assert alternates(client.get("/cy/about/data/").content.decode()) == english


def test_an_unsupported_accept_language_gets_english(client, db):
    response = client.get("/about/data/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,de;q=0.5")
    assert response.status_code == 200
    assert '<html lang="en-GB">' in response.content.decode()
    # Asking for Welsh in the browser does not move anyone off the URL they chose.
    response = client.get("/about/data/", HTTP_ACCEPT_LANGUAGE="cy")
    assert '<html lang="en-GB">' in response.content.decode()


def test_a_welsh_url_that_does_not_exist_is_a_welsh_404(client, db):
    response = client.get("/cy/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="cy">' in html
    assert "Heb ddod o hyd i'r dudalen" in html
    assert '<a href="/no-such-page/" hreflang="en-GB"' in html
    assert client.get("/no-such-page/").status_code == 404


def test_the_menu_marks_the_section_in_either_language(client, db):
    html = client.get("/cy/about/data/").content.decode()
    assert '<a href="/cy/events/">Digwyddiadau</a>' in html
    html = client.get("/cy/").content.decode()
    assert 'href="/cy/" class="brand" aria-current="page"' in html


def test_machine_endpoints_have_no_welsh_copy(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/cy/healthz").status_code == 404


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/events/", "cy", "/cy/events/"),
        ("/cy/events/", "cy", "/cy/events/"),
        ("/cy/events/", "en-gb", "/events/"),
        ("/cy", "en-gb", "/"),
        ("/", "cy", "/cy/"),
        ("/cymru/", "en-gb", "/cymru/"),
    ],
)
def test_a_path_in_each_language(path, language, expected):
    assert path_in(path, language) == expected


def test_strip_prefix_leaves_english_paths_alone():
    assert strip_prefix("/cycling/") == "/cycling/"
    assert strip_prefix("/cy/cycling/") == "/cycling/"


def test_dates_and_numbers_are_written_the_welsh_way():
    template = Template('{{ day|date:"l j F Y" }} · {{ day }} · {{ number }}')
    context = Context({"day": date(2026, 12, 3), "number": 1234.5})
    with translation.override("cy"):
        assert template.render(context) == "Dydd Iau 3 Rhagfyr 2026 · 3 Rhagfyr 2026 · 1234.5"
    with translation.override("en-gb"):
        assert template.render(context).startswith("Thursday 3 December 2026")


def test_no_empty_catalogue_is_walked_for_an_english_message_and_welsh_still_translates():
    # core.languages.drop_empty_fallbacks, at start-up: every English {% translate %}
    # walked seven catalogues that hold nothing.
    from gettext import GNUTranslations

    from django.utils import translation
    from django.utils.translation import trans_real

    link = trans_real.translation("en-gb")._fallback
    while link is not None:
        assert not (type(link) is GNUTranslations and set(link._catalog) <= {""})
        link = link._fallback
    with translation.override("cy"):
        assert translation.gettext("This field is required.") == "Mae angen y maes hwn."
    with translation.override("en-gb"):
        assert translation.gettext("This field is required.") == "This field is required."
