"""Every indicator's name, unit, period, description, source and licence read in Welsh on
Welsh pages and in Welsh downloads (``wellbeing_index/welsh_indicators/``); English pages and
the API keep the words the importers wrote. An indicator staff imported under a code of its
own shows its English on a Welsh page, marked as English once."""

import csv
import io
import json
import re

from django.utils import translation
from django.utils.html import escape

from wellbeing_index.services.dataset import DEFINITIONS_FILE
from wellbeing_index.services.social import LICENCE, SITE_INDICATORS, SOURCE
from wellbeing_index.services.sources import indicator_definitions
from wellbeing_index.welsh_indicators import (
    INDICATORS,
    LICENCES,
    indicator_name,
    indicator_period,
    indicator_unit,
    welsh_indicator,
)

ACCESS_EN = "Access to services (WIMD 2019)"
ACCESS_CY = "Mynediad i wasanaethau (MALlC 2019)"
COUNCIL_UNIT_EN = "% of neighbourhoods in Wales's most deprived 10%"
COUNCIL_UNIT_CY = "% o gymdogaethau ymhlith y 10% mwyaf difreintiedig yng Nghymru"
DECILE_UNIT_CY = "degradd o fewn Cymru (1 = y mwyaf difreintiedig, 10 = y lleiaf)"


def _default_indicators() -> list[dict]:
    """Every indicator of the default data set (the definitions file the importer reads)
    and the three counted from this site's listings."""
    with DEFINITIONS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sites = [
        {
            "code": s.code,
            "name": s.name,
            "unit": "per 10,000 residents",
            "period": "",
            "description": s.description,
            "source": SOURCE,
            "licence": LICENCE,
        }
        for s in SITE_INDICATORS
    ]
    return rows + sites


def test_every_indicator_of_the_default_data_set_has_a_welsh_name_and_unit():
    rows = _default_indicators()
    assert len(rows) == 91 + 3
    missing = [row["code"] for row in rows if welsh_indicator(row["code"]) is None]
    assert missing == [], f"no Welsh in wellbeing_index/welsh_indicators/ for {missing}"
    for row in rows:
        welsh = welsh_indicator(row["code"])
        assert welsh.name and welsh.name != row["name"], row["code"]
        assert welsh.unit and welsh.unit != row["unit"], row["code"]
        assert bool(welsh.period) == bool(row["period"]), row["code"]
        assert "WIMD" not in welsh.name + welsh.unit + welsh.period, row["code"]


def test_every_indicator_of_the_default_data_set_has_a_welsh_description_and_source():
    rows = _default_indicators()
    for row in rows:
        welsh = welsh_indicator(row["code"])
        assert welsh.description and welsh.description != row["description"], row["code"]
        assert welsh.source and welsh.source != row["source"], row["code"]
        assert "WIMD" not in welsh.description + welsh.source, row["code"]
    licences = {row["licence"] for row in rows}
    assert len(licences) == 4
    assert licences - LICENCES.keys() == set(), "a licence without its Welsh name"


def test_the_welsh_keeps_every_figure_of_the_english():
    """A year, a distance or a percentage lost in translation fails: the numbers of each
    description and source are the English ones, neither more nor fewer."""
    number = re.compile(r"\d+(?:[.,]\d+)?")
    for row in _default_indicators():
        welsh = welsh_indicator(row["code"])
        for field in ("description", "source"):
            english = sorted(number.findall(row[field]))
            assert sorted(number.findall(getattr(welsh, field))) == english, (row["code"], field)


def test_the_definitions_file_is_the_importers_list_and_no_welsh_entry_is_stale():
    codes = {d["code"] for d in indicator_definitions()}
    assert codes == {row["code"] for row in _default_indicators()[:-3]}
    stale = set(INDICATORS) - codes - {s.code for s in SITE_INDICATORS}
    assert stale == set()


def test_the_names_follow_the_language_of_the_page():
    code = "access-wimd2019-council"
    with translation.override("cy"):
        assert indicator_name(code, ACCESS_EN) == ACCESS_CY
        assert indicator_unit(code, COUNCIL_UNIT_EN) == COUNCIL_UNIT_CY
        assert indicator_name("barriers-iod2019-neighbourhood", "Barriers") == "Barriers"
        assert indicator_name("a-new-one", "A new one") == "A new one"
        assert indicator_period("site-spaces", "counted 4 December 2026") == (
            "cyfrifwyd 4 Rhagfyr 2026"
        )
        assert indicator_period("anxiety-council", "April 2020 to March 2021") == (
            "Ebrill 2020 i Fawrth 2021"
        )
    with translation.override("en-gb"):
        assert indicator_name(code, ACCESS_EN) == ACCESS_EN
        assert indicator_unit(code, COUNCIL_UNIT_EN) == COUNCIL_UNIT_EN
        assert indicator_period("site-spaces", "counted 4 December 2026") == (
            "counted 4 December 2026"
        )


