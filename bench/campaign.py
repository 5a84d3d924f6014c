"""Bench: a 158,000-recipient campaign through real Celery workers into a local SMTP sink,
with the worker killed (SIGKILL, whole process group) part way and started again.

Sets up its own PostgreSQL database (``coopcentre_bench_campaign``) with 158,000 members
who opted in, an aiosmtpd sink on loopback (in this process) that counts what arrives per
recipient, and a ``celery worker`` (prefork, 2 processes) on Redis db 1. The campaign is
started as staff start it (``campaign_start``); when about 40% has arrived the worker is
killed with SIGKILL, then started again: its start-up picks the campaign up.

Prints emails per second, the workers' peak memory, and the count of recipients who got
more than one copy (duplicates) or none (missing). Last line:
``campaign: sent=<n> duplicates=<n> missing=<n> per_s=<number>``.

    .venv/bin/python bench/campaign.py [--recipients 158000] [--kill-at 0.4]
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, django_on_postgres  # noqa: E402

DBNAME = "coopcentre_bench_campaign"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")


class Sink:
    """An SMTP server on loopback that only counts deliveries per recipient."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.counts: Counter = Counter()
        self.total = 0
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=_free_port())

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.counts[rcpt] += 1
            self.total += 1
        return "250 OK"

    def start(self) -> int:
        self.controller.start()
        return self.controller.port


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_members(n: int) -> None:
    """``n`` members who opted in, with verified addresses (reused if already there)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM accounts_user WHERE email LIKE %s", ["member%@bench.example.org"]
        )
        if cursor.fetchone()[0] == n:
            return
        cursor.execute("TRUNCATE accounts_user CASCADE")
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, is_staff, is_active, date_joined,
                                       email, display_name, home_postcode, campaign_opt_in)
            SELECT '!', false, false, true, now(), 'member' || g || '@bench.example.org',
                   '', '', true
            FROM generate_series(1, %s) g
            """,
            [n],
        )
        cursor.execute(
            """
            INSERT INTO account_emailaddress (user_id, email, verified, "primary")
            SELECT id, email, true, true FROM accounts_user
            """
        )
        cursor.execute("ANALYZE accounts_user; ANALYZE account_emailaddress")


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "coopcentre",
            "worker",
            "--pool=prefork",
            "--concurrency=2",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"bench-{uuid.uuid4().hex[:6]}@%h",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group: killed all at once
    )


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getpgid(int(entry)) == pgid:
                    pids.append(int(entry))
            except OSError:
                continue
    return pids


class MemoryWatch(threading.Thread):
    """Samples the workers' resident memory (all processes of the group) twice a second."""

    def __init__(self):
        super().__init__(daemon=True)
        self.pgid = None
        self.peak_total_kb = 0
        self.peak_process_kb = 0
        self.running = True

    def run(self):
        while self.running:
            if self.pgid:
                sizes = [rss_kb(pid) for pid in group_pids(self.pgid)]
                if sizes:
                    self.peak_total_kb = max(self.peak_total_kb, sum(sizes))
                    self.peak_process_kb = max(self.peak_process_kb, max(sizes))
            time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=158_000)
    parser.add_argument("--kill-at", type=float, default=0.4)
    args = parser.parse_args()

    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    sink = Sink()
    port = sink.start()
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    database_url = django_on_postgres(DBNAME)

    from django.db import connection

    from coopcentre.celery import app as celery_app
    from core.outbox.models import OutgoingEmail, OutgoingStatus
    from matching.models import Campaign, CampaignStatus
    from matching.services.campaigns import campaign_batch, campaign_start

    start = time.perf_counter()
    make_members(args.recipients)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE matching_campaign, core_outgoingemail")
    print(f"members: {args.recipients} opted in ({time.perf_counter() - start:.1f} s to set up)")

    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "0",
        "CAMPAIGN_PARALLEL": "2",
        "LOG_LEVEL": "WARNING",
    }
    celery_app.control.purge()
    watch = MemoryWatch()
    watch.start()
    worker = start_worker(env)
    watch.pgid = worker.pid
    deadline = time.monotonic() + 60
    while not celery_app.control.ping(timeout=0.5):
        if time.monotonic() > deadline or worker.poll() is not None:
            raise SystemExit("the worker did not start")

    campaign = Campaign.objects.create(
        subject="Do you need help, or can you help?",
        message="Hello,\n\nDo you need help, or can you help? Tell us in two minutes.",
        chunk_size=500,
    )
    began = time.perf_counter()
    campaign_start(campaign=campaign)
    kill_after = int(args.recipients * args.kill_at)
    while sink.total < kill_after:
        time.sleep(0.05)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    killed_at = time.perf_counter()
    arrived_before = sink.total
    marked_before = OutgoingEmail.objects.filter(
        batch=campaign_batch(campaign.pk), status=OutgoingStatus.SENT
    ).count()
    print(
        f"killed the worker (SIGKILL to all its processes) after {killed_at - began:.1f} s: "
        f"{arrived_before} arrived, {marked_before} marked sent"
    )

    time.sleep(1.0)
    worker = start_worker(env)
    watch.pgid = worker.pid
    restarted_at = time.perf_counter()
    last_change, last_total = time.perf_counter(), -1
    while True:
        campaign.refresh_from_db()
        if campaign.status == CampaignStatus.FINISHED:
            break
        if sink.total != last_total:
            last_change, last_total = time.perf_counter(), sink.total
        if time.perf_counter() - last_change > 120:
            raise SystemExit(f"stalled at {sink.total} emails")
        time.sleep(0.2)
    finished_at = time.perf_counter()
    time.sleep(1.0)  # any stray copy would arrive now
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
    watch.running = False

    rows = OutgoingEmail.objects.filter(batch=campaign_batch(campaign.pk))
    sent = rows.filter(status=OutgoingStatus.SENT).count()
    failed = rows.filter(status=OutgoingStatus.FAILED).count()
    expected = set(rows.values_list("to", flat=True))
    duplicates = sum(count - 1 for count in sink.counts.values() if count > 1)
    missing = len(expected - set(sink.counts))
    strays = len(set(sink.counts) - expected)
    elapsed = finished_at - began
    sending = (killed_at - began) + (finished_at - restarted_at)
    print(f"recipients: {len(expected)}; marked sent: {sent}; failed: {failed}")
    print(
        f"arrived at the sink: {sink.total} copies for {len(sink.counts)} recipients; strays {strays}"
    )
    print(
        f"wall time {elapsed:.1f} s including the kill and restart; {sending:.1f} s with a worker up"
    )
    print(f"per_s with a worker up: {sent / sending:.0f}; over the whole run: {sent / elapsed:.0f}")
    print(
        f"peak worker memory: {watch.peak_total_kb / 1024:.0f} MB for the worker's processes "
        f"together, {watch.peak_process_kb / 1024:.0f} MB the largest one"
    )
    print(
        "machine load average (1, 5, 15 min): "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        + f" on {os.cpu_count()} cores"
    )
    print(
        f"campaign: sent={sent} duplicates={duplicates} missing={missing} per_s={sent / elapsed:.0f}"
    )


if __name__ == "__main__":
    main()
