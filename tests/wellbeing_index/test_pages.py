"""The start page, the home and near panels, council pages and the methodology."""

import pytest

from wellbeing_index.models import AreaScore, Level


def test_the_start_page_has_a_postcode_form_and_support_lines(client, db):
    html = client.get("/wellbeing/").content.decode()
    assert 'action="/wellbeing/"' in html
    assert "Enter a postcode to see its wellbeing index" in html
    for line in ["Mind", "SAMH", "Inspire", "Samaritans"]:
        assert f"<strong>{line}</strong>" in html
    assert "028 9032 8474" in html and "0344 800 0550" in html


def test_the_start_page_sends_a_postcode_to_its_page(client, default_index):
    response = client.get("/wellbeing/", {"postcode": " eh1 1yz "})
    assert response.status_code == 302
    assert response["Location"] == "/wellbeing/EH11YZ/"


def test_the_start_page_explains_a_bad_postcode(client, db):
    response = client.get("/wellbeing/", {"postcode": "IM1 1AA"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "the Isle of Man" in html
    assert "are outside it" in html
    assert 'value="IM1 1AA"' in html


def test_the_home_page_panel_searches_the_index(client, db):
    html = client.get("/").content.decode()
    panel = html.split("How is your community doing?")[1].split("</article>")[0]
    assert 'action="/wellbeing/"' in panel
    assert "Your postcode for the wellbeing index" in panel


def test_the_near_page_panel_summarises_the_index(client, city_postcodes, default_index):
    html = client.get("/near/", {"postcode": "BT1 5GS"}).content.decode()
    panel = html.split("<h2>Wellbeing index</h2>")[1].split("</article>")[0]
    assert "The neighbourhood around BT1 5GS scores" in panel
    assert "Weakest:" in panel
    assert 'href="/wellbeing/BT15GS/"' in panel


def test_a_council_page_shows_its_index_and_neighbourhoods(client, default_index):
    response = client.get("/wellbeing/councils/W06000015/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Wellbeing index for Cardiff</h1>" in html
    assert "Council area W06000015, Wales" in html
    assert "Personal wellbeing in Cardiff" in html
    count = AreaScore.objects.filter(
        area__level=Level.NEIGHBOURHOOD, area__parent__code="W06000015"
    ).count()
    assert count > 100
    assert f"{count} neighbourhoods, least well placed first" in html
    assert "<strong>Mind</strong>" in html and "<strong>SAMH</strong>" not in html


def test_a_neighbourhood_page_links_to_its_council(client, default_index):
    code = (
        AreaScore.objects.filter(area__level=Level.NEIGHBOURHOOD, area__parent__code="N09000003")
        .values_list("area__code", flat=True)
        .first()
    )
    html = client.get(f"/wellbeing/neighbourhoods/{code}/").content.decode()
    assert f"Neighbourhood {code} in Belfast, Northern Ireland" in html
    assert 'href="/wellbeing/councils/N09000003/">Belfast</a>' in html
    assert "Personal wellbeing in Belfast" in html
    assert "<strong>Inspire</strong>" in html


def test_an_unknown_area_is_a_404(client, default_index):
    assert client.get("/wellbeing/councils/X99999999/").status_code == 404
    assert client.get("/wellbeing/neighbourhoods/E08000003/").status_code == 404


def test_the_council_list_filters_by_nation_and_name(client, default_index):
    html = client.get("/wellbeing/councils/", {"nation": "Wales"}).content.decode()
    assert "All 22 council areas found" in html
    assert ">Cardiff</a>" in html and ">Manchester</a>" not in html
    html = client.get("/wellbeing/councils/", {"q": "edinb"}).content.decode()
    assert "1 council area found" in html and "All 1 " not in html
    assert ">City of Edinburgh</a>" in html


def test_the_council_list_orders_by_overall_score(client, default_index):
    html = client.get(
        "/wellbeing/councils/", {"nation": "Northern Ireland", "order": "overall"}
    ).content.decode()
    lowest = (
        AreaScore.objects.filter(area__nation="Northern Ireland", area__level=Level.LOCAL_AUTHORITY)
        .order_by("overall")
        .first()
    )
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert lowest.area.name in first_row


@pytest.mark.parametrize("page_size", [3, 30])
def test_the_council_list_query_count_does_not_grow_with_the_page(
    client, default_index, django_assert_max_num_queries, page_size, monkeypatch
):
    from wellbeing_index.views import areas

    monkeypatch.setattr(areas, "COUNCILS_PER_PAGE", page_size)
    client.get("/wellbeing/councils/")  # warm the per-process catalogue
    with django_assert_max_num_queries(2):  # count, page
        html = client.get("/wellbeing/councils/").content.decode()
    assert html.count("/wellbeing/councils/") >= page_size


def test_the_council_list_pages(client, default_index):
    html = client.get("/wellbeing/councils/", {"nation": "England", "page": 2}).content.decode()
    assert "Page 2 of 6" in html
    assert 'href="?nation=England&amp;page=1"' in html


def test_the_methodology_lists_every_indicator_and_the_unscored_domains(client, default_index):
    html = client.get("/wellbeing/methodology/").content.decode()
    assert "89 indicators" in html
    assert "score = (rank − 1) ÷ (number of areas − 1) × 100" in html
    assert "ranked within that nation" in html
    unscored = html.split('id="unscored"')[1].split("</section>")[0]
    assert "Every domain has at least one indicator" in unscored
    assert "in Northern Ireland" not in unscored  # every domain has a source in every nation
    assert "Museums per 100,000 residents" in html
    assert "Creative Commons Attribution 4.0" in html
    assert "(estimated from constituencies)" in html
    assert "How it differs from the original index" in html
    assert "Northern Ireland Multiple Deprivation Measure 2017" in html
    assert "Open Government Licence v3.0" in html


def test_the_methodology_filters_indicators_by_level_and_domain(client, default_index):
    html = client.get(
        "/wellbeing/methodology/", {"level": "local_authority", "domain": "health"}
    ).content.decode()
    # one deprivation measure per nation, and life expectancy in all four
    assert "8 indicators" in html
    html = client.get("/wellbeing/methodology/", {"level": "neighbourhood"}).content.decode()
    assert "29 indicators" in html


def test_the_about_the_data_page_credits_the_wellbeing_sources(client, db):
    html = client.get("/about/data/").content.decode()
    assert "Northern Ireland Multiple Deprivation Measure 2017: NISRA" in html
    assert "Personal well-being estimates: Office for National Statistics" in html
    assert "humaniverse/IMD" in html
