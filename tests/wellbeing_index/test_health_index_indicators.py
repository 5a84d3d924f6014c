"""The Health Index indicators (second figures for culture, housing, health, education and
transport): recomputed from the raw files in ``data/`` by a separate path, within each
nation, and matched against the API; a bad file stops the build with its line and reason."""

import csv

import pytest
from django.conf import settings

from wellbeing_index.services.council_files import CouncilFileError, more_council_values

from .test_nine_domains import broken_copy, councils, percentiles

RAW = settings.BASE_DIR / "data"


def nation_column(file: str, column: str, nation: str) -> dict[str, float]:
    with open(RAW / file, encoding="utf-8", newline="") as f:
        return {
            r["lad_code"]: float(r[column])
            for r in csv.DictReader(f)
            if r["country"] == nation and r[column]
        }


# Three new indicators, one per nation, each ranked among its nation's councils only.
CASES = [
    (
        "M1 1AD",
        "E08000003",
        "England",
        "sports-leisure-hi-council",
        ("uk_la_health_index_england_2020.csv", "sports_leisure_distance_score"),
    ),
    (
        "EH1 1YZ",
        "S12000036",
        "Scotland",
        "outdoor-space-scotland-council",
        ("uk_la_scotland_wales_health_index.csv", "private_outdoor_space_pct"),
    ),
    (
        "CF10 1EP",
        "W06000015",
        "Wales",
        "life-expectancy-wales-council",
        ("uk_la_scotland_wales_health_index.csv", "life_expectancy_years"),
    ),
]


@pytest.mark.parametrize(("postcode", "council", "nation", "code", "raw"), CASES)
def test_new_indicators_match_a_recomputation_within_the_nation(
    client, city_postcodes, default_index, postcode, council, nation, code, raw
):
    values = nation_column(*raw, nation)
    expected = percentiles(values, higher_is_better=True)[council]
    data = client.get(f"/api/wellbeing/{postcode}").json()
    report = data["council_report"] or data
    assert report["area"]["code"] == council
    got = {i["code"]: i for d in report["domains"] for i in d["indicators"]}
    assert got[code]["score"] == pytest.approx(expected, abs=0.01)
    assert got[code]["value"] == pytest.approx(values[council])
    # The other nations' versions are not shown for this council: no value, never 0.
    others = {c for *_, c, _ in CASES} - {code}
    assert not others & set(got)


def test_the_methodology_page_names_the_health_index_and_its_licence(client, default_index):
    html = client.get("/wellbeing/methodology/").content.decode()
    assert "Closeness of sports and leisure facilities (Health Index, England)" in html
    assert "Health Index for England 2020" in html
    assert "Homes with private outdoor space (Scotland)" in html


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        (  # a score that cannot be one
            "uk_la_health_index_england_2020.csv",
            lambda lines: [lines[0], lines[1].replace(",111.6,", ",-5,"), *lines[2:]],
            "uk_la_health_index_england_2020.csv, line 2: sports_leisure_distance_score -5 "
            "is out of range (0 to 500)",
        ),
        (  # a renamed column
            "uk_la_scotland_wales_health_index.csv",
            lambda lines: [lines[0].replace("life_expectancy_years", "le"), *lines[1:]],
            "uk_la_scotland_wales_health_index.csv, line 1: the header lacks column(s): "
            "life_expectancy_years",
        ),
        (  # a council left out
            "uk_la_scotland_wales_health_index.csv",
            lambda lines: [line for line in lines if not line.startswith("S12000036,")],
            "uk_la_scotland_wales_health_index.csv, line -: council S12000036 is missing",
        ),
    ],
)
def test_a_bad_health_index_file_stops_with_the_line_and_reason(tmp_path, file, change, message):
    data_dir = broken_copy(tmp_path, file, change)
    with pytest.raises(CouncilFileError) as failed:
        more_council_values(councils(), data_dir=data_dir)
    assert message in failed.value.errors
    assert len(failed.value.errors) == len(set(failed.value.errors))
