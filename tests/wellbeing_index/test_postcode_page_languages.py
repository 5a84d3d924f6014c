"""A postcode page's figures are kept once per area and per language: a Welsh visitor
after an English one (or the other way round) reads their own language."""

OVERALL_EN = '<h2 id="overall-heading">Overall score</h2>'
OVERALL_CY = '<h2 id="overall-heading">Sgôr gyffredinol</h2>'


def test_the_figures_of_an_area_are_shown_in_the_visitors_language(
    client, city_postcodes, default_index
):
    english = client.get("/wellbeing/M11AD/").content.decode()
    welsh = client.get("/cy/wellbeing/M11AD/").content.decode()
    english_again = client.get("/wellbeing/M11AD/").content.decode()

    assert OVERALL_EN in english
    assert OVERALL_CY in welsh
    assert OVERALL_EN not in welsh
    assert OVERALL_EN in english_again