def test_a_welsh_council_page_names_its_indicators_in_welsh(client, default_index):
    welsh = client.get("/cy/wellbeing/councils/W06000015/").content.decode()
    assert f'<th scope="row">{ACCESS_CY}<br>' in welsh
    assert f"<small>{COUNCIL_UNIT_CY};" in welsh
    assert '<th scope="row">Boddhad â bywyd</th>' in welsh
    assert "Ebrill 2020 i Fawrth 2021" in welsh
    assert ACCESS_EN not in welsh and "mean rating" not in welsh

    english = client.get("/wellbeing/councils/W06000015/").content.decode()
    assert f'<th scope="row">{ACCESS_EN}<br>' in english
    assert f"<small>{escape(COUNCIL_UNIT_EN)};" in english
    assert '<th scope="row">Life satisfaction</th>' in english
    assert ACCESS_CY not in english and "Boddhad" not in english


def test_a_welsh_postcode_page_names_the_neighbourhoods_indicators_in_welsh(
    client, city_postcodes, default_index
):
    welsh = client.get("/cy/wellbeing/CF101AA/").content.decode()
    assert f'<th scope="row">{ACCESS_CY}<br>' in welsh
    assert f"<small>{DECILE_UNIT_CY};" in welsh
    assert "decile within Wales" not in welsh

    manchester = client.get("/cy/wellbeing/M11AD/").content.decode()
    assert "Rhwystrau rhag cael tai a gwasanaethau (IoD 2019)" in manchester
    assert "degradd o fewn Lloegr" in manchester

    english = client.get("/wellbeing/CF101AA/").content.decode()
    assert f'<th scope="row">{ACCESS_EN}<br>' in english
    assert "decile within Wales (1 = most deprived, 10 = least)" in english
    assert "MALlC" not in english


def test_the_indicator_list_reads_in_the_language_of_the_page(client, default_index):
    welsh = client.get("/cy/wellbeing/indicators/").content.decode()
    assert f'<th scope="row">{ACCESS_CY}<br>' in welsh
    assert f"<td>{COUNCIL_UNIT_CY}</td>" in welsh
    assert "<td>Medi 2023 i Awst 2024</td>" in welsh
    english = client.get("/wellbeing/indicators/").content.decode()
    assert f'<th scope="row">{ACCESS_EN}<br>' in english
    assert "<td>September 2023 to August 2024</td>" in english
    assert "MALlC" not in english


def test_welsh_downloads_carry_the_welsh_names_and_the_api_keeps_the_english(
    client, city_postcodes, default_index
):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/cy/wellbeing/figures.csv", {"a": "W06000015"}).content.decode()
            )
        )
    )
    access = next(r for r in rows if r["code"] == "access-wimd2019-council")
    assert (access["name"], access["unit"]) == (ACCESS_CY, COUNCIL_UNIT_CY)

    figures = json.loads(client.get("/cy/wellbeing/figures.json", {"a": "W06000015"}).content)[
        "figures"
    ]
    absence = next(f for f in figures if f["code"] == "pupil-absence-wales-council")
    assert absence["period"] == "Medi 2023 i Awst 2024"

    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/wellbeing/figures.csv", {"a": "W06000015"}).content.decode())
        )
    )
    access = next(r for r in rows if r["code"] == "access-wimd2019-council")
    assert (access["name"], access["unit"]) == (ACCESS_EN, COUNCIL_UNIT_EN)

    api = client.get("/api/wellbeing/CF101AA").json()
    names = {i["name"] for d in api["domains"] for i in d["indicators"]}
    assert ACCESS_EN in names and ACCESS_CY not in names


ABSENCE_CY = "Cyfran y sesiynau hanner diwrnod a gollodd disgyblion heb ganiatâd"
ABSENCE_EN = "Share of half-day sessions pupils missed without permission"
ABSENCE_SOURCE_CY = "Llywodraeth Cymru, Absenoldeb o ysgolion cynradd ac o ysgolion uwchradd"
ABSENCE_SOURCE_EN = "Welsh Government, Absenteeism from primary and from secondary schools"
ACCESS_ABOUT_CY = (
    "Cyfran cymdogaethau’r cyngor sydd ymhlith y 10% mwyaf difreintiedig yng Nghymru o ran y "
    "parth hwn. Amser teithio neu bellter i wasanaethau"
)
ACCESS_ABOUT_EN = escape(
    "Share of the council's neighbourhoods among the most deprived 10% in Wales on this "
    "domain. Travel time or distance to services"
)
WIMD_SOURCE_CY = "Mynegai Amddifadedd Lluosog Cymru 2019, Llywodraeth Cymru: crynodeb fesul cyngor"
WIMD_SOURCE_EN = "Welsh Index of Multiple Deprivation 2019, Welsh Government: council summary"
OGL_CY = "Trwydded Llywodraeth Agored v3.0"
OGL_EN = "Open Government Licence v3.0"


