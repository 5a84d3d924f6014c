"""Every capability's email rendered for a member who chose Welsh: subject, text and HTML
show none of the English of the catalogue's entries (a sentence left unmarked in a
template is caught by tests/i18n/test_unmarked_text.py; this catches one marked but shown
in English, or built in Python without gettext)."""

from urllib.parse import urlsplit

from core.outbox.models import OutgoingEmail
from core.outbox.services import message_build

from ..email_scenario import PURPOSES, every_email
from ..test_email_purposes import SITE
from .test_welsh_crawl import english_phrases, parse

# The capabilities' emails this file holds to Welsh (issue 14): every purpose of the scenario.
WELSH_PURPOSES = set(PURPOSES)
# A "Have your say" notice's subject is worded once, when the notice is made, in its
# recipient's language (tests/participation/test_notice_language.py): rendering the same
# row in another language keeps it.
SUBJECT_FIXED_AT_NOTICE = {"participation.notice"}


def english_in(text: str, phrases) -> list[str]:
    return [phrase for phrase in phrases if phrase in text]


def copy_in(row: OutgoingEmail, language: str) -> dict[str, str] | None:
    """The row's email as it is rendered for a member who chose ``language``, by part."""
    row.language = language
    message = message_build(row)
    if message is None:
        return None
    html = message.alternatives[0][0] if message.alternatives else ""
    return {"subject": message.subject, "text": message.body, "HTML": parse(html).visible_text()}


def test_every_capability_email_is_in_welsh_for_a_welsh_member(transactional_db, staff, settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, urlsplit(SITE).netloc]
    phrases = english_phrases()
    read, report, seen = set(), [], set()

    def step(expected: int):
        for row in OutgoingEmail.objects.exclude(pk__in=seen).order_by("pk"):
            seen.add(row.pk)
            parts = copy_in(row, "cy")
            if parts is None or row.purpose not in WELSH_PURPOSES:
                continue
            read.add(row.purpose)
            assert parts["subject"].strip() and parts["text"].strip(), row.purpose
            english = copy_in(row, "en")
            if row.purpose not in SUBJECT_FIXED_AT_NOTICE:
                assert parts["subject"] != english["subject"], row.purpose
            assert parts["text"] != english["text"], row.purpose
            for part, content in parts.items():
                report.extend(f"{row.purpose} {part}: {p!r}" for p in english_in(content, phrases))

    every_email(step, staff)
    assert report == []
    assert read == WELSH_PURPOSES


def test_the_check_finds_a_catalogue_sentence_left_in_english():
    phrases = english_phrases()
    assert english_in("Share that link with neighbours: every pledge counts.", phrases)
    assert not english_in("Rhannwch y ddolen honno gyda chymdogion.", phrases)
