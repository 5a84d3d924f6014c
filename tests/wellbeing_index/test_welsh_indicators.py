"""Every indicator's name, unit and period read in Welsh on Welsh pages and in Welsh
downloads (``wellbeing_index/welsh_indicators.py``); English pages and the API keep the
names the importers wrote."""

import csv
import io
import json

from django.utils import translation
from django.utils.html import escape

from wellbeing_index.services.dataset import DEFINITIONS_FILE
from wellbeing_index.services.social import SITE_INDICATORS
from wellbeing_index.services.sources import indicator_definitions
from wellbeing_index.welsh_indicators import (
    INDICATORS,
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
        {"code": s.code, "name": s.name, "unit": "per 10,000 residents"} for s in SITE_INDICATORS
    ]
    return rows + [{**s, "period": ""} for s in sites]


def test_every_indicator_of_the_default_data_set_has_a_welsh_name_and_unit():
    rows = _default_indicators()
    assert len(rows) == 91 + 3
    missing = [row["code"] for row in rows if welsh_indicator(row["code"]) is None]
    assert missing == [], f"no Welsh in wellbeing_index/welsh_indicators.py for {missing}"
    for row in rows:
        welsh = welsh_indicator(row["code"])
        assert welsh.name and welsh.name != row["name"], row["code"]
        assert welsh.unit and welsh.unit != row["unit"], row["code"]
        assert bool(welsh.period) == bool(row["period"]), row["code"]
        assert "WIMD" not in welsh.name + welsh.unit + welsh.period, row["code"]


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
