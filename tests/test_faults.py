"""Faults with real servers: the site under gunicorn with production settings on
PostgreSQL, its own Redis (cache and broker) and a Celery worker, all started here.

- Redis stopped in the middle of traffic to every listing page: every answer stays 200
  (the cache fails soft; pages are computed).
- The database terminates every server-side connection: no request fails (kept
  connections are health-checked before use).
- The broker down while a member submits an event and replies to one: both are saved
  (the page answers as usual); the broker back, the reply's email arrives, once. Likewise
  a space's status change: saved, and its pledger's email goes once the broker is back.

Needs PostgreSQL (``DATABASE_URL``) and ``redis-server``; under ``CI=true`` a missing one
is a failure. Marked ``faults``.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from core.models import OutgoingEmail
from events.models import Event, Rsvp
from spaces.models import Status, StatusChange

from .communities.factories import GroupFactory
from .conftest import ROOT, _free_port, skip_or_fail
from .events.factories import EventFactory
from .factories import UserFactory
from .spaces.factories import PledgeFactory, SpaceFactory, ThreatenedSpaceFactory

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

SECRET_KEY = "faults-test-" + "k" * 50
LISTINGS = [
    "/",
    "/events/",
    "/events/online/",
    "/events/calendar.ics",
    "/spaces/",
    "/spaces/endangered/",
    "/spaces/map.geojson",
    "/communities/",
    "/communities/interest/",
    "/help/schemes/",
    "/wellbeing/",
    "/wellbeing/councils/",
]


def _wait_for_port(port: int, process, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited at start-up ({process.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{what} did not start in {seconds} s")


def _stop(process) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


class Redis:
    """A redis-server of our own on a free port, stopped and started at will."""

    def __init__(self):
        self.port = _free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, self.process, "redis-server")

    def stop(self) -> None:
        _stop(self.process)


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, _smtp_sink_server, tmp_path_factory):
    """Redis, gunicorn (2 sync workers, DEBUG=0) and a Celery worker on the test database."""
    if connection.vendor != "postgresql":
        skip_or_fail("the fault test needs DATABASE_URL on PostgreSQL")
    if not shutil.which("redis-server"):
        skip_or_fail("the fault test needs redis-server")
    db = connection.settings_dict
    redis = Redis()
    redis.start()
    static_root = tmp_path_factory.mktemp("static")
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    env |= {
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": (
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CONN_MAX_AGE": "600",
        "REDIS_URL": redis.url,
        "EMAIL_URL": _smtp_sink_server.url,
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "ERROR",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = _free_port()
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "coopcentre.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"]
        # Loaded once before the workers fork, so both answer from their first request.
        + ["--preload", "--timeout", "120"],
        cwd=ROOT,
        env=env,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "coopcentre", "worker", "--pool=solo"]
        + ["--loglevel=ERROR", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_for_port(port, web, "gunicorn", seconds=180)
        yield {"url": f"http://127.0.0.1:{port}", "redis": redis, "env": env}
    finally:
        _stop(web)
        _stop(worker)
        redis.stop()


def _get(base: str, path: str, cookie: str = "") -> int:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _listings(base: str) -> dict[str, int]:
    answers = {}
    for path in LISTINGS:
        answers[path] = _get(base, path)
    return answers


@pytest.fixture
def listed(db):
    """Something on every listing."""
    SpaceFactory()
    EventFactory()
    EventFactory(attendance_mode="online")
    GroupFactory()


def test_pages_stay_up_when_the_cache_server_stops_mid_traffic(servers, listed):
    base, redis = servers["url"], servers["redis"]
    try:
        assert set(_listings(base).values()) == {200}  # warm: cached in Redis
        assert set(_listings(base).values()) == {200}
        redis.stop()
        # Every page, twice, with the cache gone: computed, not a 500.
        for _round in range(2):
            answers = _listings(base)
            assert set(answers.values()) == {200}, answers
    finally:
        redis.start()
    assert set(_listings(base).values()) == {200}


def test_no_request_fails_when_the_database_drops_every_connection(servers, listed):
    base = servers["url"]
    # Both gunicorn workers hold a kept connection.
    for _ in range(3):
        assert set(_listings(base).values()) == {200}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 2
    answers = [_listings(base) for _ in range(2)]
    assert all(set(a.values()) == {200} for a in answers), answers


def _signed_in(settings) -> tuple[object, str]:
    settings.SECRET_KEY = SECRET_KEY
    user = UserFactory()
    client = Client()
    client.force_login(user)
    return user, f"sessionid={client.cookies['sessionid'].value}"


def _post(base: str, path: str, cookie: str, data: dict, form_page: str = "") -> int:
    """A member's form post as a browser sends it: the CSRF token from the page with the
    form (``form_page``, else ``path``) first."""
    request = urllib.request.Request(base + (form_page or path), headers={"Cookie": cookie})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        html = response.read().decode()
        csrf_cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"] or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
    cookies = cookie + (f"; csrftoken={csrf_cookie[1]}" if csrf_cookie else "")
    request = urllib.request.Request(base + path, data=body, headers={"Cookie": cookies})  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sweep(env: dict) -> str:
    """The outbox's sweep, as beat runs it every minute, in a process on the real broker."""
    return _shell(env, "from core.outbox.services import outbox_sweep; print(outbox_sweep())")


