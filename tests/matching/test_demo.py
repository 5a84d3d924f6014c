import io

import pytest
from django.core.management import call_command

from matching.models import Match, Need, Offer, SupportScheme

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_without_duplicates_or_emails(
    mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo", "--skip-postcodes", stdout=io.StringIO())
    assert SupportScheme.objects.count() == 5
    assert (Need.objects.count(), Offer.objects.count()) == (3, 2)
    assert Match.objects.filter(need__person__email="demo@coopcentre.localhost").exists()
    assert mailoutbox == []
