"""Issue 16's last second figures (session 6): EU referendum turnout 2016 (Voice), personal
crime (Relationships), road casualties (Transport), adults' physical activity (Culture), and
Northern Ireland's life expectancy (Health) and school leavers' GCSEs (Education).
Recomputed from the raw files in ``data/`` by a separate path and matched against the API;
bad files stop the build with the line and reason; every domain of England, Wales and
Scotland has two council measures or more, save the one gap still open."""

import csv
import gzip
from collections import defaultdict

import pytest
from django.conf import settings

from wellbeing_index.services.council_files import CouncilFileError, more_council_values

from .test_nine_domains import broken_copy, councils, percentiles, read

RAW = settings.BASE_DIR / "data"
SHIPPED = settings.BASE_DIR / "wellbeing_index" / "data"
EU_FILE = "uk_la_eu_referendum_2016_turnout.csv"
DEVOLVED = "uk_la_scotland_wales_health_index.csv"
HI_FILE = "uk_la_health_index_england_2020.csv"
NI_FILE = "uk_la_northern_ireland_health_index.csv"


def nation_values(file: str, column: str, nation: str | None = None) -> dict[str, float]:
    return {
        r["lad_code"]: float(r[column])
        for r in read(RAW / file)
        if r[column] and (nation is None or r["country"] == nation)
    }


def council_figures(postcode: str, client) -> tuple[str, dict]:
    data = client.get(f"/api/wellbeing/{postcode}").json()
    report = data["council_report"] or data
    return report["area"]["code"], {
        i["code"]: i for d in report["domains"] for i in d["indicators"]
    }


PLACES = {
    "England": ("M1 1AD", "E08000003"),
    "Scotland": ("EH1 1YZ", "S12000036"),
    "Wales": ("CF10 1EP", "W06000015"),
    "Northern Ireland": ("BT1 5GS", "N09000003"),
}
# (nation, indicator, file, column, higher is better, ranked within the nation)
CASES = [
    ("England", "eu-referendum-turnout-council", EU_FILE, "eu2016_turnout_pct", True, False),
    ("Scotland", "eu-referendum-turnout-council", EU_FILE, "eu2016_turnout_pct", True, False),
    ("Wales", "eu-referendum-turnout-council", EU_FILE, "eu2016_turnout_pct", True, False),
    ("England", "personal-crime-hi-council", HI_FILE, "personal_crime_score", True, True),
    (
        "Scotland",
        "personal-crime-scotland-council",
        DEVOLVED,
        "personal_crime_per_10k",
        False,
        True,
    ),
    (
        "Scotland",
        "road-casualty-density-scotland-council",
        DEVOLVED,
        "road_ksi_per_km2",
        False,
        True,
    ),
    (
        "Scotland",
        "physical-activity-scotland-council",
        DEVOLVED,
        "physical_activity_scotland_pct",
        True,
        True,
    ),
    ("Wales", "road-casualties-wales-council", DEVOLVED, "road_casualties_per_10k", False, True),
    (
        "Wales",
        "physical-activity-wales-council",
        DEVOLVED,
        "physical_activity_wales_pct",
        True,
        True,
    ),
    (
        "Northern Ireland",
        "life-expectancy-ni-council",
        NI_FILE,
        "life_expectancy_years",
        True,
        True,
    ),
    ("Northern Ireland", "gcse-attainment-ni-council", NI_FILE, "gcse_attainment_pct", True, True),
]


@pytest.mark.parametrize(("nation", "code", "file", "column", "higher", "within"), CASES)
def test_new_figures_match_a_recomputation_from_the_raw_files(
    client, city_postcodes, default_index, nation, code, file, column, higher, within
):
    postcode, council = PLACES[nation]
    values = nation_values(file, column, nation if within else None)
    expected = percentiles(values, higher_is_better=higher)[council]
    area, got = council_figures(postcode, client)
    assert area == council
    assert got[code]["value"] == pytest.approx(values[council])
    assert got[code]["score"] == pytest.approx(expected, abs=0.01)
    # Another nation's version of the same measure is not shown here: no value, never 0.
    others = {case[1] for case in CASES if case[0] != nation and case[5]}
    assert not others & set(got)


def test_northern_ireland_has_no_referendum_figure_of_its_own(
    client, city_postcodes, default_index
):
    """Northern Ireland was counted as one area in 2016: its councils show no value (never
    the nation's figure, never 0), and Voice is still scored by the 2024 turnout."""
    area, got = council_figures("BT1 5GS", client)
    assert area == "N09000003"
    assert "eu-referendum-turnout-council" not in got
    assert "turnout-ge2024-council" in got


