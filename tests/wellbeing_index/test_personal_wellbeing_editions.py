"""ONS personal wellbeing, April 2022 to March 2023 (issue 16's "newest edition that can be
found"): shown beside the domains in place of 2020-21, which stays and is shown beside it as
the earlier reading. Values and scores are recomputed from the raw files in ``data/`` by a
separate path; councils without a 2022-23 figure say why; a bad file stops the build."""

import csv
import gzip

import pytest
from django.conf import settings

from wellbeing_index.services.council_files import CouncilFileError, more_council_values

from .test_nine_domains import broken_copy, councils, percentiles, read

RAW = settings.BASE_DIR / "data"
NEW_FILE = "uk_la_personal_wellbeing_2022_23.csv"
SHIPPED = settings.BASE_DIR / "wellbeing_index" / "data"
MEASURES = [
    ("life_satisfaction", "life-satisfaction", True),
    ("happiness", "happiness", True),
    ("worthwhile", "worthwhile", True),
    ("anxiety", "anxiety", False),
]


def new_values(column: str) -> dict[str, float]:
    return {r["lad_code"]: float(r[column]) for r in read(RAW / NEW_FILE) if r[column]}


def old_values(column: str) -> dict[str, float]:
    """2020-21, as shipped (the index's values file): its raw file is outside the repository."""
    stem = next(s for c, s, _ in MEASURES if c == column)
    code = f"{stem}-council"
    with gzip.open(SHIPPED / "values.csv.gz", "rt", encoding="utf-8") as f:
        return {
            r["area_code"]: float(r["value"]) for r in csv.DictReader(f) if r["indicator"] == code
        }


def personal_wellbeing(client, postcode: str) -> tuple[str, list[dict]]:
    data = client.get(f"/api/wellbeing/{postcode}").json()
    report = data["council_report"] or data
    return report["area"]["code"], report["personal_wellbeing"]


def test_the_file_is_every_council_once_with_each_value_inside_its_interval():
    rows = read(RAW / NEW_FILE)
    assert sorted(r["lad_code"] for r in rows) == sorted(councils())
    for row in rows:
        for column, _stem, _higher in MEASURES:
            if row[column]:
                low, high = float(row[f"{column}_ci_lower"]), float(row[f"{column}_ci_upper"])
                # ONS's intervals are symmetric: the value is their midpoint, to rounding.
                assert float(row[column]) == pytest.approx((low + high) / 2, abs=0.0051)
            else:
                assert row["note"], row["lad_code"]
    with_values = [r for r in rows if r["life_satisfaction"]]
    assert len(with_values) == 343


@pytest.mark.parametrize(
    ("postcode", "council"), [("M1 1AD", "E08000003"), ("CF10 1EP", "W06000015")]
)
def test_the_api_gives_2022_23_with_2020_21_beside_it(
    client, city_postcodes, default_index, postcode, council
):
    area, lines = personal_wellbeing(client, postcode)
    assert area == council
    assert [line["period"] for line in lines] == ["April 2022 to March 2023"] * 4
    for line, (column, stem, higher) in zip(lines, MEASURES, strict=True):
        values = new_values(column)
        assert line["code"] == f"{stem}-2022-23-council"
        assert line["value"] == pytest.approx(values[council])
        # Ranked UK-wide, recomputed here from the raw file.
        assert line["score"] == pytest.approx(
            percentiles(values, higher_is_better=higher)[council], abs=0.01
        )
        assert line["earlier"]["code"] == f"{stem}-council"
        assert line["earlier"]["period"] == "April 2020 to March 2021"
        assert line["earlier"]["value"] == pytest.approx(old_values(column)[council])
        assert "April 2022 to March 2023" in line["source"]


def test_the_council_page_shows_both_readings_and_says_which_is_which(client, default_index):
    html = client.get("/wellbeing/councils/E08000003/").content.decode()
    assert "Personal wellbeing, April 2022 to March 2023" in html
    assert "Earlier: April 2020 to March 2021" in html
    new = new_values("life_satisfaction")["E08000003"]
    old = old_values("life_satisfaction")["E08000003"]
    # The row: measure, 2022-23 rating, UK and nation averages, score, then 2020-21's.
    row = html.split('<th scope="row">Life satisfaction</th>', 1)[1].split("</tr>", 1)[0]
    cells = row.split('<td class="num">')
    assert cells[1].startswith(f"{new:.2f}<")
    assert cells[-1].startswith(f"{old:.2f}<")
    assert "Earlier figures (April 2020 to March 2021): Office for National Statistics" in html
    assert "They were collected partly during COVID-19." in html


@pytest.mark.parametrize(
    ("council", "name", "reason"),
    [
        ("E06000059", "Dorset", "only combined with neighbouring councils"),
        ("E06000065", "North Yorkshire", "only combined with neighbouring councils"),
        ("E07000117", "Burnley", "too small for a reliable figure"),
    ],
)
def test_a_council_without_a_2022_23_figure_says_why(client, default_index, council, name, reason):
    html = client.get(f"/wellbeing/councils/{council}/").content.decode()
    assert f"No data for {name}." in html
    assert reason in html


def test_the_downloads_carry_both_readings_with_their_years(client, city_postcodes, default_index):
    response = client.get("/wellbeing/figures.csv", {"a": "M11AD"})
    rows = list(csv.DictReader(response.content.decode().splitlines()))
    wellbeing = [r for r in rows if r["kind"] == "personal_wellbeing"]
    council = [r for r in wellbeing if r["area_code"] == "E08000003"]
    assert [(r["code"], r["year"]) for r in council] == [
        (code, year)
        for _column, stem, _higher in MEASURES
        for code, year in ((f"{stem}-2022-23-council", "2023"), (f"{stem}-council", "2021"))
    ]
    assert all(r["source"] and r["licence"] == "Open Government Licence v3.0" for r in council)


def test_welsh_pages_name_the_new_period_in_welsh(client, default_index):
    html = client.get("/cy/wellbeing/councils/W06000015/").content.decode()
    assert "Ebrill 2022 i Fawrth 2023" in html
    assert "Ebrill 2020 i Fawrth 2021" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (  # a value out of range
            lambda lines: [lines[0], lines[1].replace(",7.29,", ",72.9,", 1), *lines[2:]],
            f"{NEW_FILE}, line 2: life_satisfaction 72.9 is out of range (0 to 10)",
        ),
        (  # a council left out
            lambda lines: [line for line in lines if not line.startswith("E08000003,")],
            f"{NEW_FILE}, line -: council E08000003 is missing",
        ),
        (  # a renamed column
            lambda lines: [lines[0].replace("anxiety,", "anxiousness,", 1), *lines[1:]],
            f"{NEW_FILE}, line 1: the header lacks column(s): anxiety",
        ),
    ],
)
def test_a_bad_file_stops_the_build_with_the_line_and_reason(tmp_path, change, message):
    data_dir = broken_copy(tmp_path, NEW_FILE, change)
    with pytest.raises(CouncilFileError) as caught:
        more_council_values(set(councils()), data_dir)
    assert message in caught.value.errors
