"""The files that run the project: compose file, README and settings agree."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_file_runs_web_worker_beat_postgres_redis_and_object_storage():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis", "minio", "minio-bucket"}
    assert "gunicorn coopcentre.wsgi" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A coopcentre worker")
    assert services["beat"]["command"].startswith("celery -A coopcentre beat")
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert env["DEBUG"] == "0"
        # Uploaded photos go to the MinIO bucket that minio-bucket creates, readable by all.
        assert env["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
        assert env["AWS_STORAGE_BUCKET_NAME"] == "coopcentre-media"
        assert f"local/{env['AWS_STORAGE_BUCKET_NAME']}" in services["minio-bucket"]["entrypoint"]
        assert services[name]["depends_on"]["minio-bucket"] == {
            "condition": "service_completed_successfully"
        }
    assert (
        "mc anonymous set download local/coopcentre-media"
        in (services["minio-bucket"]["entrypoint"])
    )


def test_every_environment_variable_the_settings_read_is_in_the_readme():
    settings_source = "".join(
        (ROOT / "coopcentre" / name).read_text() for name in ("settings.py", "media.py")
    )
    names = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    assert {
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_URL",
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
    } <= names
    readme = (ROOT / "README.md").read_text()
    missing = sorted(n for n in names if f"`{n}`" not in readme)
    assert not missing, f"README does not document: {missing}"


def test_the_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()[1:]]
    assert commands == ["make run", "make test"]


def _make_run_line(tmp_path, port: str) -> str:
    """The command ``make run`` serves with, the server swapped for ``printenv SITE_URL``."""
    import subprocess

    out = subprocess.run(
        ["make", "-s", "-n", "run", f"PORT={port}", "MANAGE=printenv SITE_URL #"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.strip().splitlines()[-1]


def test_make_run_sets_site_url_to_the_port_it_serves_unless_given(tmp_path):
    import os
    import subprocess

    line = _make_run_line(tmp_path, "8123")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}

    def served(extra: dict, cwd) -> str:
        return subprocess.run(
            ["sh", "-c", line], env=env | extra, cwd=cwd, capture_output=True, text=True
        ).stdout.strip()

    assert served({}, tmp_path) == "http://127.0.0.1:8123"
    assert served({"SITE_URL": "https://coop.example"}, tmp_path) == "https://coop.example"
    (tmp_path / ".env").write_text("SITE_URL=https://from-dotenv.example\n")
    assert served({}, tmp_path) == "https://from-dotenv.example"
    assert "`PORT`" in (ROOT / "README.md").read_text()
