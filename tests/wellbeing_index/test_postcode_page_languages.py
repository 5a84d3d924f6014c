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


def test_a_welsh_visit_first_leaves_the_english_pages_links_english(
    client, city_postcodes, default_index
):
    from wellbeing_index.views import postcode

    postcode._links.clear()  # as in a fresh server process, whose first visitor reads Welsh
    welsh = client.get("/cy/wellbeing/M11AD/").content.decode()
    english = client.get("/wellbeing/M11AD/").content.decode()

    assert 'href="/cy/wellbeing/M11AD/">' in welsh
    assert 'href="/wellbeing/M11AD/">Link to this page' in english
    assert 'href="/wellbeing/methodology/"' in english
    assert 'href="/cy/wellbeing/methodology/"' not in english
