import pytest
from django.core.cache import cache

from communities.models import PioneerMessage

from .factories import GroupFactory, PioneerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pioneer(owner):
    return PioneerFactory(user=owner, name="Priya", at="M4", helps_with="Street parties")


def send(client, pioneer, body, capture):
    with capture(execute=True):
        return client.post(f"/communities/pioneers/{pioneer.pk}/contact/", {"body": body})


def test_a_member_contacts_a_pioneer_and_the_message_is_relayed_without_addresses(
    member_client, member, owner, pioneer, mailoutbox, django_capture_on_commit_callbacks
):
    page = member_client.get(f"/communities/pioneers/{pioneer.pk}/contact/").content.decode()
    assert "Priya" in page and owner.email not in page
    response = send(
        member_client,
        pioneer,
        "Hello! Can you help us plan a street party?",
        django_capture_on_commit_callbacks,
    )
    message = PioneerMessage.objects.get()
    assert response["Location"] == f"/communities/messages/{message.pk}/"
    [email] = mailoutbox
    assert email.to == [owner.email]
    assert email.subject == "Mo Member sent you a message on coopcentre"
    assert email.reply_to == []
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert "Can you help us plan a street party?" in body
        assert f"/communities/messages/{message.pk}/" in body
        assert member.email not in body
    assert member.email not in str(email.message())


def test_the_pioneer_replies_through_the_site(
    client, member, owner, pioneer, mailoutbox, django_capture_on_commit_callbacks
):
    first = PioneerMessage.objects.create(
        pioneer=pioneer, sender=member, recipient=owner, body="Can you help?"
    )
    client.force_login(owner)
    page = client.get(first.get_absolute_url())
    assert page.status_code == 200
    assert "Conversation with Mo Member" in page.content.decode()
    assert "Can you help?" in page.content.decode()
    assert member.email not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(first.get_absolute_url(), {"body": "Of course, let's meet."})
    reply = PioneerMessage.objects.exclude(pk=first.pk).get()
    assert (reply.sender, reply.recipient, reply.thread) == (owner, member, first)
    assert response["Location"] == reply.get_absolute_url()
    [email] = mailoutbox
    assert email.to == [member.email]
    assert email.subject == "Priya replied on coopcentre"
    assert owner.email not in str(email.message())
    # The member sees the whole conversation from the reply.
    client.force_login(member)
    html = client.get(reply.get_absolute_url()).content.decode()
    assert html.index("Can you help?") < html.index("Of course, let")


def test_nobody_else_reads_a_conversation(stranger_client, member, owner, pioneer):
    message = PioneerMessage.objects.create(
        pioneer=pioneer, sender=member, recipient=owner, body="Private"
    )
    assert stranger_client.get(message.get_absolute_url()).status_code == 404
    assert (
        stranger_client.post(message.get_absolute_url(), {"body": "Butting in here"}).status_code
        == 404
    )


def test_anonymous_people_log_in_to_contact(client, pioneer):
    response = client.get(f"/communities/pioneers/{pioneer.pk}/contact/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_contact_is_rate_limited_and_the_text_is_kept(
    member_client, pioneer, mailoutbox, django_capture_on_commit_callbacks
):
    cache.clear()
    for i in range(5):
        assert (
            send(
                member_client,
                pioneer,
                f"Message number {i} here",
                django_capture_on_commit_callbacks,
            ).status_code
            == 302
        )
    response = send(
        member_client, pioneer, "The sixth message here", django_capture_on_commit_callbacks
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several messages in a short time" in html
    assert "The sixth message here" in html
    assert PioneerMessage.objects.count() == 5
    assert len(mailoutbox) == 5


def test_an_empty_or_tiny_message_is_explained(
    member_client, pioneer, django_capture_on_commit_callbacks
):
    response = send(member_client, pioneer, "hi", django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Say a little more" in response.content.decode()
    assert not PioneerMessage.objects.exists()


def test_a_pioneer_cannot_message_themselves(
    owner_client, pioneer, django_capture_on_commit_callbacks
):
    response = send(owner_client, pioneer, "Talking to myself", django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "your own pioneer card" in response.content.decode()


def test_inactive_pioneers_are_not_shown_or_contactable(member_client, pioneer, client):
    pioneer.is_active = False
    pioneer.save()
    assert member_client.get(f"/communities/pioneers/{pioneer.pk}/contact/").status_code == 404
    group = GroupFactory(at="M4")
    assert "Priya" not in client.get(group.get_absolute_url()).content.decode()


def test_the_card_shows_name_photo_and_help_but_no_address(
    client, pioneer, owner, tmp_path, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    gif = (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00"
        b"\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )
    pioneer.photo = SimpleUploadedFile("priya.gif", gif, content_type="image/gif")
    pioneer.save()
    html = client.get("/communities/", {"postcode": "M4"}).content.decode()
    assert 'alt="Photo of Priya"' in html
    assert "Street parties" in html
    assert f'href="/communities/pioneers/{pioneer.pk}/contact/"' in html
    assert owner.email not in html
