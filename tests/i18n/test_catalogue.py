"""The Welsh catalogues are complete, consistent and compiled (see docs/i18n.md)."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from core.management.commands.compile_translations import catalogues

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")
CATALOGUES = catalogues()


def test_there_is_a_project_and_an_upstream_welsh_catalogue():
    names = {str(path.relative_to(settings.BASE_DIR)) for path in CATALOGUES}
    assert names == {
        "locale/cy/LC_MESSAGES/django.po",
        "locale-upstream/cy/LC_MESSAGES/django.po",
    }


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.parent.parent.name)
def test_every_entry_is_translated_and_none_is_fuzzy(path: Path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:20]}"
    assert catalogue.metadata["Language"] == "cy"
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=4;")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.parent.parent.name)
def test_translations_keep_every_placeholder(path: Path):
    wrong = []
    for entry in polib.pofile(str(path)):
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            # A form may leave out the number (Welsh "one" and "two" forms often do).
            plural = set(PLACEHOLDER.findall(entry.msgid_plural))
            for text in entry.msgstr_plural.values():
                if not set(PLACEHOLDER.findall(text)) <= set(wanted) | plural:
                    wrong.append(entry.msgid)
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != wanted:
            wrong.append(entry.msgid)
    assert not wrong, wrong


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parent.parent.parent.name)
def test_the_committed_mo_is_compiled_from_the_po(path: Path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), "run: .venv/bin/python manage.py compile_translations"
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(mo_path)}
    source = {
        (e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural)
        for e in polib.pofile(str(path))
        if e.translated() and not e.obsolete
    }
    compiled.pop((None, ""), None)
    assert compiled == source, "run: .venv/bin/python manage.py compile_translations"
