"""Issue 16: culture, equality and voice scored from open data; bad source files stop the
build; the new indicators' percentiles recomputed from the raw files by a separate path."""

import csv
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from wellbeing_index.services import ImportFailed, indicators_import
from wellbeing_index.services.council_files import CouncilFileError, more_council_values
from wellbeing_index.services.dataset import dataset_build

from .test_import import AREAS, write

RAW = settings.BASE_DIR / "data"
SHARED = Path(str(settings.SHARED_DATA_DIR))
COUNCILS_FILE = SHARED / "uk_local_authority_wellbeing.csv"
needs_shared = pytest.mark.skipif(
    not COUNCILS_FILE.exists(), reason="the shared open data folder is not here"
)


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def councils() -> set[str]:
    return {r["lad_code"] for r in read(RAW / "uk_la_ge2024_turnout_2024.csv")}


def test_the_importer_stops_at_a_value_out_of_range(db, tmp_path):
    definitions = (
        "code,name,domain,level,unit,direction,ranking,source,licence,year\n"
        "turnout,Turnout,voice,local_authority,% of electors,higher,uk,HoC,OPL,2024\n"
    )
    values = "area_code,indicator,value\nE08000001,turnout,64.5\nW06000001,turnout,140\n"
    with pytest.raises(ImportFailed) as failed:
        indicators_import(
            definitions_path=write(tmp_path, "d.csv", definitions),
            areas_path=write(tmp_path, "a.csv", AREAS),
            values_path=write(tmp_path, "v.csv", values),
            edition_year=2025,
            compute=False,
        )
    assert failed.value.errors == [
        "v.csv, line 3: value 140 is out of range for turnout (% of electors: 0 to 100)"
    ]
    from wellbeing_index.models import IndicatorValue

    assert not IndicatorValue.objects.exists()


