"""Compare two postcodes, domain by domain."""


def test_two_neighbourhoods_side_by_side(client, city_postcodes, default_index):
    response = client.get("/wellbeing/compare/", {"a": "M1 1AD", "b": "cf10 1ep"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>M1 1AD and CF10 1EP compared</h1>" in html
    assert "Comparing the two neighbourhoods" in html
    assert '<svg class="wellbeing-chart"' in html
    for label in ["Overall", "People", "Health", "Equality", "Voice &amp; Participation"]:
        assert f">{label}<" in html
    # Different nations: the page explains what the scores mean across them.
    assert "These places are in different nations" in html
    # Both nations' support lines.
    assert "<strong>Mind</strong>" in html
    assert html.count("0300 123 3393") == 1


def test_it_compares_council_areas_when_one_postcode_has_no_neighbourhood(
    client, city_postcodes, default_index
):
    html = client.get("/wellbeing/compare/", {"a": "M1 1AD", "b": "EH1"}).content.decode()
    assert "Comparing the two council areas" in html
    assert "only one postcode has neighbourhood figures" in html
    assert ">Manchester</a>" in html
    assert ">City of Edinburgh</a>" in html
    assert "<strong>SAMH</strong>" in html and "<strong>Mind</strong>" in html


def test_differences_are_first_minus_second(client, default_index):
    html = client.get("/wellbeing/compare/", {"a": "M1", "b": "M1"}).content.decode()
    assert "Enter a different postcode to compare with." in html
    html = client.get("/wellbeing/compare/", {"a": "EH1", "b": "M1"}).content.decode()
    row = html.split("<strong>Overall</strong></th>")[1].split("</tr>")[0]
    first, second, difference = (
        cell.split(">")[1].split("<")[0] for cell in row.split("</td>")[:3]
    )
    # Each figure is rounded on its own, so the shown difference may be 1 off theirs.
    expected = int(first) - int(second)
    assert abs(int(difference) - expected) <= 1


def test_bad_postcodes_are_explained_and_kept(client, db):
    response = client.get("/wellbeing/compare/", {"a": "M1 1AD", "b": "nonsense"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "“nonsense” is not a UK postcode" in html
    assert 'value="nonsense"' in html
    assert 'value="M1 1AD"' in html


def test_the_empty_form_is_shown_first(client, db):
    response = client.get("/wellbeing/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_a">First postcode' in html
    assert '<label for="id_b">Second postcode' in html
