"""The wellbeing page's guides and other communities' commitments, kept per set of tags."""

import pytest

from communities.models import Guide
from portal.panels import _guides_and_commitments

pytestmark = pytest.mark.django_db


def test_guides_are_read_once_per_set_of_tags_and_again_with_a_new_snapshot(
    django_assert_num_queries, monkeypatch
):
    guide = Guide.objects.create(title="Repair cafés", slug="repair", summary="How.", step=1)
    guide.tags.add("Repair")
    guides, _ = _guides_and_commitments(("repair", "food"))
    assert [g.title for g, _tags in guides] == ["Repair cafés"]
    # Another area with the same weakest domains: nothing is asked of the database.
    with django_assert_num_queries(0):
        again, commitments = _guides_and_commitments(("repair", "food"))
    assert [g.title for g, _tags in again] == ["Repair cafés"] and commitments == []
    # A new guide shows with the next snapshot of what is nearby.
    Guide.objects.create(title="A food bank", slug="food", summary="How.", step=2).tags.add("food")
    monkeypatch.setattr("portal.panels.snapshot_generation", lambda: "next")
    guides, _ = _guides_and_commitments(("repair", "food"))
    assert [g.title for g, _tags in guides] == ["Repair cafés", "A food bank"]
