"""The knobs of every bench, read once from the environment (see bench/README.md)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _number(name: str, default: float, kind=int):
    value = os.environ.get(name, "")
    return kind(value) if value.strip() else default


SECONDS = _number("BENCH_SECONDS", 15.0, float)
ROUNDS = _number("BENCH_ROUNDS", 3)
WORKERS = _number("BENCH_WORKERS", 4)
CLIENTS = _number("BENCH_CLIENTS", 20)
PORT = _number("BENCH_PORT", 8103)
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/3")
# The bench databases' names start with this (several checkouts can bench side by side).
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "coopcentre_bench")
SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdef"
# Which anonymous page-cache modes to measure, in order: "on" (the site as deployed),
# "off" (every page computed: the honest figure). BENCH_PAGE_CACHE=on or off runs one.
MODES = {"on": ("on",), "off": ("off",)}.get(os.environ.get("BENCH_PAGE_CACHE", ""), ("on", "off"))


def size(name: str, default: int) -> int:
    """A bench's seed size, overridable as ``BENCH_<NAME>`` (e.g. BENCH_SPACES=1000)."""
    return _number(f"BENCH_{name.upper()}", default)


def database(name: str) -> str:
    """The bench's own PostgreSQL database: ``<BENCH_DB_PREFIX>_<name>``."""
    return f"{DB_PREFIX}_{name}"
