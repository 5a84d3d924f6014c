import pytest
from django.utils import timezone

from spaces.models import Status, StatusChange

from .factories import ThreatenedSpaceFactory

pytestmark = pytest.mark.django_db


def _record(space, status):
    return StatusChange.objects.record(
        space=space,
        status=status,
        previous_status="",
        transfer_stage="",
        note="A note",
        changed_by=None,
        changed_at=timezone.now(),
    )


def test_a_threat_step_keeps_the_threat_of_the_space():
    space = ThreatenedSpaceFactory()
    change = _record(space, Status.THREATENED)
    assert change.threat_summary == space.threat_summary
    assert change.threat_deadline == space.threat_deadline


def test_another_step_keeps_no_threat():
    space = ThreatenedSpaceFactory()
    change = _record(space, Status.OPEN)
    assert change.threat_summary == ""
    assert change.threat_deadline is None
