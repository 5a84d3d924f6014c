"""A bench's measurement, once with the anonymous page caches on and once off."""

from collections.abc import Callable

from . import config
from .client import Phase
from .report import phase_line
from .server import Gunicorn, cache_clear


def each_cache_mode(url: str, measure: Callable[[str], list[Phase]]) -> dict[str, dict]:
    """For each mode of ``config.MODES`` ("on", "off"): empty the cache, start gunicorn
    with the page caches so, call ``measure(mode)`` (which sends the load and returns its
    phases), stop the server and print a line per phase.

    Returns ``{mode: {phase name: Phase}}``.
    """
    results = {}
    for mode in config.MODES:
        cache_clear()
        with Gunicorn(url, mode):
            phases = measure(mode)
        for phase in phases:
            phase_line(phase, mode)
        results[mode] = {phase.name: phase for phase in phases}
    return results