def test_the_referendum_file_adds_merged_counting_areas_together():
    """Each turnout is the council's votes over its electorate (counting areas merged since
    2016 added together); a council counted alone keeps the Electoral Commission's figure."""
    rows = {r["lad_code"]: r for r in read(RAW / EU_FILE)}
    for row in rows.values():
        if row["eu2016_turnout_pct"]:
            turnout = int(row["eu2016_votes_cast"]) / int(row["eu2016_electorate"]) * 100
            assert float(row["eu2016_turnout_pct"]) == pytest.approx(turnout, abs=0.005)
    # Buckinghamshire (2020) is its four 2016 districts; Manchester is published as 59.77%.
    assert rows["E06000060"]["eu2016_counting_areas"].count(";") == 3
    assert rows["E08000003"]["eu2016_turnout_pct"] == "59.77"
    # The Great Britain total (less Gibraltar and Northern Ireland) is the sum of its councils.
    assert (
        sum(int(r["eu2016_electorate"] or 0) for r in rows.values())
        == 46_500_001 - 1_260_955 - 24_119
    )


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        (  # a code twice
            EU_FILE,
            lambda lines: [*lines[:3], lines[2], *lines[3:]],
            f"{EU_FILE}, line 4: E06000002 is repeated (first on line 3)",
        ),
        (  # a turnout over 100
            EU_FILE,
            lambda lines: [lines[0], lines[1].replace(",65.59,", ",165.59,"), *lines[2:]],
            f"{EU_FILE}, line 2: eu2016_turnout_pct 165.59 is out of range (0 to 100)",
        ),
        (  # a council left out
            EU_FILE,
            lambda lines: [line for line in lines if not line.startswith("W06000015,")],
            f"{EU_FILE}, line -: council W06000015 is missing",
        ),
        (  # a council left out
            NI_FILE,
            lambda lines: [line for line in lines if not line.startswith("N09000003,")],
            f"{NI_FILE}, line -: council N09000003 is missing",
        ),
        (  # a renamed column
            DEVOLVED,
            lambda lines: [lines[0].replace("physical_activity_wales_pct", "pa_wales"), *lines[1:]],
            f"{DEVOLVED}, line 1: the header lacks column(s): physical_activity_wales_pct",
        ),
        (  # a negative crime rate
            DEVOLVED,
            lambda lines: [
                line.replace(",318.5,", ",-318.5,") if line.startswith("S12000049,") else line
                for line in lines
            ],
            f"{DEVOLVED}, line ",  # the line number is checked below
        ),
    ],
)
def test_a_bad_file_stops_with_the_line_and_reason(tmp_path, file, change, message):
    data_dir = broken_copy(tmp_path, file, change)
    with pytest.raises(CouncilFileError) as failed:
        more_council_values(councils(), data_dir=data_dir)
    errors = failed.value.errors
    assert len(errors) == len(set(errors))
    if message.endswith("line "):
        glasgow = next(
            n
            for n, line in enumerate((data_dir / file).read_text().splitlines(), start=1)
            if line.startswith("S12000049,")
        )
        message = (
            f"{file}, line {glasgow}: personal_crime_per_10k -318.5 is out of range (0 to 10000)"
        )
    assert message in errors


def measures_per_domain() -> dict[tuple[str, str], set[str]]:
    """(nation, domain) → the council indicators with a value for one of its councils, read
    from the shipped files (this site's own listings are not among them)."""
    with open(SHIPPED / "indicators.csv", encoding="utf-8", newline="") as f:
        domain = {
            r["code"]: r["domain"] for r in csv.DictReader(f) if r["level"] == "local_authority"
        }
    with gzip.open(SHIPPED / "areas.csv.gz", "rt", encoding="utf-8", newline="") as f:
        nation = {
            r["code"]: r["nation"] for r in csv.DictReader(f) if r["level"] == "local_authority"
        }
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    with gzip.open(SHIPPED / "values.csv.gz", "rt", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            code = r["indicator"]
            if r["area_code"] in nation and domain.get(code):
                found[(nation[r["area_code"]], domain[code])].add(code)
    return found


def test_every_domain_has_two_measures_in_england_wales_and_scotland_but_one():
    found = measures_per_domain()
    short = {
        (n, d)
        for n in ("England", "Wales", "Scotland")
        for d in ("economy", "education", "health", "relationships-trust", "transport")
        + ("housing", "culture", "equality", "voice")
        if len(found[(n, d)]) < 2
    }
    # Wales's Relationships & Trust: only WIMD community safety (docs/wellbeing_index.md).
    assert short == {("Wales", "relationships-trust")}
    # Northern Ireland (nice to have): two in Economy, Education and Health only.
    assert {
        d for (n, d), codes in found.items() if n == "Northern Ireland" and len(codes) >= 2
    } == {"economy", "education", "health"}
    assert found[("Wales", "voice")] == {"turnout-ge2024-council", "eu-referendum-turnout-council"}


def test_the_pages_name_the_new_sources_and_their_licences(client, default_index):
    html = client.get("/wellbeing/methodology/", {"domain": "voice"}).content.decode()
    assert "Turnout at the EU referendum, June 2016" in html
    assert "The Electoral Commission" in html
    html = client.get("/wellbeing/indicators/", {"domain": "transport"}).content.decode()
    assert "Road casualties per 10,000 residents (Wales)" in html
    assert "Transport Scotland" in html
    about = client.get("/about/data/").content.decode()
    assert "EU referendum results: © The Electoral Commission" in about
    assert "National Survey for Wales" in about