def broken_copy(tmp_path, file, change):
    """A copy of the council files where ``change`` rewrites the lines of ``file``."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    for path in RAW.glob("uk_la*.csv"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / file
    target.write_text("\n".join(change(target.read_text().splitlines())) + "\n")
    return tmp_path


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        (  # a council left out
            "uk_la_ge2024_turnout_2024.csv",
            lambda lines: [line for line in lines if not line.startswith("E08000003,")],
            "uk_la_ge2024_turnout_2024.csv, line -: council E08000003 is missing",
        ),
        (  # a code twice
            "uk_la_disability_census_2021_22.csv",
            lambda lines: [*lines[:3], lines[2], *lines[3:]],
            "uk_la_disability_census_2021_22.csv, line 4: E06000002 is repeated (first on line 3)",
        ),
        (  # a percentage over 100
            "uk_la_ge2024_turnout_2024.csv",
            lambda lines: [lines[0], lines[1].replace(",49.83,", ",149.83,"), *lines[2:]],
            "uk_la_ge2024_turnout_2024.csv, line 2: ge2024_turnout_apportioned_pct 149.83 "
            "is out of range (0 to 100)",
        ),
        (  # a renamed column
            "uk_lad2019_museums_2017.csv",
            lambda lines: [lines[0].replace("n_museums,", "museums,"), *lines[1:]],
            "uk_lad2019_museums_2017.csv, line 1: the header lacks column(s): n_museums",
        ),
    ],
)
def test_a_bad_council_file_stops_with_the_line_and_reason(tmp_path, file, change, message):
    data_dir = broken_copy(tmp_path, file, change)
    with pytest.raises(CouncilFileError) as failed:
        more_council_values(councils(), data_dir=data_dir)
    assert message in failed.value.errors


@needs_shared
def test_a_bad_council_file_changes_nothing(tmp_path):
    data_dir = broken_copy(tmp_path / "in", "uk_la_ge2024_turnout_2024.csv", lambda ls: ls[:-1])
    out = tmp_path / "out"
    with pytest.raises(CouncilFileError):
        dataset_build(source_dir=SHARED, out_dir=out, more_dir=data_dir)
    assert not any(out.iterdir())


# --- An independent recomputation, from the raw files, without the site's code -------------

# Councils merged since 2019, by the names the museum file gives their predecessors.
MERGED = {
    "E06000060": {"Aylesbury Vale", "Chiltern", "South Bucks", "Wycombe"},
    "E06000061": {"Corby", "East Northamptonshire", "Kettering", "Wellingborough"},
    "E06000062": {"Daventry", "Northampton", "South Northamptonshire"},
    "E06000063": {"Allerdale", "Carlisle", "Copeland"},
    "E06000064": {"Barrow-in-Furness", "Eden", "South Lakeland"},
    "E06000065": {"Craven", "Hambleton", "Harrogate", "Richmondshire", "Ryedale"}
    | {"Scarborough", "Selby"},
    "E06000066": {"Mendip", "Sedgemoor", "South Somerset", "Somerset West and Taunton"},
}


def percentiles(values: dict[str, float], higher_is_better: bool) -> dict[str, float]:
    """(rank − 1) ÷ (n − 1) × 100, 100 the best, ties sharing the mean of their ranks."""
    ordered = sorted(values.values(), reverse=not higher_is_better)
    n = len(ordered)
    result = {}
    for code, value in values.items():
        first = ordered.index(value) + 1
        last = n - ordered[::-1].index(value)
        result[code] = ((first + last) / 2 - 1) / (n - 1) * 100
    return result


def museums_raw() -> dict[str, float]:
    by_name = {name: code for code, names in MERGED.items() for name in names}
    museums, people = {}, {}
    for row in read(RAW / "uk_lad2019_museums_2017.csv"):
        code = by_name.get(row["lad19nm"], row["lad19cd"])
        museums[code] = museums.get(code, 0) + int(row["n_museums"])
        people[code] = people.get(code, 0) + int(row["pop2018"])
    return {code: museums[code] * 100_000 / people[code] for code in people}


def column(file, name, nation=None) -> dict[str, float]:
    return {
        r["lad_code"]: float(r[name])
        for r in read(RAW / file)
        if r[name] and (nation is None or r["country"] == nation)
    }


@pytest.mark.parametrize(
    ("postcode", "council", "nation"),
    [
        ("M1 1AD", "E08000003", "England"),
        ("EH1 1YZ", "S12000036", "Scotland"),
        ("CF10 1EP", "W06000015", "Wales"),
        ("BT1 5GS", "N09000003", "Northern Ireland"),
    ],
)
def test_new_indicators_match_a_recomputation_from_the_raw_files(
    client, city_postcodes, default_index, postcode, council, nation
):
    expected = {
        "museums-council": percentiles(museums_raw(), True)[council],
        "turnout-ge2024-council": percentiles(
            column("uk_la_ge2024_turnout_2024.csv", "ge2024_turnout_apportioned_pct"), True
        )[council],
    }
    disability = column("uk_la_disability_census_2021_22.csv", "disabled_pct_of_residents", nation)
    if disability:
        expected["disability-council"] = percentiles(disability, False)[council]
    data = client.get(f"/api/wellbeing/{postcode}").json()
    report = data["council_report"] or data
    assert report["area"]["code"] == council
    got = {i["code"]: i["score"] for d in report["domains"] for i in d["indicators"]}
    for code, score in expected.items():
        assert got[code] == pytest.approx(score, abs=0.01), code
    if nation == "Northern Ireland":
        assert "disability-council" not in got


# --- 20 random real postcodes per nation, from the full postcode file ----------------------

NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")
ALL_DOMAINS = {
    "education",
    "health",
    "economy",
    "culture",
    "transport",
    "housing",
    "relationships-trust",
    "equality",
    "voice",
}
# Domains with no open source in a nation (services.sources.NO_DATA_REASONS): none since
# the income gap between neighbourhoods measures Equality in Northern Ireland too.
WITHOUT_SOURCE: dict[str, set[str]] = {}


def random_postcodes(per_nation=20, seed=16) -> dict[str, list[dict]]:
    """``per_nation`` postcodes of each nation drawn from every live postcode (reservoir
    sampling with a fixed seed, so the draw is the same on every run)."""
    import gzip
    import random

    rng = random.Random(seed)
    seen = dict.fromkeys(NATIONS, 0)
    picked: dict[str, list[dict]] = {n: [] for n in NATIONS}
    with gzip.open(SHARED / "uk_postcodes.csv.gz", "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            nation = row["country"]
            seen[nation] += 1
            if len(picked[nation]) < per_nation:
                picked[nation].append(row)
            else:
                slot = rng.randrange(seen[nation])
                if slot < per_nation:
                    picked[nation][slot] = row
    return picked


@needs_shared
def test_random_postcodes_get_a_score_for_every_domain_with_a_source(client, db, tmp_path):
    from django.core.management import call_command

    from wellbeing_index.services.dataset import dataset_load_default

    picked = random_postcodes()
    sample = tmp_path / "sample.csv"
    with open(sample, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(picked["England"][0]))
        writer.writeheader()
        for rows in picked.values():
            writer.writerows(rows)
    call_command("import_postcodes", str(sample), "--quiet")
    dataset_load_default(force=True)
    for nation, rows in picked.items():
        assert len(rows) == 20
        for row in rows:
            data = client.get(f"/api/wellbeing/{row['postcode']}").json()
            assert data["status"] == 200, row["postcode"]
            assert data["nation"] == nation
            scored = {d["slug"] for d in data["domains"] if d["score"] is not None}
            assert scored == ALL_DOMAINS - WITHOUT_SOURCE.get(nation, set()), row["postcode"]
            assert data["overall"]["score"] is not None


def test_the_indicators_page_lists_source_year_licence_and_date_loaded(client, default_index):
    from django.utils import timezone

    html = client.get("/wellbeing/indicators/").content.decode()
    assert "89 indicators" in html
    row = html.split("Museums per 100,000 residents")[1].split("</tr>")[0]
    assert "Mapping Museums (Birkbeck" in row
    assert "Creative Commons Attribution 4.0" in row
    assert "<td>2017</td>" in row
    assert f'<time datetime="{timezone.now():%Y-%m-%d}' in row
    html = client.get("/wellbeing/indicators/", {"domain": "voice"}).content.decode()
    assert "2 indicators<" in html  # turnout 2024 and the EU referendum 2016
    assert "(estimated from constituencies)" in html
