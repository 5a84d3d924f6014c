"""The default data set built from the shared open data, as shipped in wellbeing_index/data."""

import csv
import gzip

from wellbeing_index.models import Area, AreaScore, Edition, Indicator, IndicatorValue, Level
from wellbeing_index.services.dataset import AREAS_FILE, DEFINITIONS_FILE


def test_the_shipped_files_cover_every_council_and_small_area():
    with gzip.open(AREAS_FILE, "rt", encoding="utf-8") as f:
        areas = list(csv.DictReader(f))
    councils = [a for a in areas if a["level"] == Level.LOCAL_AUTHORITY]
    neighbourhoods = [a for a in areas if a["level"] == Level.NEIGHBOURHOOD]
    assert len(councils) == 361
    assert {a["nation"] for a in councils} == {"England", "Scotland", "Wales", "Northern Ireland"}
    # England on its 2011 small areas (which postcodes carry), and each other nation's own.
    assert len(neighbourhoods) == 32_844 + 1_909 + 6_976 + 890
    assert sum(1 for a in neighbourhoods if a["parent_code"]) >= len(neighbourhoods) - 5
    with open(DEFINITIONS_FILE, encoding="utf-8") as f:
        definitions = list(csv.DictReader(f))
    assert len(definitions) == 89
    assert {d["domain"] for d in definitions} == {
        "economy",
        "education",
        "health",
        "relationships-trust",
        "transport",
        "housing",
        "culture",
        "equality",
        "voice",
        "",
    }
    assert all(d["licence"] and d["source"] and d["year"] for d in definitions)


def test_it_loads_with_the_importer_and_scores_every_area(default_index):
    edition = Edition.objects.get(year=2025)
    assert edition.computed_at is not None
    assert Area.objects.councils().count() == 361
    assert Indicator.objects.filter(edition=edition).count() == 89
    assert (
        AreaScore.objects.filter(edition=edition, area__level=Level.LOCAL_AUTHORITY).count() == 361
    )
    # A published figure, as the source gives it: Hartlepool's share of neighbourhoods in
    # England's most deprived 10% on income (0.4035), as a percentage.
    hartlepool = IndicatorValue.objects.get(
        indicator__code="income-iod2025-council", area__code="E06000001"
    )
    assert hartlepool.value == 40.35
    belfast = AreaScore.objects.get(edition=edition, area__code="N09000003")
    assert set(belfast.scores["d"]) == {
        "economy",
        "education",
        "health",
        "relationships-trust",
        "transport",
        "housing",
        "culture",
        "equality",
        "voice",
    }
    # Personal wellbeing, UK-wide: Belfast's life satisfaction is there with a score.
    assert belfast.scores["i"]["life-satisfaction-council"][1] is not None


def test_suppressed_wellbeing_estimates_are_no_data(default_index):
    # ONS suppressed the City of London's estimates: no value, no score, not 0.
    city = AreaScore.objects.get(area__code="E09000001", area__level=Level.LOCAL_AUTHORITY)
    assert "life-satisfaction-council" not in city.scores["i"]
    assert city.scores["o"] is not None


def test_the_demo_loader_skips_an_unchanged_data_set(db, monkeypatch):
    from wellbeing_index import demo
    from wellbeing_index.services import dataset

    said = []

    class Context:
        def say(self, text):
            said.append(text)

    Edition.objects.create(
        year=2025, source_digest=dataset.default_digest(), computed_at="2026-01-01T00:00Z"
    )
    demo.load(Context())
    assert said == ["The default wellbeing data set is already loaded and computed."]
    assert not IndicatorValue.objects.exists()


def test_a_suppressed_council_says_no_data_and_why_on_its_page_and_in_the_api(
    client, default_index
):
    html = client.get("/wellbeing/councils/E09000001/").content.decode()
    assert "Personal wellbeing in City of London" in html
    assert "No data for City of London." in html
    assert "too small for a reliable figure" in html
    response = client.get("/api/wellbeing/EC2V")
    assert response.status_code == 200, response.content
    data = response.json()
    report = data["council_report"] or data
    lines = report["personal_wellbeing"]
    assert [line["name"] for line in lines] == [
        "Life satisfaction",
        "Happiness",
        "Feeling that things done in life are worthwhile",
        "Anxiety",
    ]
    assert all(line["value"] is None and line["score"] is None for line in lines)
    assert all("too small for a reliable figure" in line["no_data_reason"] for line in lines)
    # A council with figures has no reason.
    data = client.get("/api/wellbeing/M1").json()
    manchester = (data["council_report"] or data)["personal_wellbeing"]
    assert manchester[0]["value"] is not None and manchester[0]["no_data_reason"] is None
