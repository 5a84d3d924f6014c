"""This site's listings as social infrastructure (issue 16, item 2): the three indicators per
10,000 residents within walking distance, recomputed here by a separate path; the "left
behind" flag; the labels on the page; the nightly task and its command."""

import math
import time

import numpy as np
import pytest
from django.core.management import call_command

from communities.models import Group
from coopcentre.beat import SCHEDULE
from coopcentre.celery import app
from events.models import Event
from spaces.models import Space
from tests.communities.factories import GroupFactory
from tests.events.factories import EventFactory
from tests.spaces.factories import SpaceFactory
from wellbeing_index.api import report_as_dict
from wellbeing_index.models import Area, AreaScore, Direction, Domain, IndicatorValue, Level
from wellbeing_index.services import area_report, index_compute
from wellbeing_index.services.social import (
    SITE_INDICATORS,
    WALKING_KM,
    left_behind_flags,
    social_infrastructure_refresh,
)

from .factories import AreaFactory, EditionFactory, IndicatorFactory, values_set

KM_PER_DEGREE_LAT = 111.195


def _haversine_km(a, b):
    (lat1, lon1), (lat2, lon2) = (map(math.radians, p) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.fixture
def seeded(db):
    """Manchester with four neighbourhoods around a space, a group, a regular and a one-off
    event, a pending space; a council museums figure (culture) and a crime figure
    (relationships) for the neighbourhoods; computed."""
    space = SpaceFactory()
    SpaceFactory(north_m=200, moderation_status="pending")
    GroupFactory(at="M1")
    EventFactory(recurrence="weekly")
    EventFactory()  # one-off: not counted
    base = (space.latitude, space.longitude)
    edition = EditionFactory(year=2025)
    council = AreaFactory(code="E08000003", name="Manchester", level=Level.LOCAL_AUTHORITY)
    spots = {  # code: (km north, km east, residents, deprivation decile)
        "E01000001": (0, 0, 1500, 1),
        "E01000002": (0.7, 0, 2000, 3),
        "E01000003": (6, 0, 1200, 1),
        "E01000004": (0, 0.4, 800, 5),
    }
    areas = {}
    for code, (north, east, people, decile) in spots.items():
        lat = base[0] + north / KM_PER_DEGREE_LAT
        lon = base[1] + east / (KM_PER_DEGREE_LAT * math.cos(math.radians(base[0])))
        areas[code] = AreaFactory(
            code=code,
            level=Level.NEIGHBOURHOOD,
            parent=council,
            latitude=lat,
            longitude=lon,
            population=people,
            population_basis="ons_mid2020",
            deprivation_decile=decile,
        )
    domains = {d.slug: d for d in Domain.objects.all()}
    museums = IndicatorFactory(edition=edition, code="museums", domain=domains["culture"])
    values_set(museums, {council: 2.0})
    crime = IndicatorFactory(
        edition=edition,
        code="crime-neighbourhood",
        domain=domains["relationships-trust"],
        level=Level.NEIGHBOURHOOD,
        unit="decile",
        direction=Direction.HIGHER,
    )
    values_set(crime, dict(zip(areas.values(), [3, 5, 7, 9], strict=True)))
    index_compute(edition=edition)
    return edition, areas


def _expected_rates(areas) -> dict[tuple[str, str], float]:
    """Listings within 1.2 km per 10,000 residents within 1.2 km, from the rows themselves."""
    listings = {
        "spaces": [
            (s.latitude, s.longitude) for s in Space.objects.filter(moderation_status="approved")
        ],
        "groups": [(g.latitude, g.longitude) for g in Group.objects.all()],
        "events": [(e.latitude, e.longitude) for e in Event.objects.exclude(recurrence="")],
    }
    centres = {code: (a.latitude, a.longitude, a.population) for code, a in areas.items()}
    expected = {}
    for code, (lat, lon, _) in centres.items():
        residents = sum(
            people
            for other_lat, other_lon, people in centres.values()
            if _haversine_km((lat, lon), (other_lat, other_lon)) <= WALKING_KM
        )
        for kind, points in listings.items():
            near = sum(1 for p in points if _haversine_km((lat, lon), p) <= WALKING_KM)
            expected[(code, kind)] = round(near / residents * 10_000, 2)
    return expected


def test_the_three_rates_match_a_separate_recomputation(seeded, django_capture_on_commit_callbacks):
    edition, areas = seeded
    with django_capture_on_commit_callbacks(execute=True):
        result = social_infrastructure_refresh()
    assert result.edition_year == 2025
    assert result.listings == {"spaces": 1, "groups": 1, "events": 1}
    expected = _expected_rates(areas)
    stored = {
        (v.area.code, next(s.kind for s in SITE_INDICATORS if s.code == v.indicator.code)): v.value
        for v in IndicatorValue.objects.filter(indicator__code__startswith="site-").select_related(
            "area", "indicator"
        )
    }
    assert stored == pytest.approx(expected)
    # Not a trivial match: the space counts near the first neighbourhood, not 6 km away.
    assert expected[("E01000001", "spaces")] > 0
    assert expected[("E01000003", "spaces")] == 0
    # A neighbourhood's culture is now its regular events beside its council's museums.
    scores = AreaScore.objects.get(area=areas["E01000001"], edition=edition).scores
    assert set(scores["i"]) >= {"site-events", "museums", "site-spaces", "crime-neighbourhood"}
    assert scores["d"]["culture"] == pytest.approx(
        (scores["i"]["site-events"][1] + scores["i"]["museums"][1]) / 2, abs=0.01
    )
    assert "culture" not in scores.get("dp", [])


def test_left_behind_needs_both_the_deprivation_and_the_lowest_fifth():
    nations = ["England"] * 10 + ["Wales"] * 5
    deciles = [1, 1, 2, 1, 1, 1, 1, 1, 1, 1] + [1, 1, 1, 1, 1]
    totals = np.array([0, 0, 0, 1, 2, 3, 4, 5, 6, 7] + [1, 2, 3, 4, 5], dtype=float)
    flags = left_behind_flags(nations, deciles, totals)
    # England's 20th percentile is 0: the two most deprived with none; not the decile 2 one.
    assert list(flags[:10]) == [True, True, False, False, False, False, False, False, False, False]
    # Wales is ranked on its own: 20th percentile 1.8, so only the lowest.
    assert list(flags[10:]) == [True, False, False, False, False]


def test_the_page_labels_the_figures_and_flags_a_left_behind_neighbourhood(
    seeded, client, django_capture_on_commit_callbacks
):
    edition, areas = seeded
    with django_capture_on_commit_callbacks(execute=True):
        social_infrastructure_refresh()
    assert set(Area.objects.filter(left_behind=True).values_list("code", flat=True)) == {
        "E01000003"
    }
    far = client.get("/wellbeing/neighbourhoods/E01000003/").content.decode()
    assert "A “left behind” neighbourhood" in far
    assert "lowest fifth" in far
    assert "from this site's listings" in far
    assert "Community spaces listed on this site within walking distance" in far
    assert "About 1200 residents" in far
    near = client.get("/wellbeing/neighbourhoods/E01000001/").content.decode()
    assert "from this site's listings" in near
    assert "left behind" not in near
    # The API's shape of the same reports carries the flag and the residents.
    far_area = report_as_dict(area_report(level=Level.NEIGHBOURHOOD, code="E01000003"))["area"]
    assert far_area["left_behind"] is True
    assert (far_area["population"], far_area["population_basis"]) == (1200, "ons_mid2020")
    near_area = report_as_dict(area_report(level=Level.NEIGHBOURHOOD, code="E01000001"))["area"]
    assert near_area["left_behind"] is False


def test_the_command_reports_what_it_counted(seeded, django_capture_on_commit_callbacks):
    from io import StringIO

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("compute_social_infrastructure", stdout=out)
    text = out.getvalue()
    assert "2025 edition: 4 neighbourhoods" in text
    assert "1 spaces, 1 groups, 1 events" in text
    assert "1 left behind" in text


def test_the_nightly_job_is_scheduled_for_a_registered_task():
    entry = SCHEDULE["wellbeing-social-infrastructure"]
    assert entry["task"] == "wellbeing_index.tasks.social_infrastructure_refresh"
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {3}


@pytest.mark.worker
def test_a_worker_runs_the_nightly_job(celery_worker, seeded):
    from wellbeing_index.tasks import social_infrastructure_refresh as task

    task.delay()
    deadline = time.monotonic() + 30
    while not Area.objects.filter(code="E01000003", left_behind=True).exists():
        assert time.monotonic() < deadline, "the worker did not flag the neighbourhood in 30 s"
        time.sleep(0.2)
    assert IndicatorValue.objects.filter(indicator__code="site-groups").count() == 4
