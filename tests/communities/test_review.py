import datetime

import pytest
from django.utils import timezone

from communities.models import CheckIn, CommitmentStatus

from .factories import CommitmentFactory, GroupFactory

pytestmark = pytest.mark.django_db


def test_the_yearly_review_updates_commitments_and_the_last_reviewed_date(owner_client, owner):
    group = GroupFactory(
        organiser=owner, registered_at=timezone.now() - datetime.timedelta(days=400)
    )
    keep = CommitmentFactory(group=group, what="Street parties")
    drop = CommitmentFactory(group=group, what="Clothes swap")
    checkin = CheckIn.objects.create(group=group, year=1, due_at=timezone.now())
    new_due = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()
    response = owner_client.post(
        f"/communities/{group.slug}/review/",
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": str(keep.pk),
            "form-0-status": "active",
            "form-0-due_date": new_due,
            "form-1-id": str(drop.pk),
            "form-1-status": "dropped",
            "form-1-due_date": drop.due_date.isoformat(),
        },
    )
    assert response.status_code == 302
    keep.refresh_from_db()
    drop.refresh_from_db()
    group.refresh_from_db()
    checkin.refresh_from_db()
    assert keep.due_date.isoformat() == new_due
    assert drop.status == CommitmentStatus.DROPPED
    assert group.last_reviewed_at is not None
    assert checkin.reviewed_at is not None and checkin.reviewed_by == owner
    page = owner_client.get(group.get_absolute_url()).content.decode()
    assert "Last reviewed " + timezone.localdate().strftime("%-d %B %Y") in page
    assert "Clothes swap" not in page


def test_an_active_commitment_needs_a_future_due_date(owner_client, owner):
    group = GroupFactory(organiser=owner, registered_at=timezone.now())
    commitment = CommitmentFactory(group=group)
    response = owner_client.post(
        f"/communities/{group.slug}/review/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(commitment.pk),
            "form-0-status": "active",
            "form-0-due_date": "2001-01-01",
        },
    )
    assert response.status_code == 400
    assert "give it a due date today or later" in response.content.decode()
    group.refresh_from_db()
    assert group.last_reviewed_at is None


def test_only_organisers_review(member_client, stranger_client):
    group = GroupFactory(registered_at=timezone.now())
    assert member_client.get(f"/communities/{group.slug}/review/").status_code == 404
    assert stranger_client.post(f"/communities/{group.slug}/review/", {}).status_code == 404
