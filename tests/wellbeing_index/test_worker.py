"""The Celery path for real: an import queues the computation, a worker process runs it."""

import time

import pytest

from wellbeing_index.models import AreaScore, Edition
from wellbeing_index.services import indicators_import
from wellbeing_index.services.editions import EDITIONS_LOCAL_SECONDS

from .test_import import AREAS, DEFINITIONS, VALUES, write


@pytest.mark.worker
def test_a_worker_computes_the_index_after_an_import(celery_worker, tmp_path, client):
    # Before: no edition, and the site has cached that.
    assert client.get("/api/wellbeing/BL1").json()["error"] == "no_data"
    indicators_import(
        values_path=write(tmp_path, "values.csv", VALUES),
        definitions_path=write(tmp_path, "definitions.csv", DEFINITIONS),
        areas_path=write(tmp_path, "areas.csv", AREAS),
        publish=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if Edition.objects.filter(year=2025, computed_at__isnull=False).exists():
            break
        time.sleep(0.1)
    else:
        pytest.fail("the worker did not compute the index within 30 s")
    assert AreaScore.objects.filter(edition__year=2025).count() == 2
    # The site shows the new figures within seconds: the worker cleared the shared cache,
    # and each process re-reads it after EDITIONS_LOCAL_SECONDS.
    deadline = time.monotonic() + EDITIONS_LOCAL_SECONDS + 5
    while (body := client.get("/api/wellbeing/BL1").json())["status"] != 200:
        assert time.monotonic() < deadline, body
        time.sleep(0.5)
    assert body["area"]["name"] == "Bolton"
    bolton = AreaScore.objects.get(area__code="E08000001")
    assert body["overall"]["score"] == bolton.overall is not None
