"""Content-Security-Policy and Permissions-Policy (issue 11, item 8): sent under production
settings, and the site works under them (no console CSP errors; the maps draw)."""

import json

import pytest

from .test_deploy_check import run_manage

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-real-secret-of-enough-length-and-variety-Zq8#pX2!vB7@kL4$wN9",
    "ALLOWED_HOSTS": "testserver",
}

SHOW_HEADERS = """
import json
from django.test import Client
client = Client()
out = {}
for url in ["/robots.txt", "/healthz"]:
    response = client.get(url, secure=True)
    out[url] = {
        "status": response.status_code,
        "csp": response.get("Content-Security-Policy"),
        "pp": response.get("Permissions-Policy"),
    }
print(json.dumps(out))
"""


def test_production_settings_send_a_strict_csp_and_a_permissions_policy(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        SHOW_HEADERS,
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout.strip().splitlines()[-1])
    for url, page in pages.items():
        assert page["status"] == 200, url
        directives = dict(
            (part.split(" ", 1) + [""])[:2] for part in page["csp"].split("; ") if part
        )
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "https://tile.openstreetmap.org" in directives["img-src"]
        assert "'unsafe-inline'" not in page["csp"] and "'unsafe-eval'" not in page["csp"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in page["pp"], url


@pytest.mark.django_db
def test_no_template_has_an_inline_script_or_style(client):
    """Only data blocks (JSON) may be written inline; they are never executed."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("**/templates/**/*.html"):
        if ".venv" in path.parts or "emails" in path.parts:
            continue
        text = path.read_text()
        for marker in (' style="', "<style", " onclick=", " onchange=", " onsubmit="):
            if marker in text:
                offenders.append(f"{path.relative_to(root)}: {marker.strip()}")
        for start in [i for i in range(len(text)) if text.startswith("<script", i)]:
            tag = text[start : text.index(">", start)]
            if "src=" not in tag and "application/ld+json" not in tag:
                offenders.append(f"{path.relative_to(root)}: inline script")
    assert offenders == []
