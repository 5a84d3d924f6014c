import pytest

from spaces.models import SpaceEdit

from .factories import PledgeFactory, SpaceFactory, ThreatReportFactory

pytestmark = pytest.mark.django_db


def test_a_member_sees_what_they_listed_proposed_reported_and_pledged(member_client, member):
    SpaceFactory(
        name="My Hall", submitted_by=member, moderation_status="rejected", review_note="Dup."
    )
    other = SpaceFactory(name="Their Park")
    SpaceEdit.objects.create(
        space=other, submitted_by=member, changes={"name": {"from": "a", "to": "b"}}
    )
    ThreatReportFactory(space=other, reported_by=member)
    PledgeFactory(user=member, space__name="Threatened Library")
    SpaceFactory(name="Someone else's")

    response = member_client.get("/spaces/mine/")

    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "My Hall",
        "Rejected",
        "Dup.",
        "Their Park",
        "Awaiting review",
        "Threatened Library",
    ]:
        assert text in html
    assert "Someone else" not in html


def test_it_needs_a_log_in(client):
    assert client.get("/spaces/mine/").status_code == 302
