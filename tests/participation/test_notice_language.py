"""A "Have your say" notice is worded in its recipient's language, not in the language of
the member whose action made it (issue 14)."""

import pytest
from django.utils import translation

from participation.models import Notice
from participation.services import comment_add, proposal_answer

from ..factories import UserFactory
from .factories import PostFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_welsh_member_reads_a_comment_notice_in_welsh_whoever_wrote_it(
    stranger, mailoutbox, django_capture_on_commit_callbacks
):
    writer = UserFactory(language="cy")
    piece = PostFactory(submitted_by=writer, title="Gardd gymunedol")
    with translation.override("en-gb"), django_capture_on_commit_callbacks(execute=True):
        comment_add(post=piece, author=stranger, body="Great idea")
    assert Notice.objects.get(user=writer).subject == (
        "Rhoddodd Sam Stranger sylw ar “Gardd gymunedol”"
    )
    [email] = mailoutbox
    assert "Rhoddodd Sam Stranger sylw" in email.subject
    assert "commented on" not in email.subject


def test_an_english_member_reads_an_answer_in_english_when_staff_answer_in_welsh(
    member, staff, mailoutbox, django_capture_on_commit_callbacks
):
    welsh_supporter = UserFactory(language="cy")
    proposal = ProposalFactory(author=member, title="More benches")
    proposal.supports.create(user=welsh_supporter)
    with translation.override("cy"), django_capture_on_commit_callbacks(execute=True):
        proposal_answer(proposal=proposal, by=staff, status="accepted", reason="Ie")
    subjects = dict(Notice.objects.values_list("user_id", "subject"))
    assert subjects[member.pk] == "Official answer to “More benches”: Accepted"
    assert subjects[welsh_supporter.pk] == "Ateb swyddogol i “More benches”: Derbyniwyd"
    assert {email.subject for email in mailoutbox} >= set(subjects.values())
