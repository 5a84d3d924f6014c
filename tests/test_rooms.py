"""Rooms a newcomer can live in: no module over 400 lines, no function over 60.

Walks the project's own Python files (not the virtualenv, migrations, tests, demo data or
the benches) and names every module or function that has grown past the limit, so a long
one is split into named steps when it is written, not years later. See docs/rooms.md.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULE_LINES = 400
FUNCTION_LINES = 60
# Top-level folders that are not the site's own code.
SKIPPED_DIRS = {".venv", "node_modules", "tests", "bench", "static", "data", "docs"}
SKIPPED_NAMES = {"demo.py"}

# Files still over a limit while other work splits them. Empty now that every file is
# within the limits: do not add to it, split instead (docs/rooms.md).
ALLOWED_OVER: dict[str, str] = {}


def _own_modules() -> list[Path]:
    modules = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in SKIPPED_DIRS or relative.parts[0].startswith("."):
            continue
        if "migrations" in relative.parts or path.name in SKIPPED_NAMES:
            continue
        modules.append(path)
    return modules


def _too_long(path: Path, root: Path = ROOT) -> list[str]:
    """What in one module is over a limit, as "path: what" lines."""
    relative = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    found = []
    lines = len(text.splitlines())
    if lines > MODULE_LINES:
        found.append(f"{relative}: {lines} lines (limit {MODULE_LINES})")
    for node in ast.walk(ast.parse(text, filename=relative)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > FUNCTION_LINES:
                found.append(
                    f"{relative}:{node.lineno} {node.name}() is {length} lines "
                    f"(limit {FUNCTION_LINES})"
                )
    return found


@pytest.fixture(scope="module")
def over_the_limit() -> dict[str, list[str]]:
    return {
        path.relative_to(ROOT).as_posix(): problems
        for path in _own_modules()
        if (problems := _too_long(path))
    }


def test_the_walk_reads_the_apps_and_skips_what_is_not_ours():
    walked = {path.relative_to(ROOT).as_posix() for path in _own_modules()}
    assert "wellbeing_index/models.py" in walked
    assert "coopcentre/settings.py" in walked
    assert not [
        p
        for p in walked
        if p.startswith(("tests/", "bench/", ".venv/"))
        or "/migrations/" in p
        or p.endswith("/demo.py")
    ]


def test_no_module_or_function_is_too_long(over_the_limit):
    unexpected = [
        problem
        for path, problems in sorted(over_the_limit.items())
        if path not in ALLOWED_OVER
        for problem in problems
    ]
    assert unexpected == [], (
        "Split these into a package by sub-domain or into named steps (docs/rooms.md):\n"
        + "\n".join(unexpected)
    )


def test_the_allow_list_names_only_files_still_too_long(over_the_limit):
    stale = sorted(set(ALLOWED_OVER) - set(over_the_limit))
    assert stale == [], f"Now within the limits: remove from ALLOWED_OVER: {', '.join(stale)}"


def test_a_long_function_is_reported_with_its_name_and_length(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(FUNCTION_LINES))
    module = tmp_path / "app" / "services.py"
    module.parent.mkdir()
    module.write_text(f"def short():\n    return 1\n\n\ndef long_one():\n{body}\n")
    assert _too_long(module, root=tmp_path) == [
        f"app/services.py:5 long_one() is {FUNCTION_LINES + 1} lines (limit {FUNCTION_LINES})"
    ]
