"""Welsh pages name the 22 Welsh councils by their official Welsh names (ONS LAD20NMW, in
data/ons_lad20_welsh_names.csv) and the nations in Welsh; English pages keep the names as
published (issue 14, item 5)."""

import csv

from django.utils import translation

from postcodes.names import WELSH_NAMES_FILE, council_name, nation_name, welsh_council_names


def test_the_file_holds_the_22_welsh_councils_with_their_welsh_names():
    with WELSH_NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 22
    assert all(row["LAD20CD"].startswith("W06") and row["LAD20NMW"] for row in rows)
    assert welsh_council_names()["W06000001"] == "Ynys Môn"
    assert welsh_council_names()["W06000014"] == "Bro Morgannwg"


def test_a_council_is_named_in_the_language_of_the_page():
    with translation.override("cy"):
        assert council_name("Cardiff", "W06000015") == "Caerdydd"
        assert council_name("Manchester", "E08000003") == "Manchester"
        assert nation_name("Wales") == "Cymru" and nation_name("Scotland") == "Yr Alban"
    with translation.override("en-gb"):
        assert council_name("Cardiff", "W06000015") == "Cardiff"
        assert nation_name("Wales") == "Wales"


def test_the_welsh_council_list_and_page_use_the_welsh_names(client, default_index):
    html = client.get("/cy/wellbeing/councils/", {"nation": "Wales"}).content.decode()
    assert ">Caerdydd</a>" in html and ">Ynys Môn</a>" in html and ">Cardiff</a>" not in html
    assert "<td>Cymru</td>" in html
    html = client.get("/wellbeing/councils/", {"nation": "Wales"}).content.decode()
    assert ">Cardiff</a>" in html and "Caerdydd" not in html
    html = client.get("/cy/wellbeing/councils/W06000015/").content.decode()
    assert "<h1>Mynegai llesiant Caerdydd</h1>" in html
    assert "Cyfartaledd Cymru" in html
