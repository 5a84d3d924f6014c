"""The shareable postcode page: /wellbeing/<postcode>/."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Group
from events.models import Event
from postcodes.services import lookup
from spaces.models import Space
from wellbeing_index.models import AreaScore, Level

FOUR_NATIONS = [
    ("M11AD", "M1 1AD", "Manchester", "England", "Mind", "0300 123 3393"),
    ("EH11YZ", "EH1 1YZ", "City of Edinburgh", "Scotland", "SAMH", "0344 800 0550"),
    ("CF101EP", "CF10 1EP", "Cardiff", "Wales", "Mind", "0300 123 3393"),
    ("BT15GS", "BT1 5GS", "Belfast", "Northern Ireland", "Inspire", "028 9032 8474"),
]


def page(client, path):
    response = client.get(path)
    return response, response.content.decode()


@pytest.mark.parametrize(("slug", "postcode", "council", "nation", "line", "phone"), FOUR_NATIONS)
def test_the_page_shows_the_neighbourhood_index_in_all_four_nations(
    client, city_postcodes, default_index, slug, postcode, council, nation, line, phone
):
    response, html = page(client, f"/wellbeing/{slug}/")
    assert response.status_code == 200
    assert f"<h1>Wellbeing index for {postcode}</h1>" in html
    small_area = lookup(postcode).small_area_code
    assert f"Your neighbourhood (small area {small_area}) in {council}, {nation}" in html
    score = AreaScore.objects.get(area__level=Level.NEIGHBOURHOOD, area__code=small_area)
    assert f"<strong>{score.overall:.0f}</strong> out of 100" in html
    # Bars (SVG) with the same figures in a table beside them.
    assert html.count('<svg class="wellbeing-chart"') == 2
    assert '<caption id="domains-caption">' in html
    for name in ["People", "Place", "Relationships", "Health", "Voice &amp; Participation"]:
        assert f">{name}<" in html
    assert f"{nation} average" in html
    # Deprivation is ranked within the nation, and the page says so.
    assert f"among the neighbourhoods of {nation} only" in html
    # Signposting for this nation, with its number.
    assert f"<strong>{line}</strong>" in html
    assert phone in html
    # The council as a whole, and its personal wellbeing.
    assert f"{council} as a whole" in html
    assert f"Personal wellbeing in {council}" in html


def test_equality_in_northern_ireland_is_the_income_gap_alone(
    client, city_postcodes, default_index
):
    # Northern Ireland has no disability figure by person, so Equality there is scored from
    # the income gap between the council's neighbourhoods only, never "no data". (Belfast's
    # gap is Northern Ireland's widest: it scores 0, a real score.)
    _, html = page(client, "/wellbeing/BT15GS/")
    row = re.search(r'<a href="#domain-equality">Equality</a></th>(.*?)</tr>', html).group(1)
    assert "no data" not in row
    assert "<summary>Equality: 0 out of 100</summary>" in html
    equality = html.split('id="domain-equality"')[1].split("</details>")[0]
    assert "Income gap between the council&#x27;s neighbourhoods (computed here)" in equality
    assert "Residents who are disabled" not in equality
    assert "counts households, not people" in client.get("/wellbeing/methodology/").content.decode()
    # In England every domain is scored; culture, equality and voice are the council's.
    _, html = page(client, "/wellbeing/M11AD/")
    assert "The open data cannot yet score" not in html
    assert "Measured for the council as a whole: this is the figure for Manchester." in html


def test_strongest_and_weakest_domains_are_listed(client, city_postcodes, default_index):
    location = lookup("M1 1AD")
    scores = AreaScore.objects.get(
        area__level=Level.NEIGHBOURHOOD, area__code=location.small_area_code
    ).scores["d"]
    _, html = page(client, "/wellbeing/M11AD/")
    weakest_html = html.split("<h3>Weakest</h3>")[1].split("</ol>")[0]
    strongest_html = html.split("<h3>Strongest</h3>")[1].split("</ol>")[0]
    lowest = min(scores, key=scores.get)
    highest = max(scores, key=scores.get)
    assert f'href="#domain-{lowest}"' in weakest_html
    assert f'href="#domain-{highest}"' in strongest_html
    assert weakest_html.count("<li>") == 3
    assert strongest_html.count("<li>") == 3


def test_each_domain_drills_down_to_its_indicators(client, city_postcodes, default_index):
    _, html = page(client, "/wellbeing/CF101EP/")
    drill = html.split('<details id="domain-housing">')[1].split("</details>")[0]
    assert "Housing (WIMD 2019)" in drill
    assert "Physical environment (WIMD 2019)" in drill
    assert "decile within Wales (1 = most deprived, 10 = least)" in drill
    assert "2019" in drill
    assert "Welsh Index of Multiple Deprivation 2019, Welsh Government" in drill
    assert "Open Government Licence v3.0" in drill
    assert "ranked within Wales" in drill


def test_a_postcode_district_shows_its_council_area(client, default_index):
    response, html = page(client, "/wellbeing/EH1/")
    assert response.status_code == 200
    assert "City of Edinburgh council area, Scotland" in html
    assert "is a postcode district" in html
    assert "SAMH" in html


def test_a_postcode_missing_from_the_directory_falls_back_to_its_council(
    client, city_postcodes, default_index
):
    # A well-formed postcode of a real district that is not (or no longer) in use.
    response, html = page(client, "/wellbeing/M19ZZ/")
    assert response.status_code == 200
    assert "We don't have M1 9ZZ in our postcode list" in html
    assert "Manchester council area, England" in html


def test_without_the_full_postcode_directory_the_council_is_shown(client, default_index):
    response, html = page(client, "/wellbeing/BT15GS/")
    assert response.status_code == 200
    assert "Belfast council area, Northern Ireland" in html
    assert "Inspire" in html


def test_other_spellings_redirect_to_the_shareable_address(client, db):
    response = client.get("/wellbeing/m1 1ad/", {"year": "2025"})
    assert response.status_code == 301
    assert response["Location"] == "/wellbeing/M11AD/?year=2025"


def test_a_malformed_postcode_is_a_400_that_keeps_what_was_typed(client, db):
    response, html = page(client, "/wellbeing/<b>HELLO/")
    assert response.status_code == 400
    assert "is not a UK postcode" in html
    assert 'value="&lt;b&gt;HELLO"' in html
    assert "<b>HELLO" not in html


def test_an_unknown_postcode_is_a_404_with_an_explanation(client, db):
    response, html = page(client, "/wellbeing/AB11AA/")
    assert response.status_code == 404
    assert "We can&#x27;t find AB1 1AA in the UK postcode list" in html


@pytest.mark.parametrize(
    ("postcode", "place"),
    [("IM11AA", "the Isle of Man"), ("JE23AB", "Jersey"), ("GY11AA", "Guernsey")],
)
def test_crown_dependencies_are_outside_the_index(client, db, postcode, place):
    response, html = page(client, f"/wellbeing/{postcode}/")
    assert response.status_code == 404
    assert "<h1>Outside the wellbeing index</h1>" in html
    assert place in html
    assert "the Isle of Man, Guernsey and Jersey are outside it" in html


def test_before_the_index_is_computed_the_page_says_so(client, db):
    response, html = page(client, "/wellbeing/M1/")
    assert response.status_code == 200
    assert "The index has no figures for M1 yet" in html
    assert "Mind" in html  # signposting is on every page


def test_an_unknown_edition_is_a_404(client, default_index):
    assert client.get("/wellbeing/M1/", {"year": "1999"}).status_code == 404
    assert client.get("/wellbeing/M1/", {"year": "soon"}).status_code == 404
    assert client.get("/wellbeing/M1/", {"year": "2025"}).status_code == 200


def _near(model, location, km_north, **fields):
    item = model(moderation_status="approved", **fields)
    item.set_location(location)
    item.latitude += km_north / 111.2
    item.save()
    return item


def test_whats_near_you_that_helps_lists_tagged_spaces_events_and_groups(
    client, city_postcodes, default_index
):
    location = lookup("M1 1AD")
    small_area = location.small_area_code
    weakest = sorted(
        AreaScore.objects.get(area__code=small_area).scores["d"].items(), key=lambda kv: kv[1]
    )[0][0]
    from wellbeing_index.models import Domain

    tag = Domain.objects.get(slug=weakest).tag_list[0]
    helpful = _near(Space, location, 1, name="Ancoats Hall", slug="ancoats-hall")
    helpful.tags.add(tag)
    off_topic = _near(Space, location, 1, name="Chess Club Room", slug="chess-room")
    off_topic.tags.add("chess")
    far = _near(Space, location, 40, name="Far Away Hall", slug="far-hall")
    far.tags.add(tag)
    pending = _near(Space, location, 1, name="Pending Hall", slug="pending-hall")
    pending.moderation_status = "pending"
    pending.save()
    pending.tags.add(tag)
    soon = timezone.now() + timedelta(days=3)
    event = _near(
        Event,
        location,
        2,
        title="Saturday clean-up",
        slug="clean-up",
        starts_at=soon,
        ends_at=soon + timedelta(hours=2),
    )
    event.tags.add(tag.title())  # tags typed in another case still match
    group = _near(Group, location, 3, name="Ancoats Neighbours", slug="ancoats-neighbours")
    group.tags.add(tag)

    _, html = page(client, "/wellbeing/M11AD/")
    nearby = html.split('id="nearby-heading"')[1].split("</section>")[0]
    assert "Ancoats Hall" in nearby
    assert "Saturday clean-up" in nearby
    assert "Ancoats Neighbours" in nearby
    assert "Chess Club Room" not in nearby
    assert "Far Away Hall" not in nearby
    assert "Pending Hall" not in nearby


def test_when_nothing_nearby_fits_it_suggests_browsing(client, city_postcodes, default_index):
    _, html = page(client, "/wellbeing/EH11YZ/")
    assert "Nothing nearby is tagged for these yet" in html


def test_the_page_needs_few_queries_and_one_once_the_area_is_cached(
    client, city_postcodes, default_index, django_assert_max_num_queries, django_assert_num_queries
):
    with django_assert_max_num_queries(20):  # cold: postcode tables, catalogue, snapshot
        client.get("/wellbeing/M11AD/")
    # Another postcode of the same neighbourhood: only its lookup; the area's figures,
    # rendered once, come from the cache, and nearby places from the process's snapshot.
    location = lookup("M1 1AD")
    from postcodes.models import Postcode

    neighbour = (
        Postcode.objects.filter(small_area_code=location.small_area_code)
        .exclude(postcode="M1 1AD")
        .values_list("postcode", flat=True)
        .first()
    )
    with django_assert_num_queries(1):
        html = client.get(f"/wellbeing/{neighbour.replace(' ', '')}/").content.decode()
    assert f"Wellbeing index for {neighbour}" in html
    assert "Your neighbourhood (small area" in html


def test_pages_seen_without_cookies_may_be_kept_by_shared_caches(
    client, city_postcodes, default_index
):
    response = client.get("/wellbeing/CF101EP/")
    assert "Cookie" in response["Vary"]
    assert "public" in response["Cache-Control"]
    assert "max-age=120" in response["Cache-Control"]


def test_a_logged_in_members_page_is_not_for_shared_caches(
    member_client, city_postcodes, default_index
):
    response = member_client.get("/wellbeing/CF101EP/")
    assert "public" not in response.get("Cache-Control", "")
    html = response.content.decode()
    assert "Your profile" in html
    assert "Log in" not in html


def test_postcodes_of_one_neighbourhood_share_a_page_but_each_shows_its_own_postcode(
    client, member_client, city_postcodes, default_index
):
    from postcodes.models import Postcode

    small_area = lookup("EH1 1YZ").small_area_code
    first, second = (
        Postcode.objects.filter(small_area_code=small_area)
        .order_by("postcode")
        .values_list("postcode", flat=True)[:2]
    )
    pages = {}
    for postcode in (first, second):
        slug = postcode.replace(" ", "")
        html = client.get(f"/wellbeing/{slug}/").content.decode()
        assert f"<title>Wellbeing index for {postcode} · coopcentre</title>" in html
        assert f"<h1>Wellbeing index for {postcode}</h1>" in html
        assert f'<input type="hidden" name="a" value="{postcode}">' in html
        assert f'href="/wellbeing/{slug}/">Link to this page' in html
        assert f'href="/api/wellbeing/{slug}">These figures as JSON' in html
        assert "\ue000" not in html and "\ue001" not in html
        pages[postcode] = html.replace(postcode, "POSTCODE").replace(slug, "SLUG")
    assert pages[first] == pages[second]
    # A member gets a page rendered for them, with the same figures.
    member_html = member_client.get(f"/wellbeing/{first.replace(' ', '')}/").content.decode()
    assert f"<h1>Wellbeing index for {first}</h1>" in member_html
    assert "Your neighbourhood (small area" in member_html
    assert "Your profile" in member_html


def test_what_you_can_do_lists_each_weakest_domain_with_actions(
    client, city_postcodes, default_index
):
    from wellbeing_index.models import Domain

    location = lookup("M1 1AD")
    scores = AreaScore.objects.get(area__code=location.small_area_code).scores["d"]
    weakest = [slug for slug, _ in sorted(scores.items(), key=lambda kv: (kv[1], kv[0]))][:3]
    first = Domain.objects.get(slug=weakest[0])
    tag = first.tag_list[0]
    hall = _near(Space, location, 1, name="Ancoats Hall", slug="ancoats-hall")
    hall.tags.add(tag)
    from communities.models import Commitment, Guide

    guide = Guide.objects.create(
        title="Running a repair cafe", slug="repair-cafe", summary="How.", body="Steps.", step=1
    )
    guide.tags.add(tag.upper())  # any case
    elsewhere = _near(Group, location, 300, name="Leeds Menders", slug="leeds-menders")
    elsewhere.registered_at = timezone.now()
    elsewhere.save()
    elsewhere.tags.add(tag)
    Commitment.objects.create(
        group=elsewhere,
        area="action",
        what="Hold repair cafes",
        how="Monthly.",
        target=12,
        unit="cafes",
        due_date=timezone.localdate() + timedelta(days=90),
        progress_total=9,
    )
    _, html = page(client, "/wellbeing/M11AD/")
    nearby = html.split('id="nearby-heading"')[1].split("</section>")[0]
    headings = re.findall(r'<h3 id="act-([a-z-]+)">', nearby)
    assert len(headings) == 3 and headings[0] == weakest[0]  # weakest first
    block = nearby.split(f'id="act-{weakest[0]}"')[1].split("</article>")[0]
    assert "Space: <a" in block and "Ancoats Hall" in block
    assert f"Start a group for {first.name}" in block.replace("&amp;", "&")
    assert 'href="/communities/new/"' in block
    assert ">Running a repair cafe</a>" in block
    assert ">Hold repair cafes</a> (Leeds Menders): 9 of 12 cafes, under way" in block


def test_a_left_behind_neighbourhood_is_pointed_at_starting_a_space_or_group(
    client, city_postcodes, default_index
):
    from wellbeing_index.models import Area, Domain

    location = lookup("M1 1AD")
    Area.objects.filter(code=location.small_area_code).update(left_behind=True)
    scores = AreaScore.objects.get(area__code=location.small_area_code).scores["d"]
    weakest = min(scores.items(), key=lambda kv: (kv[1], kv[0]))[0]
    hall = _near(Space, location, 1, name="Ancoats Hall", slug="ancoats-hall")
    hall.tags.add(Domain.objects.get(slug=weakest).tag_list[0])
    _, html = page(client, "/wellbeing/M11AD/")
    assert "A “left behind” neighbourhood" in html
    notice = html.split("A “left behind” neighbourhood")[1].split("</p>")[0]
    assert 'href="/spaces/new/"' in notice and 'href="/communities/new/"' in notice
    nearby = html.split('id="nearby-heading"')[1].split("</section>")[0]
    start = nearby.split('id="start-here"')[1].split("</article>")[0]
    # The left-behind block comes before the domains, and lists what is near first.
    assert nearby.index('id="start-here"') < nearby.index('id="act-')
    assert start.index("Ancoats Hall") < start.index("List a community space here")
    assert 'href="/spaces/new/"' in start and 'href="/communities/new/"' in start
    # A neighbourhood that is not left behind (none is, until the nightly count) gets the
    # domains only.
    _, html = page(client, "/wellbeing/EH11YZ/")
    assert 'id="act-' in html and 'id="start-here"' not in html
