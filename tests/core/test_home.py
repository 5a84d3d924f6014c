def test_home_page_has_postcode_search_and_navigation(client, db):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#main"' in html  # skip link
    for label in ["Events", "Spaces", "Get or give help", "Wellbeing", "Communities"]:
        assert f">{label}</a>" in html
    assert "About the data" in html
    assert 'name="postcode"' in html


def test_near_page_shows_the_place_of_a_postcode(client, db):
    response = client.get("/near/", {"postcode": "cf101ep"})
    assert response.status_code == 200
    assert "Near CF10 1EP" in response.content.decode()
    assert "Cardiff, Wales" in response.content.decode()


def test_near_page_keeps_a_bad_postcode_and_explains(client, db):
    response = client.get("/near/", {"postcode": "<b>nope</b>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a UK postcode" in html
    assert "&lt;b&gt;nope&lt;/b&gt;" in html  # kept, escaped
    assert "<b>nope</b>" not in html


def test_about_the_data_shows_the_attributions(client, db):
    html = client.get("/about/data/").content.decode()
    assert "Contains OS data © Crown copyright and database right 2025." in html
    assert "Contains LPS Intellectual Property" in html


def test_unknown_pages_get_the_styled_404(client, db, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_errors_get_the_styled_500_page(rf):
    from core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_health_check_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_robots_keep_crawlers_out_of_admin_and_accounts(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
