import pytest

from opendata.activities import activity_id_for
from opendata.models import ActivityMapping
from tests.events.factories import EventFactory

WALKING = activity_id_for("Walking")


@pytest.fixture
def walking(db):
    """The site's "walking" interest means OpenActive's Walking."""
    return ActivityMapping.objects.create(tag="walking", activity_id=WALKING)


@pytest.fixture
def stamped(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the feeds' change stamps) as it would in production."""

    def run(make):
        with django_capture_on_commit_callbacks(execute=True):
            return make()

    return run


@pytest.fixture
def walk(walking, stamped):
    """A published weekly walk: approved, in a place, tagged with a mapped interest."""
    return stamped(
        lambda: EventFactory(title="Canal walk", recurrence="weekly", tags=["walking", "outdoors"])
    )
