import pytest

from core.demo import DemoContext, demo_places, demo_users
from spaces import demo
from spaces.models import Pledge, Space, Status, StatusChange

pytestmark = pytest.mark.django_db


def test_the_demo_loads_spaces_in_every_nation_and_loading_twice_changes_nothing(client):
    context = DemoContext(users=demo_users(), places=demo_places())

    demo.load(context)
    counts = (Space.objects.count(), StatusChange.objects.count(), Pledge.objects.count())
    demo.load(context)

    assert (Space.objects.count(), StatusChange.objects.count(), Pledge.objects.count()) == counts
    assert set(Space.objects.values_list("nation", flat=True)) == {
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    }
    assert set(Space.objects.values_list("status", flat=True)) == set(Status.values)
    assert Pledge.objects.exists()
    for space in Space.objects.all():
        assert client.get(space.get_absolute_url()).status_code == 200
