"""The bench's own database and Django, the gunicorn server, a signed-in member."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._setup import django_on_postgres

from . import config

STATIC_ROOT = Path(tempfile.gettempdir()) / "coopcentre-bench-static"


def environment(page_cache: str = "on") -> dict[str, str]:
    """What the bench process and its server share: the settings, the secret key (so a
    session the bench makes signs a member in), Redis (so the bench can empty the cache)."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.harness.settings",
        "BENCH_PAGE_CACHE": page_cache,
        "REDIS_URL": config.REDIS,
        "DEBUG": "0",
        "SECRET_KEY": config.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(STATIC_ROOT),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(config.ROOT),
    }


def prepare(dbname: str) -> str:
    """Set this process up as the server will be, on PostgreSQL database ``dbname``
    (created and migrated if needed), and collect the static files once."""
    os.environ.update(environment())
    url = django_on_postgres(dbname, config.PG)
    from django.core.management import call_command

    call_command("collectstatic", verbosity=0, interactive=False)
    return url


def cache_clear() -> None:
    """Empty the bench's Redis database: each mode starts from a cold cache."""
    from django.core.cache import cache

    cache.clear()


def signed_in_cookie(email: str = "bench-member@coopcentre.localhost") -> str:
    """The ``Cookie`` header value of a signed-in member (created if needed)."""
    from django.test import Client

    from accounts.models import User

    user, _ = User.objects.get_or_create(email=email)
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


class Gunicorn:
    """The site under gunicorn (sync workers, DEBUG off) with the page caches on or off,
    for the length of a ``with`` block; ready to answer when the block starts."""

    def __init__(self, url: str, page_cache: str = "on"):
        self.env = {**os.environ, **environment(page_cache), "DATABASE_URL": url}
        self.page_cache = page_cache
        self.process = None

    def __enter__(self) -> "Gunicorn":
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "coopcentre.wsgi:application",
                "--bind", f"127.0.0.1:{config.PORT}", "--workers", str(config.WORKERS),
                "--worker-class", "sync", "--backlog", "2048", "--log-level", "warning",
            ],
            cwd=config.ROOT,
            env=self.env,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited at start-up")
            try:
                socket.create_connection(("127.0.0.1", config.PORT), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
