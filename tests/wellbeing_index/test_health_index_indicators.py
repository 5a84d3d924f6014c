"""The Health Index indicators (second figures for culture, housing, health, education and
transport): recomputed from the raw files in ``data/`` by a separate path, within each
nation, and matched against the API; a bad file stops the build with its line and reason."""

import csv
from pathlib import Path

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


# New indicators of each nation, each ranked among its nation's councils only; the last
# item says whether higher is better.
CASES = [
    (
        "M1 1AD",
        "E08000003",
        "England",
        "sports-leisure-hi-council",
        ("uk_la_health_index_england_2020.csv", "sports_leisure_distance_score"),
        True,
    ),
    (
        "EH1 1YZ",
        "S12000036",
        "Scotland",
        "outdoor-space-scotland-council",
        ("uk_la_scotland_wales_health_index.csv", "private_outdoor_space_pct"),
        True,
    ),
    (
        "CF10 1EP",
        "W06000015",
        "Wales",
        "life-expectancy-wales-council",
        ("uk_la_scotland_wales_health_index.csv", "life_expectancy_years"),
        True,
    ),
    (
        "CF10 1EP",
        "W06000015",
        "Wales",
        "pupil-absence-wales-council",
        ("uk_la_scotland_wales_health_index.csv", "unauthorised_absence_pct"),
        False,
    ),
]


@pytest.mark.parametrize(("postcode", "council", "nation", "code", "raw", "higher"), CASES)
def test_new_indicators_match_a_recomputation_within_the_nation(
    client, city_postcodes, default_index, postcode, council, nation, code, raw, higher
):
    values = nation_column(*raw, nation)
    expected = percentiles(values, higher_is_better=higher)[council]
    data = client.get(f"/api/wellbeing/{postcode}").json()
    report = data["council_report"] or data
    assert report["area"]["code"] == council
    got = {i["code"]: i for d in report["domains"] for i in d["indicators"]}
    assert got[code]["score"] == pytest.approx(expected, abs=0.01)
    assert got[code]["value"] == pytest.approx(values[council])
    # The other nations' versions are not shown for this council: no value, never 0.
    others = {case[3] for case in CASES if case[2] != nation}
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


# --- The income gap between a council's neighbourhoods (Equality, all four nations) -------

NEIGHBOURHOOD_INDICES = {
    "IoD2019 (England)",
    "WIMD2019 (Wales)",
    "SIMD2020 (Scotland)",
    "NIMDM2017 (Northern Ireland)",
}


def income_gaps_from_the_raw_files() -> dict[str, tuple[str, float]]:
    """(nation, gap) of each council: its neighbourhoods' income deciles from the shared
    small-area file, placed in councils by the shipped areas file; the top fifth's mean
    decile minus the bottom fifth's."""
    import gzip

    shared = Path(str(settings.SHARED_DATA_DIR)) / "uk_small_area_deprivation.csv"
    areas = settings.BASE_DIR / "wellbeing_index" / "data" / "areas.csv.gz"
    with gzip.open(areas, "rt", encoding="utf-8", newline="") as f:
        parent = {r["code"]: (r["parent_code"], r["nation"]) for r in csv.DictReader(f)}
    deciles: dict[tuple[str, str], list[int]] = {}
    with open(shared, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["dep_index"] in NEIGHBOURHOOD_INDICES and r["income_decile"]:
                council, nation = parent.get(r["area_code"], ("", ""))
                if council:
                    deciles.setdefault((council, nation), []).append(int(float(r["income_decile"])))
    gaps = {}
    for (council, nation), values in deciles.items():
        values.sort()
        k = max(1, int(len(values) / 5 + 0.5))
        # Published to three decimals; equal gaps (as fractions) must tie, whatever the
        # last bits of their floating-point difference.
        gaps[council] = (nation, round(sum(values[-k:]) / k - sum(values[:k]) / k, 3))
    return gaps


@pytest.mark.skipif(
    not (Path(str(settings.SHARED_DATA_DIR)) / "uk_small_area_deprivation.csv").exists(),
    reason="the shared open data folder is not here",
)
def test_the_income_gap_matches_a_recomputation_in_all_four_nations(
    client, city_postcodes, default_index
):
    gaps = income_gaps_from_the_raw_files()
    assert len(gaps) == 361
    for postcode, council, nation in (
        ("M1 1AD", "E08000003", "England"),
        ("EH1 1YZ", "S12000036", "Scotland"),
        ("CF10 1EP", "W06000015", "Wales"),
        ("BT1 5GS", "N09000003", "Northern Ireland"),
    ):
        same_nation = {code: gap for code, (n, gap) in gaps.items() if n == nation}
        expected = percentiles(same_nation, higher_is_better=False)[council]
        data = client.get(f"/api/wellbeing/{postcode}").json()
        report = data["council_report"] or data
        got = {i["code"]: i for d in report["domains"] for i in d["indicators"]}
        assert got["income-gap-council"]["value"] == pytest.approx(gaps[council][1], abs=0.001)
        assert got["income-gap-council"]["score"] == pytest.approx(expected, abs=0.01), nation
