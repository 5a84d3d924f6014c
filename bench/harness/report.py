"""One report format: a line per phase, then ``key: value`` lines (the ratios)."""

from . import config
from .client import Phase


def setup_line(what: str) -> None:
    print(
        f"{what}; gunicorn {config.WORKERS} sync workers; {config.CLIENTS} concurrent clients; "
        f"{config.SECONDS:g} s of each phase in {config.ROUNDS} alternating rounds"
    )


def phase_line(phase: Phase, mode: str = "") -> None:
    """``<name> [cache mode]: <n> req/s, p50, p95, requests, distinct paths, statuses``."""
    label = f"{phase.name} [page cache {mode}]" if mode else phase.name
    distinct = len(set(phase.paths[: phase.position])) if phase.position else 0
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(phase.statuses.items()))
    print(
        f"{label}: {phase.rate:.0f} req/s, p50 {phase.percentile_ms(50):.1f} ms, "
        f"p95 {phase.percentile_ms(95):.1f} ms, {phase.done} requests, "
        f"{distinct} distinct paths, status {{{statuses}}}"
    )
    if set(phase.statuses) - {200}:
        print(f"  warning: answers other than 200 for {label}")


def ratio(key: str, phase: Phase, bare: Phase) -> float:
    """Print ``key: <phase req/s ÷ bare req/s>`` and return the ratio."""
    value = phase.rate / bare.rate if bare.rate else 0.0
    print(f"{key}: {value:.2f}")
    return value
