"""OpenActive's own validators (npm: @openactive/rpde-validator and
@openactive/data-model-validator, installed by ``make test``) walk the site's feeds served
by a live test server and find no failure (warnings, such as "pages should hold 500 items",
are allowed)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.moderation import listing_moderate
from opendata.activities import ACTIVITY_LIST_FILE, activity_id_for
from opendata.models import ActivityMapping
from tests.conftest import skip_or_fail
from tests.events.factories import EventFactory

ROOT = Path(settings.BASE_DIR)
SCRIPT = Path(__file__).with_name("openactive_validate.js")


@pytest.fixture
def validators():
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules/@openactive/rpde-validator").exists():
        skip_or_fail("the OpenActive validators need node and `npm ci` (make test runs it)")
    return node


@pytest.fixture
def feeds_with_everything(transactional_db, staff):
    for tag, label in [("walking", "Walking"), ("dance", "Dance"), ("yoga", "Yoga")]:
        ActivityMapping.objects.create(tag=tag, activity_id=activity_id_for(label))
    EventFactory(title="Canal walk", recurrence="weekly", tags=["walking"], capacity=20)
    EventFactory(title="Ceilidh", tags=["dance", "music"], price="3.50")
    EventFactory(title="Monthly yoga", recurrence="monthly", tags=["yoga"])
    EventFactory(title="Litter pick", tags=["clean-up"])
    rejected = EventFactory(title="Rejected walk", tags=["walking"])
    listing_moderate(listing=rejected, decision="rejected", by=staff, notify=False)
    EventFactory(title="Gone walk", tags=["walking"]).delete()


def test_the_feeds_pass_both_openactive_validators(
    validators, live_server, feeds_with_everything, tmp_path
):
    urls = [
        live_server.url + reverse("opendata:feed-session-series"),
        live_server.url + reverse("opendata:feed-scheduled-sessions"),
    ]
    result = subprocess.run(
        [validators, str(SCRIPT), str(ACTIVITY_LIST_FILE), str(tmp_path / "cache"), *urls],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["failures"] == [], json.dumps(report["failures"], indent=1)
    # Three series and their dates were validated, not an empty feed.
    assert report["items"] > 3 + 52
