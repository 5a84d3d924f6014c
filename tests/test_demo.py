"""``manage.py load_demo`` fills every app and, run a second time, duplicates nothing and
sends no email.

The demo (without the postcode sample) is loaded twice, once for this module, committed with
tasks run in-process, and flushed afterwards; each test then reads what the two loads left.
"""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from communities.models import Commitment, Group, Guide, Pioneer, ProgressUpdate
from coopcentre.celery import app as celery_app
from matching.models import Match, Need, Offer, SupportScheme
from postcodes import services as postcodes_services

# Both tests read the same two loads: keep them in one test process.
pytestmark = pytest.mark.xdist_group("demo-twice")


def communities_counts():
    return [m.objects.count() for m in (Group, Commitment, ProgressUpdate, Guide, Pioneer)]


@pytest.fixture(scope="module")
def loaded_twice(django_db_setup, django_db_blocker):
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    mail.outbox = []
    try:
        with django_db_blocker.unblock():
            call_command("load_demo", "--skip-postcodes", stdout=io.StringIO())
            first = communities_counts()
            call_command("load_demo", "--skip-postcodes", stdout=io.StringIO())
            loads = {"communities_first": first, "emails": list(mail.outbox)}
    finally:
        celery_app.conf.task_always_eager = previous
    yield loads
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
    postcodes_services.clear_cache()


def test_loading_the_demo_sends_no_email(loaded_twice):
    assert loaded_twice["emails"] == []


def test_the_matching_demo_loads_twice_without_duplicates(loaded_twice, db):
    assert SupportScheme.objects.count() == 5
    assert (Need.objects.count(), Offer.objects.count()) == (3, 2)
    assert Match.objects.filter(need__person__email="demo@coopcentre.localhost").exists()


def test_the_communities_demo_loads_and_loading_it_again_changes_nothing(loaded_twice, db, client):
    assert communities_counts() == loaded_twice["communities_first"]
    assert Group.objects.approved().cooperative_communities().count() == 2
    assert set(Group.objects.approved().exclude(nation="").values_list("nation", flat=True)) == {
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    }
    ancoats = Group.objects.get(slug="ancoats-together")
    assert ancoats.last_reviewed_at is not None
    html = client.get(ancoats.get_absolute_url()).content.decode()
    assert "3 of 4 street parties" in html
    assert client.get("/communities/worked/").context["paginator"].count >= 2
    assert client.get("/communities/", {"postcode": "M1"}).status_code == 200