def test_the_indicator_list_describes_and_credits_in_the_language_of_the_page(
    client, default_index
):
    for path in ("/cy/wellbeing/indicators/", "/cy/wellbeing/methodology/"):
        welsh = client.get(path).content.decode()
        assert f'<small class="muted">{ABSENCE_CY}' in welsh, path
        assert f">{ABSENCE_SOURCE_CY}" in welsh and f". {OGL_CY}.</small>" in welsh, path
        assert "Mapping Museums (Birkbeck, Prifysgol Llundain)" in welsh
        assert "Creative Commons Priodoli 4.0 (CC BY 4.0)" in welsh
        for english in (ABSENCE_EN, ABSENCE_SOURCE_EN, OGL_EN, "Office for National Statistics"):
            assert english not in welsh, (path, english)
        assert "yn Saesneg" not in welsh and 'lang="en-GB"' not in welsh.split("<main")[1]

    english = client.get("/wellbeing/indicators/").content.decode()
    assert f'<small class="muted">{ABSENCE_EN}' in english
    assert f">{ABSENCE_SOURCE_EN}" in english and f". {OGL_EN}.</small>" in english
    assert ABSENCE_CY not in english and OGL_CY not in english and "Llywodraeth" not in english


def test_a_welsh_council_pages_drill_down_describes_and_credits_in_welsh(client, default_index):
    welsh = client.get("/cy/wellbeing/councils/W06000015/").content.decode()
    assert f'<small class="muted">{ACCESS_ABOUT_CY}' in welsh
    assert f">{WIMD_SOURCE_CY}" in welsh and f"; {OGL_CY}; " in welsh
    # Personal wellbeing's source line, under its table: the newest reading's and the earlier's.
    assert "<small>Y Swyddfa Ystadegau Gwladol: Amcangyfrifon llesiant personol blynyddol" in welsh
    assert "Y Swyddfa Ystadegau Gwladol: Llesiant personol yn y DU, Ebrill 2020" in welsh
    assert ACCESS_ABOUT_EN not in welsh and WIMD_SOURCE_EN not in welsh and OGL_EN not in welsh

    english = client.get("/wellbeing/councils/W06000015/").content.decode()
    assert f'<small class="muted">{ACCESS_ABOUT_EN}' in english
    assert f">{WIMD_SOURCE_EN}" in english and f"; {OGL_EN}; " in english
    assert "<small>Office for National Statistics: Annual personal well-being estimates" in english
    assert "Office for National Statistics: Personal well-being in the UK, April 2020" in english
    assert "parth hwn" not in english and OGL_CY not in english


def test_a_welsh_download_describes_and_credits_in_welsh(client, city_postcodes, default_index):
    def rows(path):
        text = client.get(path, {"a": "W06000015"}).content.decode()
        return {r["code"]: r for r in csv.DictReader(io.StringIO(text))}

    welsh = rows("/cy/wellbeing/figures.csv")["pupil-absence-wales-council"]
    assert welsh["description"].startswith(ABSENCE_CY)
    assert welsh["source"].startswith(ABSENCE_SOURCE_CY)
    assert welsh["licence"] == OGL_CY

    english = rows("/wellbeing/figures.csv")["pupil-absence-wales-council"]
    assert english["description"].startswith(ABSENCE_EN)
    assert english["source"].startswith(ABSENCE_SOURCE_EN)
    assert english["licence"] == OGL_EN
    assert english["source_url"] == welsh["source_url"]

    figures = json.loads(client.get("/cy/wellbeing/figures.json", {"a": "W06000015"}).content)
    access = next(f for f in figures["figures"] if f["code"] == "access-wimd2019-council")
    assert access["description"].startswith(ACCESS_ABOUT_CY)
    assert access["source"].startswith(WIMD_SOURCE_CY)

    api = client.get("/api/wellbeing/CF101AA").json()
    access = next(
        i for d in api["domains"] for i in d["indicators"] if i["code"].startswith("access-wimd")
    )
    assert access["source"].startswith("Welsh Index of Multiple Deprivation 2019")
    assert access["licence"] == OGL_EN and "description" not in access


def test_an_indicator_staff_imported_without_welsh_is_shown_in_english_and_says_so_once(
    client, hand_index
):
    # hand_index's five indicators have codes of their own ("jobs", "life"…) and no Welsh.
    welsh = client.get("/cy/wellbeing/councils/W09000001/").content.decode()
    # Denbigh has figures for four of them (none for crime): three in the drill-downs, one
    # beside them. Each is labelled once, at its name, not at its description or source too.
    shown = re.findall(r'<span lang="en-GB">(\w+)</span> <span class="tag">yn Saesneg', welsh)
    assert sorted(shown) == ["Clinics", "Jobs", "Life", "Poverty"]
    assert welsh.count("yn Saesneg") == 4
    # Its source is marked English for screen readers: in each drill-down row and under the
    # personal wellbeing table.
    assert welsh.count('<span lang="en-GB">Test source</span>') == 4
    assert f"; {OGL_CY}" in welsh  # a licence the site knows is named in Welsh all the same

    listing = client.get("/cy/wellbeing/indicators/").content.decode()
    assert listing.count('<span class="tag">yn Saesneg</span>') == 5
    assert listing.count(f'<span lang="en-GB">Test source</span>. {OGL_CY}.') == 5

    english = client.get("/wellbeing/councils/W09000001/").content.decode()
    assert "yn Saesneg" not in english and 'lang="en-GB">' not in english.split("<main")[1]
    assert "Test source" in english and OGL_EN in english
