"""The postcode page's fragments kept per area: "what's near you" and the support lines are
rendered once for every postcode of a neighbourhood, and a new snapshot or a new computation
of the index shows at once."""

import pytest

from portal import nearby, panels
from postcodes.models import Postcode
from postcodes.services import lookup
from spaces.models import Space
from wellbeing_index.models import AreaScore, Domain, Edition, IndicatorValue
from wellbeing_index.services import index_compute


@pytest.fixture
def neighbours(city_postcodes):
    """Four postcodes of the neighbourhood of EH1 1YZ, as URL slugs with their postcodes."""
    small_area = lookup("EH1 1YZ").small_area_code
    postcodes = (
        Postcode.objects.filter(small_area_code=small_area)
        .order_by("postcode")
        .values_list("postcode", flat=True)[:4]
    )
    assert len(postcodes) == 4
    return [(p, p.replace(" ", "")) for p in postcodes]


@pytest.fixture
def panel_renders(monkeypatch):
    """Counts how often the "what's near you" panel is rendered."""
    calls = []
    render = panels._render

    def counting(*args, **kwargs):
        calls.append(args)
        return render(*args, **kwargs)

    monkeypatch.setattr(panels, "_render", counting)
    return calls


def _nearby_section(html: str) -> str:
    return html.split('id="nearby-heading"')[1].split("</section>")[0]


def _space_for_weakest_domain(postcode: str, name: str) -> None:
    location = lookup(postcode)
    scores = AreaScore.objects.get(area__code=location.small_area_code).scores["d"]
    weakest = min(scores.items(), key=lambda kv: kv[1])[0]
    space = Space(moderation_status="approved", name=name, slug=name.lower().replace(" ", "-"))
    space.set_location(location)
    space.save()
    space.tags.add(Domain.objects.get(slug=weakest).tag_list[0])


def test_postcodes_of_a_neighbourhood_share_the_panel_but_show_their_own_postcode(
    client, neighbours, default_index, panel_renders
):
    pages = []
    for postcode, slug in neighbours[:2]:
        html = client.get(f"/wellbeing/{slug}/").content.decode()
        assert f"<h1>Wellbeing index for {postcode}</h1>" in html
        assert f'<input type="hidden" name="a" value="{postcode}">' in html
        assert f'href="/wellbeing/{slug}/">Link to this page' in html
        assert "SAMH" in html  # Scotland's support line
        assert "Mind" not in html
        pages.append(html)
    assert len(panel_renders) == 1
    assert _nearby_section(pages[0]) == _nearby_section(pages[1])
    assert "near your neighbourhood" in _nearby_section(pages[0])


def test_a_new_snapshot_of_nearby_places_shows_on_the_next_postcode(
    client, neighbours, default_index, panel_renders
):
    (_, first), (_, second), (third_postcode, third) = neighbours[:3]
    html = client.get(f"/wellbeing/{first}/").content.decode()
    assert "Nothing nearby is tagged for these yet" in html

    _space_for_weakest_domain(third_postcode, "Canongate Hall")
    # Within the snapshot's two minutes the area's panel is read back as it was...
    html = client.get(f"/wellbeing/{second}/").content.decode()
    assert "Canongate Hall" not in html
    assert len(panel_renders) == 1
    # ...and once a new snapshot is taken, the next page renders the panel again.
    nearby.snapshot_clear()
    html = client.get(f"/wellbeing/{third}/").content.decode()
    assert "Canongate Hall" in _nearby_section(html)
    assert len(panel_renders) == 2


def test_a_new_computation_shows_at_once_and_an_unchanged_panel_is_read_back(
    client, neighbours, default_index, panel_renders, django_capture_on_commit_callbacks
):
    (_, first), (_, second) = neighbours[:2]
    before = client.get(f"/wellbeing/{first}/").content.decode()
    assert len(panel_renders) == 1
    with django_capture_on_commit_callbacks(execute=True):
        index_compute(edition=Edition.objects.get())
    html = client.get(f"/wellbeing/{second}/").content.decode()
    assert "Your neighbourhood (small area" in html
    # The panel is kept per version of what it shows (the same weakest domains, nothing
    # near them), not per computation: the same panel, not rendered again.
    assert _nearby_section(html) == _nearby_section(before)
    assert len(panel_renders) == 1


def _details(html: str, slug: str) -> str:
    return html.split(f'<details id="domain-{slug}">')[1].split("</details>")[0]


def _rendered(response, template: str) -> int:
    return sum(t.name == template for t in response.templates)


def test_a_drill_down_shows_the_new_figures_after_the_data_changes(
    client, neighbours, default_index, django_capture_on_commit_callbacks
):
    """Drill-downs are kept per version of what they show; new data and a new computation
    of the index show on the next page, not the copy kept from before."""
    (_, first), (_, second) = neighbours[:2]
    area = lookup("EH1 1YZ").small_area_code
    value = (
        IndicatorValue.objects.filter(area__code=area, indicator__domain__slug="health")
        .select_related("indicator")
        .first()
    )
    html = client.get(f"/wellbeing/{first}/").content.decode()
    assert f"<strong>{value.value:,.0f}</strong>" in _details(html, "health")
    value.value = 987654
    value.save()
    with django_capture_on_commit_callbacks(execute=True):
        index_compute(edition=Edition.objects.get())
    html = client.get(f"/wellbeing/{second}/").content.decode()
    assert "<strong>987,654</strong>" in _details(html, "health")


def test_a_councils_drill_downs_are_rendered_once_for_all_its_neighbourhoods(
    client, city_postcodes, default_index
):
    """Culture, Equality and Voice are measured for the council: a second neighbourhood of
    Edinburgh shows them from the first one's rendering, and the page is still whole."""
    first = client.get("/wellbeing/EH11YZ/")
    other = (
        Postcode.objects.filter(lad_code=lookup("EH1 1YZ").lad_code)
        .exclude(small_area_code=lookup("EH1 1YZ").small_area_code)
        .exclude(small_area_code="")
        .values_list("postcode", flat=True)
        .first()
    )
    second = client.get(f"/wellbeing/{other.replace(' ', '')}/")
    template = "wellbeing_index/includes/domain_details.html"
    assert _rendered(first, template) == 9
    assert _rendered(second, template) <= 6
    html = second.content.decode()
    assert html.count('<details id="domain-') == 9
    assert "this is the figure for City of Edinburgh" in _details(html, "voice")


def test_the_support_lines_follow_each_postcodes_nation(client, city_postcodes, default_index):
    scotland = client.get("/wellbeing/EH11YZ/").content.decode()
    wales = client.get("/wellbeing/CF101EP/").content.decode()
    assert "SAMH" in scotland and "0344 800 0550" in scotland
    assert "Mind" in wales and "0300 123 3393" in wales
    assert "SAMH" not in wales
