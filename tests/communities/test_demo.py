import pytest
from django.core.management import call_command

from communities.models import Commitment, Group, Guide, Pioneer, ProgressUpdate

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Group, Commitment, ProgressUpdate, Guide, Pioneer)]


def test_the_demo_loads_and_loading_it_again_changes_nothing(client):
    call_command("load_demo", "--skip-postcodes", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = counts()
    call_command("load_demo", "--skip-postcodes", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first
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
