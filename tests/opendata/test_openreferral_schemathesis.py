"""schemathesis runs the API's OpenAPI description (our copy of the profile's) against a
live test server: every operation, generated and boundary inputs, all of its checks."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from tests.communities.factories import GroupFactory
from tests.matching.factories import SchemeFactory, medication, shopping

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


@pytest.fixture
def directory(transactional_db):
    SchemeFactory(name="Age Friendly Manchester", kinds=[shopping(), medication()])
    SchemeFactory(name="Befriending Scotland", opening_hours="Mon–Fri 9–5")
    GroupFactory(name="Ancoats Residents", at="M4")
    GroupFactory(name="Leith Community Crops", at="EH6", kind="cooperative")


@override_settings(OPENDATA_API_RATE="100000/m")
def test_schemathesis_finds_no_failure(live_server, directory, tmp_path):
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            live_server.url + "/openreferral/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            "25",
            "--workers",
            "1",
            "--seed",
            "15",
            "--phases",
            "examples,coverage,fuzzing,stateful",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "6 selected" in result.stdout or "6 total" in result.stdout, result.stdout[-3000:]
