"""Compare two to four places (postcodes or council codes), domain by domain, and download
any page's figures as CSV or JSON."""

import csv
import io
import re

from wellbeing_index.models import Benchmark, Level
from wellbeing_index.services.downloads import COLUMNS


def test_two_neighbourhoods_side_by_side(client, city_postcodes, default_index):
    response = client.get("/wellbeing/compare/", {"a": "M1 1AD", "b": "cf10 1ep"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>M1 1AD and CF10 1EP compared</h1>" in html
    assert "Comparing the neighbourhoods" in html
    assert '<svg class="wellbeing-chart"' in html
    for label in ["Overall", "People", "Health", "Equality", "Voice &amp; Participation"]:
        assert f">{label}<" in html
    # Different nations: the page explains what the scores mean across them.
    assert "These places are in different nations" in html
    # Both nations' support lines.
    assert "<strong>Mind</strong>" in html
    assert html.count("0300 123 3393") == 1


def test_four_places_with_figures_far_from_the_median_marked(client, city_postcodes, default_index):
    query = {"a": "M1", "b": "EH1 1YZ", "c": "W06000015", "d": "bt1 5gs"}
    response = client.get("/wellbeing/compare/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>M1, EH1 1YZ, Cardiff and BT1 5GS compared</h1>" in html
    # A district and a council code have no neighbourhood: all four compared as councils.
    assert "Comparing the council areas (not every postcode has neighbourhood figures" in html
    for name in ["Manchester", "City of Edinburgh", "Cardiff", "Belfast"]:
        assert f">{name}</a>" in html
    assert '<svg class="wellbeing-chart"' not in html  # the chart is for two places
    # Each figure more than one SD from its nation's median is marked, and only those.
    spread = Benchmark.objects.get(level=Level.LOCAL_AUTHORITY, nation="England").averages["s"]
    row = re.search(r"<strong>Overall</strong></th>(.*?)</tr>", html).group(1)
    manchester = row.split("</td>")[0]
    value = float(re.search(r">(\d+)", manchester).group(1))
    median, sd = spread["o"]
    far = abs(value - median) > sd + 0.5  # the page shows rounded figures
    near = abs(value - median) < sd - 0.5
    if far:
        assert "standard deviation" in manchester
    if near:
        assert "standard deviation" not in manchester
    assert html.count("standard deviation above") + html.count("standard deviation below") > 0
    assert "download>Download these figures as CSV</a>" in html


def test_bad_and_repeated_entries_are_explained_and_kept(client, city_postcodes, db):
    response = client.get("/wellbeing/compare/", {"a": "M1 1AD", "b": "nonsense", "c": "m11ad"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There are problems" in html
    assert "“nonsense” is not a UK postcode" in html
    assert "M1 1AD is entered twice. Enter a different postcode to compare with." in html
    assert 'value="nonsense"' in html
    assert 'value="M1 1AD"' in html
    response = client.get("/wellbeing/compare/", {"a": "M1 1AD", "b": "E09999999"})
    assert "No council area has the code E09999999." in response.content.decode()


def test_the_empty_form_is_shown_first(client, db):
    response = client.get("/wellbeing/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_a">First postcode or council code' in html
    assert '<label for="id_d">Fourth (optional)' in html


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="wellbeing-figures.csv"' in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_a_postcode_pages_figures_download_with_sources_and_years(
    client, city_postcodes, default_index
):
    html = client.get("/wellbeing/M11AD/").content.decode()
    assert 'href="/wellbeing/figures.csv?a=M11AD" download' in html
    rows = read_csv(client.get("/wellbeing/figures.csv", {"a": "M11AD"}))
    assert {r["level"] for r in rows} == {"neighbourhood", "local_authority"}
    museums = [r for r in rows if r["code"] == "museums-council"]
    assert len(museums) == 2  # the neighbourhood (its council's figure) and the council
    assert museums[0]["year"] == "2017"
    assert "Mapping Museums" in museums[0]["source"]
    assert museums[0]["licence"] == "Creative Commons Attribution 4.0 (CC BY 4.0)"
    assert {r["from_council"] for r in museums} == {"True", "False"}
    overall = [r for r in rows if r["kind"] == "overall"]
    assert len(overall) == 2 and all(r["score"] for r in overall)


def test_the_comparisons_figures_download_as_csv_and_json(client, city_postcodes, default_index):
    query = {"a": "M1 1AD", "b": "EH1 1YZ", "c": "CF10 1EP"}
    rows = read_csv(client.get("/wellbeing/figures.csv", query))
    assert [r["area_code"] for r in rows if r["kind"] == "overall"] == [
        "E01033658",
        "S01008675",
        "W01001941",
    ]
    data = client.get("/wellbeing/figures.json", query).json()
    assert data["columns"] == COLUMNS
    assert len(data["figures"]) == len(rows)


def test_an_area_without_figures_downloads_headers_only(client, default_index):
    # Only the four cities' neighbourhoods are loaded: this one has no figures.
    response = client.get("/wellbeing/figures.csv", {"neighbourhood": "E01000001"})
    assert response.status_code == 200
    assert response.content.decode() == ",".join(COLUMNS) + "\n"
    data = client.get("/wellbeing/figures.json", {"neighbourhood": "E01000001"}).json()
    assert data == {"columns": COLUMNS, "figures": []}


def test_a_bad_download_says_what_is_wrong(client, db):
    response = client.get("/wellbeing/figures.csv", {"a": "nonsense"})
    assert response.status_code == 400
    assert "“nonsense” is not a UK postcode" in response.content.decode()
    assert client.get("/wellbeing/figures.xml", {"a": "M1"}).status_code == 404
    assert client.get("/wellbeing/figures.csv").status_code == 400
