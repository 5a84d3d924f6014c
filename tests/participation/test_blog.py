"""The process blog: a member's piece through moderation, updates from the panel, the
threaded discussion (edit window, report, hide with a reason), and bad input."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.moderation import listing_moderate
from participation.models import Comment, PanelMember, Post
from participation.services import comment_add
from tests.factories import UserFactory

from .factories import PostFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def new_piece_url(process):
    return reverse("participation:post-create", kwargs={"slug": process.slug})


def test_a_members_piece_goes_through_moderation_to_the_blog(
    member_client, member, staff, mailoutbox, django_capture_on_commit_callbacks
):
    process = ProcessFactory()
    response = member_client.post(
        new_piece_url(process), {"title": "Our allotment society", "body": "We need land."}
    )
    piece = Post.objects.get()
    assert response.status_code == 302
    assert piece.moderation_status == "pending" and piece.kind == "piece"
    blog = reverse("participation:post-list", kwargs={"slug": process.slug})
    assert "Our allotment society" not in member_client.get(blog).content.decode()
    # Only its writer and staff see it while it waits; a visitor gets a 404.
    assert member_client.get(piece.get_absolute_url()).status_code == 200
    from django.test import Client

    assert Client().get(piece.get_absolute_url()).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        listing_moderate(listing=piece, decision="approved", by=staff)

    assert "Our allotment society" in Client().get(blog).content.decode()
    assert [m.to for m in mailoutbox] == [[member.email]]
    feed = Client().get(reverse("participation:process-feed", kwargs={"slug": process.slug}))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"<title>Our allotment society</title>" in feed.content


def test_panel_members_and_staff_post_updates_that_are_published_at_once(client, member):
    process = ProcessFactory()
    PanelMember.objects.create(process=process, user=member, name="Mo", role="Chair")
    client.force_login(member)
    client.post(new_piece_url(process), {"title": "What we heard", "body": "Finance, mostly."})
    post = Post.objects.get()
    assert post.kind == "update" and post.is_approved


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "this can&#x27;t be empty"),
        ("x" * 100_000, "Please keep it under 20000 characters (it has 100000)"),
    ],
)
def test_an_empty_or_huge_piece_is_refused_and_the_text_kept(member_client, body, message):
    process = ProcessFactory()
    response = member_client.post(new_piece_url(process), {"title": "My title", "body": body})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="My title"' in html
    assert Post.objects.count() == 0


def test_a_threaded_discussion_with_one_comment_hidden(
    member_client,
    member,
    stranger_client,
    stranger,
    staff_client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    writer = UserFactory(email="writer@example.org")
    piece = PostFactory(submitted_by=writer, title="Seats at the table")
    url = piece.get_absolute_url()

    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(url, {"body": "Agreed."})
    top = Comment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        stranger_client.post(url, {"body": "A reply.", "parent": top.pk})
    reply = Comment.objects.get(parent=top)
    # A reply to a reply joins the same thread: two levels, never three.
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(url, {"body": "And another.", "parent": reply.pk})
    assert Comment.objects.filter(parent=top).count() == 2

    hide = reverse("participation:comment-hide", kwargs={"pk": reply.pk})
    assert member_client.get(hide).status_code == 302  # staff only (to the admin log-in)
    assert staff_client.post(hide, {"reason": ""}).status_code == 400
    staff_client.post(hide, {"reason": "Personal attack"})

    html = member_client.get(url).content.decode()
    assert "This comment was hidden by a moderator: Personal attack" in html
    assert "A reply." not in html
    assert "Agreed." in html and "And another." in html
    # The writer heard of each comment once (their own comments would tell nobody).
    assert sorted(m.subject for m in mailoutbox) == sorted(
        [
            "Mo Member commented on “Seats at the table”",
            "Sam Stranger commented on “Seats at the table”",
            "Mo Member commented on “Seats at the table”",
        ]
    )


@pytest.mark.parametrize("body", ["", "y" * 100_000])
def test_a_bad_comment_is_refused_with_its_text_kept(member_client, body):
    piece = PostFactory()
    response = member_client.post(piece.get_absolute_url(), {"body": body})
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    if body:
        assert "Please keep it under 5000 characters" in response.content.decode()
        assert body in response.content.decode()


def test_commenting_on_a_piece_not_published_is_refused_clearly(client, member):
    piece = PostFactory(submitted_by=member, moderation_status="rejected")
    client.force_login(member)
    response = client.post(piece.get_absolute_url(), {"body": "My words"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Comments open once this piece is published." in html
    assert "My words" in html
    # Anyone else is told it is not there.
    client.force_login(UserFactory())
    assert client.post(piece.get_absolute_url(), {"body": "x"}).status_code == 404


def test_a_comment_can_be_edited_within_its_window_only(member_client, member):
    piece = PostFactory()
    comment = comment_add(post=piece, author=member, body="Frist")
    edit = reverse("participation:comment-edit", kwargs={"pk": comment.pk})
    assert member_client.post(edit, {"body": "First"}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "First" and comment.edited_at

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = member_client.post(edit, {"body": "Too late"})
    assert response.status_code == 400
    assert "15 minutes" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "First"


def test_only_the_author_edits_a_comment(stranger_client, member):
    comment = comment_add(post=PostFactory(), author=member, body="Mine")
    edit = reverse("participation:comment-edit", kwargs={"pk": comment.pk})
    assert stranger_client.post(edit, {"body": "Yours now"}).status_code == 404


def test_a_reported_comment_waits_in_the_staff_list(member_client, stranger, staff_client):
    comment = comment_add(post=PostFactory(), author=stranger, body="Rude words")
    report = reverse("participation:comment-report", kwargs={"pk": comment.pk})
    member_client.post(report, {"reason": "It is rude"})
    again = member_client.post(report, {"reason": "Still rude"}, follow=True)
    assert "You had already reported this comment" in again.content.decode()
    assert list(Comment.objects.reported()) == [comment]
    listing = staff_client.get("/admin/participation/comment/?reported=open")
    assert "Rude words" in listing.content.decode()


def test_anonymous_visitors_are_asked_to_log_in_to_write(client):
    piece = PostFactory()
    assert client.post(piece.get_absolute_url(), {"body": "Hi"})["Location"].startswith(
        "/accounts/login/"
    )
    assert client.get(new_piece_url(piece.process)).status_code == 302
    assert Comment.objects.count() == 0
