"""The text of the project's templates that is not marked for translation.

Every template of the project (``templates/`` and each app's ``templates/``) is split by
Django's own template ``Lexer``; the literal text between tags and variables, outside
``{% blocktranslate %}`` and ``{% comment %}``, is what a reader sees unless it is marked.
From it are removed: HTML tags and comments, ``<script>``/``<style>`` bodies, character
entities and anything without two letters in a row (punctuation, numbers, ``·``). What is
left, with the text of the attributes a reader meets (``alt``, ``title``, ``placeholder``,
``aria-label``, and the ``value`` of an ``<input>`` button, the one ``value`` a reader sees; a
``<button>``'s or a hidden field's ``value`` is data), is unmarked text: one line per run of
text.

``python -m tests.i18n.template_text`` prints it (``--write`` rewrites the baseline file).
"""

import re
import sys
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "accounts",
    "communities",
    "core",
    "events",
    "matching",
    "opendata",
    "participation",
    "portal",
    "postcodes",
    "spaces",
    "wellbeing_index",
]
BASELINE = Path(__file__).with_name("unmarked_template_text.txt")
# Words that read the same in Welsh: names, formats and units.
ALLOWED = {
    "coopcentre",
    "CSV",
    "JSON",
    "GeoJSON",
    "iCal",
    "OpenActive",
    "Open Referral UK",
    "RSS",
    "km",
    "BSL",
    "Google Calendar",
    "Outlook",
    "cy",
}

_ALLOWED = re.compile(r"\b(" + "|".join(map(re.escape, sorted(ALLOWED))) + r")\b")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>", re.S)
_ATTR = re.compile(
    r"\b(alt|title|placeholder|aria-label)\s*=\s*\"([^\"]*[A-Za-z]{2}[^\"]*)\"", re.I
)
_INPUT_BUTTON = re.compile(r"<input\b[^>]*\btype=\"(?:submit|button|reset)\"[^>]*>", re.I)
_VALUE = re.compile(r"\bvalue\s*=\s*\"([^\"]*[A-Za-z]{2}[^\"]*)\"", re.I)
_OPEN = {"blocktranslate", "blocktrans", "comment"}
_CLOSE = {"endblocktranslate", "endblocktrans", "endcomment"}


def template_files():
    for folder in [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".txt"):
                yield path


def literal_text(source: str) -> str:
    """The template's literal text outside blocktranslate/comment; tags become spaces."""
    depth = 0
    parts = []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            depth += name in _OPEN
            depth -= name in _CLOSE
            parts.append(" ")
        elif token.token_type == TokenType.TEXT and depth == 0:
            parts.append(token.contents)
        else:
            parts.append(" ")
    return "".join(parts)


def unmarked(path: Path) -> list[str]:
    text = literal_text(path.read_text(encoding="utf-8"))
    found = []
    if path.suffix == ".html":
        text = _HIDDEN.sub(" ", text)
        found += [f"{m.group(1)}={m.group(2).strip()}" for m in _ATTR.finditer(text)]
        for button in _INPUT_BUTTON.finditer(text):
            found += [f"value={m.group(1).strip()}" for m in _VALUE.finditer(button.group(0))]
        text = _TAG.sub("\n", text)
    text = re.sub(r"&[#\w]+;", " ", text)
    for run in re.split(r"\s{2,}|\n", text):
        run = run.strip()
        if re.search(r"[A-Za-z]{2}", _ALLOWED.sub(" ", run)):
            found.append(run)
    return found


def unmarked_lines() -> list[str]:
    """Every unmarked run as ``path | text``, in file order."""
    lines = []
    for path in template_files():
        name = path.relative_to(ROOT).as_posix()
        lines += [f"{name} | {run}" for run in unmarked(path)]
    return lines


def baseline() -> set[str]:
    text = BASELINE.read_text(encoding="utf-8") if BASELINE.exists() else ""
    return {line for line in text.splitlines() if line and not line.startswith("#")}


if __name__ == "__main__":
    import django

    django.setup()
    lines = unmarked_lines()
    if "--write" in sys.argv:
        header = (
            "# Template text not yet marked for translation (tests/i18n/test_unmarked_text.py).\n"
            "# Mark a string, then remove its line; never add one: mark the new string.\n"
        )
        BASELINE.write_text(header + "\n".join(sorted(set(lines))) + "\n", encoding="utf-8")
    print("\n".join(lines))
