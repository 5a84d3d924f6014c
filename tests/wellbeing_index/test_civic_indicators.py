"""Issue 16's last second figures (session 6): EU referendum turnout 2016 (Voice), personal
crime (Relationships), road casualties (Transport), adults' physical activity (Culture), and
Northern Ireland's life expectancy (Health) and school leavers' GCSEs (Education); and
Wales's personal crime recorded by the police by Community Safety Partnership
(Relationships, issue 16's last gap), and Northern Ireland's noise complaints (Housing).
Recomputed from the raw files in ``data/`` by a
separate path and matched against the API; bad files stop the build with the line and
reason; every domain of England, Wales and Scotland has two council measures or more."""

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
WALES_CRIME = "uk_la_wales_recorded_crime_2023.csv"
NI_NOISE = "uk_la_northern_ireland_noise_complaints_2023_24.csv"


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
    ("Wales", "personal-crime-wales-council", WALES_CRIME, "personal_crime_per_1k", False, True),
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
        (  # a council left out
            WALES_CRIME,
            lambda lines: [line for line in lines if not line.startswith("W06000024,")],
            f"{WALES_CRIME}, line -: council W06000024 is missing",
        ),
        (  # a renamed column
            WALES_CRIME,
            lambda lines: [
                lines[0].replace(",personal_crime_per_1k,", ",personal_crime,"),
                *lines[1:],
            ],
            f"{WALES_CRIME}, line 1: the header lacks column(s): personal_crime_per_1k",
        ),
        (  # a complaints rate below zero
            NI_NOISE,
            lambda lines: [line.replace(",14.95", ",-14.95") for line in lines],
            f"{NI_NOISE}, line 300: noise_complaints_per_1k -14.95 is out of range (0 to 1000)",
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


PERSONAL_OFFENCES = (
    "violence_against_the_person_per_1k",
    "sexual_offences_per_1k",
    "robbery_per_1k",
    "theft_from_the_person_per_1k",
    "criminal_damage_and_arson_per_1k",
)


def wales_personal_crime_from_its_offences() -> dict[str, float]:
    """Each Welsh council's personal crime rate added up here from the five offence groups'
    published rates, not read from the file's own total."""
    return {
        r["lad_code"]: sum(float(r[offence]) for offence in PERSONAL_OFFENCES)
        for r in read(RAW / WALES_CRIME)
        if r["country"] == "Wales"
    }


def test_wales_personal_crime_matches_its_offences_added_up_and_ranked_within_wales(
    client, default_index
):
    """Three councils through the download: Cardiff; Blaenau Gwent, the highest rate in
    Wales (the lowest score); and Merthyr Tydfil, which shares the Cwm Taf partnership's
    figure and score with Rhondda Cynon Taf."""
    rates = wales_personal_crime_from_its_offences()
    assert len(rates) == 22
    expected = percentiles(rates, higher_is_better=False)
    query = {"a": "W06000015", "b": "W06000019", "c": "W06000024", "d": "W06000016"}
    figures = client.get("/wellbeing/figures.json", query).json()["figures"]
    got = {f["area_code"]: f for f in figures if f["code"] == "personal-crime-wales-council"}
    assert set(got) == set(query.values())
    for code, figure in got.items():
        assert figure["value"] == pytest.approx(rates[code], abs=0.001)
        assert figure["score"] == pytest.approx(expected[code], abs=0.01)
        assert figure["unit"] == "crimes per 1,000 residents"
        assert figure["better"] == "lower"
    assert got["W06000019"]["score"] == 0
    assert got["W06000024"]["value"] == got["W06000016"]["value"]
    assert got["W06000024"]["score"] == got["W06000016"]["score"]


def test_wales_crime_file_is_one_partnership_per_council_and_adds_up():
    """22 Welsh councils in 21 Community Safety Partnerships (Cwm Taf is two councils), each
    rate no lower than the five offences it is made of, and the partnerships' residents
    adding up to Wales's mid-2022 population (3,131,640; rounded to 100 each)."""
    rows = [r for r in read(RAW / WALES_CRIME) if r["country"] == "Wales"]
    partnerships = {r["csp_code"]: int(r["csp_population_mid2022"]) for r in rows}
    assert len(rows) == 22 and len(partnerships) == 21
    assert {r["lad_code"] for r in rows if r["csp_name"] == "Cwm Taf"} == {
        "W06000016",
        "W06000024",
    }
    assert abs(sum(partnerships.values()) - 3_131_640) <= 21 * 50
    for r in rows:
        assert float(r["total_recorded_crime_per_1k"]) > float(r["personal_crime_per_1k"])
    assert not any(
        r["personal_crime_per_1k"] for r in read(RAW / WALES_CRIME) if r["country"] != "Wales"
    )


def test_northern_ireland_noise_complaints_match_the_counts_over_residents(client, default_index):
    """Each council's rate recomputed from the published complaints and residents, ranked
    within Northern Ireland, matched for Belfast through the API (the highest rate: the
    lowest score) and for Newry, Mourne and Down (the lowest) through the download."""
    rates = {
        r["lad_code"]: int(r["noise_complaints"]) / int(r["population_mid2022"]) * 1000
        for r in read(RAW / NI_NOISE)
        if r["country"] == "Northern Ireland"
    }
    assert len(rates) == 11
    expected = percentiles(rates, higher_is_better=False)
    area, got = council_figures("BT1 5GS", client)
    assert area == "N09000003"
    assert got["noise-complaints-ni-council"]["value"] == pytest.approx(rates[area], abs=0.005)
    assert got["noise-complaints-ni-council"]["score"] == pytest.approx(expected[area], abs=0.01)
    assert expected[area] == 0
    figures = client.get("/wellbeing/figures.json", {"a": "N09000010"}).json()["figures"]
    (newry,) = [f for f in figures if f["code"] == "noise-complaints-ni-council"]
    assert newry["value"] == pytest.approx(rates["N09000010"], abs=0.005)
    assert newry["score"] == pytest.approx(100)
    assert newry["unit"] == "complaints per 1,000 residents"


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


def test_every_domain_has_two_measures_in_england_wales_and_scotland():
    found = measures_per_domain()
    short = {
        (n, d)
        for n in ("England", "Wales", "Scotland")
        for d in ("economy", "education", "health", "relationships-trust", "transport")
        + ("housing", "culture", "equality", "voice")
        if len(found[(n, d)]) < 2
    }
    assert short == set()
    assert found[("Wales", "relationships-trust")] == {
        "crime-wimd2019-council",
        "personal-crime-wales-council",
    }
    # Northern Ireland (nice to have): two in Economy, Education, Health and Housing only.
    assert {
        d for (n, d), codes in found.items() if n == "Northern Ireland" and len(codes) >= 2
    } == {"economy", "education", "health", "housing"}
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
    assert "Recorded crime by Community Safety Partnership" in about
    assert "Noise Complaint Statistics for Northern Ireland: © Crown copyright" in about
    html = client.get("/wellbeing/methodology/", {"domain": "relationships-trust"}).content.decode()
    assert "Personal crime recorded by the police (Wales)" in html
    assert "Recorded crime data by Community Safety Partnership area" in html
    html = client.get("/wellbeing/methodology/", {"domain": "housing"}).content.decode()
    assert "Noise complaints per 1,000 residents (Northern Ireland)" in html
    assert "Noise Complaint Statistics for Northern Ireland 2023-24" in html