def _shell(env: dict, code: str) -> str:
    """``code`` run by ``manage.py shell`` with the servers' settings (their broker)."""
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout


def test_with_the_broker_down_submissions_are_saved_and_the_email_goes_when_it_is_back(
    servers, settings, smtp_sink
):
    base, redis = servers["url"], servers["redis"]
    user, cookie = _signed_in(settings)
    event = EventFactory(title="Repair café")
    occurrence = event.occurrences.get()
    redis.stop()
    try:
        start = timezone.localtime() + timedelta(days=5)
        submitted = _post(
            base,
            "/events/new/",
            cookie,
            {
                "title": "Clothes swap in the outage",
                "description": "Bring clothes you don't wear.",
                "starts_at": start.strftime("%Y-%m-%dT10:00"),
                "ends_at": start.strftime("%Y-%m-%dT12:00"),
                "attendance_mode": "in_person",
                "venue_name": "St Peter's Hall",
                "address": "12 Oxford Road",
                "postcode": "M1 1AD",
                "price": "0",
            },
        )
        page = event.get_absolute_url()
        replied = _post(base, page + "rsvp/", cookie, {"occurrence": occurrence.pk}, page)
        assert (submitted, replied) == (302, 302)
        assert Event.objects.filter(title="Clothes swap in the outage").exists()
        assert Rsvp.objects.get(user=user, occurrence=occurrence).status == "going"
        email = OutgoingEmail.objects.get(to=user.email)
        assert email.status == "queued"
    finally:
        redis.start()
    # The sweep re-queues an email still queued LOST_AFTER past its time: here, now.
    _overdue(email)
    assert "'requeued': 1" in _sweep(servers["env"])
    [message] = smtp_sink.wait_for(1, timeout=60)
    assert "Repair café" in message["Subject"]
    time.sleep(2)
    assert len(smtp_sink.messages) == 1  # once
    email.refresh_from_db()
    assert email.status == "sent"


def _overdue(email) -> None:
    """As if the sweep's wait (LOST_AFTER past the email's time) had passed."""
    OutgoingEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=10)
    )


def test_with_the_broker_down_a_status_change_is_saved_and_pledgers_hear_once_it_is_back(
    servers, smtp_sink
):
    space = ThreatenedSpaceFactory(name="Rusholme Library")
    pledger = PledgeFactory(space=space, user__email="alice@example.org", voice=True).user
    staff = UserFactory(is_staff=True)
    servers["redis"].stop()
    try:
        # Staff mark the space saved in a process whose broker is the stopped Redis.
        _shell(
            servers["env"],
            "from accounts.models import User; from spaces.models import Space; "
            "from spaces.services.status import space_status_change; "
            f"space_status_change(space=Space.objects.get(pk={space.pk}), status='saved', "
            f"by=User.objects.get(pk={staff.pk}), note='Handed over.')",
        )
        space.refresh_from_db()
        assert space.status == Status.SAVED
        assert StatusChange.objects.get(space=space).note == "Handed over."
        email = OutgoingEmail.objects.get(to=pledger.email)
        assert email.status == "queued"
    finally:
        servers["redis"].start()
    _overdue(email)
    assert "'requeued': 1" in _sweep(servers["env"])
    [message] = smtp_sink.wait_for(1, timeout=60)
    assert message["Subject"] == "Good news: Rusholme Library has been saved"
    assert "Handed over." in smtp_sink.text(message)
    time.sleep(2)
    assert len(smtp_sink.messages) == 1  # once
    email.refresh_from_db()
    assert email.status == "sent"
