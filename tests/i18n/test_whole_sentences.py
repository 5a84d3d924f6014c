"""A sentence with a link in it is translated whole, so Welsh can put the link where Welsh
puts it (docs/i18n.md): the link's words are inside the Welsh sentence, not English pieces
around it."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        (
            "/cy/communities/guides/",
            'Gweler hefyd <a href="/cy/communities/register/">'
            "Tri cham at gymuned gydweithredol</a>.",
        ),
        (
            "/cy/communities/",
            'dewch o hyd i un i ymuno ag ef, neu <a href="/cy/communities/register/">'
            "dechreuwch gymuned gydweithredol</a>.",
        ),
        (
            "/cy/communities/register/",
            "Dewiswch ymrwymiadau yn y ddau faes: <strong>gweithredu cydweithredol</strong>",
        ),
        ("/communities/guides/", 'See also <a href="/communities/register/">Three steps'),
    ],
)
def test_a_sentence_with_a_link_reads_whole(client, path, sentence):
    html = client.get(path).content.decode()
    assert sentence in html
