"""One ``indicator_facts(info)`` serves the API and the downloads: the same indicator's facts
(better, ranked, year, period, source, URL, licence) come out byte for byte the same."""

import csv
import io
import json

from wellbeing_index.services import edition_pick
from wellbeing_index.services.editions import catalogue_for, indicator_facts

FACTS = ["better", "ranked", "year", "period", "source", "source_url", "licence"]


def test_the_api_and_the_downloads_give_the_same_facts(default_index, client):
    api = client.get("/api/wellbeing/M1%201AD").json()
    api_facts = {
        i["code"]: {k: i[k] for k in FACTS} for d in api["domains"] for i in d["indicators"]
    }
    download = client.get("/wellbeing/figures.json?a=M1+1AD").json()
    rows = [r for r in download["figures"] if r["kind"] == "indicator"]
    download_facts = {r["code"]: {k: r[k] for k in FACTS} for r in rows}
    assert len(api_facts) >= 10
    assert download_facts.keys() == api_facts.keys()
    for code, facts in api_facts.items():
        assert json.dumps(download_facts[code]) == json.dumps(facts), code
    # ... and both are indicator_facts of the catalogue's indicator, keys in this order.
    catalogue = catalogue_for(edition_pick())
    for code, facts in api_facts.items():
        expected = indicator_facts(catalogue.indicators[code])
        assert list(expected) == FACTS
        assert json.dumps(expected) == json.dumps(facts), code
    # The CSV carries the same text as the JSON download.
    text = client.get("/wellbeing/figures.csv?a=M1+1AD").content.decode()
    for row in csv.DictReader(io.StringIO(text)):
        if row["kind"] == "indicator":
            facts = download_facts[row["code"]]
            expected = ["" if facts[k] is None else str(facts[k]) for k in FACTS]
            assert [row[k] for k in FACTS] == expected
