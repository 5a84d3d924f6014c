from datetime import datetime

import pytest
import time_machine

from events.models import EVENT_TZ

# A Wednesday morning in December, UK time: "this weekend" is 5-6 December.
WEDNESDAY = datetime(2026, 12, 2, 10, 0, tzinfo=EVENT_TZ)


@pytest.fixture
def wednesday():
    """Freeze the clock (ticking) at Wednesday 2 December 2026, 10:00 UK time."""
    with time_machine.travel(WEDNESDAY):
        yield WEDNESDAY


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
