"""Fixtures shared by every app's tests.

Personas: ``owner``, ``member``, ``stranger``, ``staff`` (users) and ``*_client`` (logged-in
clients); ``client`` is anonymous. Tasks run in-process (eagerly) unless a test asks for the
real ``celery_worker`` (a separate ``celery worker`` process on Redis, sending email to the
``smtp_sink`` on loopback). Browser tests use ``page`` (Playwright driving Debian's chromium).
"""

import email
import email.policy
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from celery._state import _set_task_join_will_block
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.utils import translation

from coopcentre.celery import app as celery_app

from .factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def skip_or_fail(reason: str):
    """Skip outside CI; under CI=true a missing service is a failure, not a skip."""
    if IN_CI:
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


# ---------------------------------------------------------------------------------------
# Celery and cache


def _clear_cache():
    """Empty the site cache. On Redis, delete only the site's keys: a FLUSHDB would also
    delete the Celery broker's queue bindings under a running worker."""
    if django_settings.REDIS_URL:
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()
    caches["fragments"].clear()
    caches["cards"].clear()


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing():
    """One hasher that costs nothing, for every test: PBKDF2's million rounds took half a
    second per demo member (12 s of each demo load). Production settings are untouched."""
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True)
def _eager_tasks_and_clean_cache(request):
    """Run tasks in-process unless the test starts a real worker; start from an empty cache."""
    _clear_cache()
    # Eager tasks run from two threads at once (the RSVP race tests) can leave Celery's
    # process-wide "joining a result would block" flag set; start every test with it off.
    _set_task_join_will_block(False)
    eager = request.node.get_closest_marker("worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _dates_moved_by_the_task_only():
    """The what's-on searches move events' next dates on themselves when no beat has for a
    minute (``events.services.next_dates_move_when_due``): an extra UPDATE on a process's
    first search. In tests the task moves them (no query counts that depend on which test
    searched first); ``searches_move_dates`` turns the searches' own move back on."""
    from events.services import next_dates

    next_dates._self_move["due"] = datetime.max.replace(tzinfo=UTC)
    yield
    next_dates._self_move["due"] = None


@pytest.fixture
def searches_move_dates():
    """The searches move next dates on themselves, as with no beat running."""
    from events.services import next_dates

    next_dates._self_move["due"] = None


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language. A test client request leaves the language
    its page was in active in the test's thread: after a Welsh page, the next test's
    ``reverse()`` and ``get_absolute_url()`` would give /cy/ addresses."""
    translation.deactivate()
    yield
    translation.deactivate()


# ---------------------------------------------------------------------------------------
# Personas


@pytest.fixture
def member(db):
    return UserFactory(email="member@example.org", display_name="Mo Member")


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@example.org", display_name="Olu Owner")


@pytest.fixture
def stranger(db):
    return UserFactory(email="stranger@example.org", display_name="Sam Stranger")


@pytest.fixture
def staff(db):
    return UserFactory(
        email="staff@example.org", display_name="Staff Person", is_staff=True, is_superuser=True
    )


def _client_for(client_class, user):
    c = client_class()
    c.force_login(user)
    return c


@pytest.fixture
def member_client(member):
    from django.test import Client

    return _client_for(Client, member)


@pytest.fixture
def owner_client(owner):
    from django.test import Client

    return _client_for(Client, owner)


@pytest.fixture
def stranger_client(stranger):
    from django.test import Client

    return _client_for(Client, stranger)


@pytest.fixture
def staff_client(staff):
    from django.test import Client

    return _client_for(Client, staff)


# ---------------------------------------------------------------------------------------
# Full postcodes: the four-city sample (Manchester, Edinburgh, Cardiff, Belfast)


@pytest.fixture
def city_postcodes(db):
    """Load the 42,876 live postcodes of four cities, so lookups are postcode-precise."""
    from django.core.management import call_command

    call_command(
        "import_postcodes", str(ROOT / "data" / "uk_postcodes_sample_four_cities.csv.gz"), "--quiet"
    )


# ---------------------------------------------------------------------------------------
# SMTP sink on loopback


class SMTPSink:
    """An aiosmtpd server on 127.0.0.1 that keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[email.message.EmailMessage] = []
        # How many of the next messages to refuse with "451 try again later".
        self.refuse_next = 0
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=_free_port())

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            if self.refuse_next:
                self.refuse_next -= 1
                return "451 4.3.0 Try again later"
            self.messages.append(message)
        return "250 OK"

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.controller.port}"

    def clear(self):
        with self._lock:
            self.messages.clear()
            self.refuse_next = 0

    def wait_for(self, count: int, timeout: float = 30.0):
        """Wait until ``count`` messages have arrived; return them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} emails, got {len(self.messages)} in {timeout}s")

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    @staticmethod
    def html(message) -> str:
        return message.get_body(preferencelist=("html",)).get_content()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def _smtp_sink_server():
    sink = SMTPSink()
    sink.controller.start()
    yield sink
    sink.controller.stop()


@pytest.fixture
def smtp_sink(_smtp_sink_server):
    _smtp_sink_server.clear()
    return _smtp_sink_server


# ---------------------------------------------------------------------------------------
# A real Celery worker (separate process) on Redis, against the test database


def _require_real_services():
    db = django_settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        skip_or_fail("a real Celery worker needs DATABASE_URL on PostgreSQL")
    if not django_settings.REDIS_URL:
        skip_or_fail("a real Celery worker needs REDIS_URL")


@pytest.fixture(scope="session")
def _celery_worker_process(django_db_setup, django_db_blocker, _smtp_sink_server):
    _require_real_services()
    from django.db import connection

    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    # The worker gets this process's own Redis database as it is; without the xdist
    # variable, its settings don't move it again.
    parent_env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    env = {
        **parent_env,
        "DATABASE_URL": database_url,
        "REDIS_URL": django_settings.REDIS_URL,
        "EMAIL_URL": _smtp_sink_server.url,
        "DEBUG": "1",
        "CONN_MAX_AGE": "0",
        # A refused email is retried within a second or two, not after up to 30 s: the
        # tests check that it arrives once, not the length of the backoff (tests/core).
        "OUTBOX_RETRY_BASE_SECONDS": "1",
    }
    celery_app.control.purge()
    hostname = f"test-{uuid.uuid4().hex[:8]}@%h"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "coopcentre",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-n",
            hostname,
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"celery worker exited with {process.returncode}")
        if celery_app.control.ping(timeout=0.5):
            break
    else:
        process.terminate()
        pytest.fail("celery worker did not answer a ping within 60 s")
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def celery_worker(_celery_worker_process, transactional_db, smtp_sink):
    """A real worker process; mark the test ``@pytest.mark.worker`` and use ``smtp_sink``.

    The test's data must be committed for the worker to see it, so this brings
    ``transactional_db``.
    """
    return _celery_worker_process


# ---------------------------------------------------------------------------------------
# Browser: Playwright for Python driving Debian's chromium


@pytest.fixture(scope="session")
def _browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        skip_or_fail(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install -y chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-quic",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(_browser, live_server, transactional_db):
    """A fresh browser page; ``page.base_url`` is the live server's address."""
    context = _browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    # Map tiles come from the internet, which this machine (and CI) cannot reach.
    context.route(
        "**/*",
        lambda route: (
            route.abort()
            if not route.request.url.startswith(live_server.url)
            else route.continue_()
        ),
    )
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.base_url = live_server.url
    yield pg
    context.close()


@pytest.fixture
def login_page(page):
    """Log ``user`` into ``page`` through the real log-in form; returns a function."""

    def login(user, password="correct-horse-battery"):
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in", exact=True).click()
        page.wait_for_load_state()
        # Fail here, saying why, rather than later on a page showing the visitor's version.
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
        except PlaywrightTimeout:
            pytest.fail(f"log-in as {user.email} failed: {page.locator('main').inner_text()}")
        assert page.get_by_role("button", name="Log out", exact=True).count() == 1
        return page

    return login
