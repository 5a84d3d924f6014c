"""Fixtures for the wellbeing index: a small hand-computed index, and the real default data
set cut down to four cities' neighbourhoods (all 361 councils kept)."""

from dataclasses import dataclass

import pytest

from tests.loaded_once import LoadedOnce
from wellbeing_index.models import Direction, Domain, Level, Ranking
from wellbeing_index.services import index_compute
from wellbeing_index.services.dataset import dataset_load_default, dataset_subset

from .factories import AreaFactory, EditionFactory, IndicatorFactory, values_set


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Forget per-process snapshots (nearby places, edition catalogues) between tests."""
    from portal.nearby import snapshot_clear
    from wellbeing_index.services.editions import catalogues_clear

    snapshot_clear()
    catalogues_clear()
    yield
    snapshot_clear()
    catalogues_clear()


# Manchester, City of Edinburgh, Cardiff, Belfast: the four cities of the postcode sample.
CITY_COUNCILS = {"E08000003", "S12000036", "W06000015", "N09000003"}


@dataclass
class HandIndex:
    edition: object
    areas: dict
    indicators: dict


@pytest.fixture
def hand_index(db):
    """Five council areas (three English, two Welsh) and five indicators, computed.

    Expected scores are worked out by hand in test_scoring.py.
    """
    edition = EditionFactory(year=2025)
    areas = {
        key: AreaFactory(code=code, name=name, nation=nation, level=Level.LOCAL_AUTHORITY)
        for key, code, name, nation in [
            ("E1", "E09000001", "Ashford", "England"),
            ("E2", "E09000002", "Bexley", "England"),
            ("E3", "E09000003", "Camden", "England"),
            ("W1", "W09000001", "Denbigh", "Wales"),
            ("W2", "W09000002", "Ewloe", "Wales"),
        ]
    }
    domains = {d.slug: d for d in Domain.objects.all()}

    def indicator(code, domain, direction, ranking, values):
        item = IndicatorFactory(
            edition=edition,
            code=code,
            name=code.capitalize(),
            domain=domains.get(domain),
            direction=direction,
            ranking=ranking,
        )
        values_set(item, {areas[k]: v for k, v in values.items()})
        return item

    a = areas
    indicators = {
        "jobs": indicator(
            "jobs",
            "economy",
            Direction.HIGHER,
            Ranking.UK,
            {"E1": 10, "E2": 20, "E3": 20, "W1": 40, "W2": None},
        ),
        "poverty": indicator(
            "poverty",
            "economy",
            Direction.LOWER,
            Ranking.NATION,
            {"E1": 5, "E2": 15, "E3": 25, "W1": 30, "W2": 10},
        ),
        "clinics": indicator(
            "clinics", "health", Direction.HIGHER, Ranking.UK, dict.fromkeys(a, 1)
        ),
        "crime": indicator(
            "crime", "relationships-trust", Direction.LOWER, Ranking.UK, {"E1": 3, "E3": 1}
        ),
        "life": indicator("life", None, Direction.HIGHER, Ranking.UK, {"E1": 7.0, "W1": 8.0}),
    }
    index_compute(edition=edition)
    return HandIndex(edition=edition, areas=areas, indicators=indicators)


@pytest.fixture(scope="session")
def _city_files(tmp_path_factory):
    """The default data files cut to the four cities' neighbourhoods, made once."""
    return dataset_subset(
        councils=CITY_COUNCILS, work_dir=tmp_path_factory.mktemp("wellbeing-default")
    )


@pytest.fixture(scope="session")
def _city_index(_city_files):
    """The cut-down data set's rows, imported and scored once per test process."""
    areas_path, values_path = _city_files
    return LoadedOnce(
        "wellbeing_index",
        lambda: dataset_load_default(areas_path=areas_path, values_path=values_path),
    )


@pytest.fixture
def default_index(db, _city_index):
    """The real default data set: all 361 councils, the four cities' neighbourhoods."""
    _city_index.load()
