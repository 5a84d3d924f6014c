"""One async HTTP/1.1 client and load driver: a ``Phase`` is a named request mix whose
paths ``CLIENTS`` concurrent clients walk in turn, each sending its next request as soon
as the last one returned; the phase keeps the latencies and status codes."""

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field

from . import config


async def fetch(path: str, cookie: str = "") -> tuple[int, bytes]:
    """GET ``path`` from the bench server: the status (0 when the connection failed) and
    the whole response, headers included."""
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bench\r\nConnection: close\r\n"
    head += f"Cookie: {cookie}\r\n\r\n" if cookie else "\r\n"
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", config.PORT)
        writer.write(head.encode())
        await writer.drain()
        data = await reader.read()
        writer.close()
    except OSError as error:
        return 0, str(error).encode()
    return (int(data[9:12]) if data[9:12].isdigit() else 0), data


def get(path: str, cookie: str = "") -> tuple[int, bytes]:
    """``fetch`` outside an event loop: for the checks before a run."""
    return asyncio.run(fetch(path, cookie))


@dataclass
class Phase:
    """A named request mix. ``cycle=False`` asks for each path at most once."""

    name: str
    paths: list[str]
    cookie: str = ""
    cycle: bool = True
    position: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)

    def next_path(self) -> str | None:
        if not self.paths or (not self.cycle and self.position >= len(self.paths)):
            return None
        self.position += 1
        return self.paths[(self.position - 1) % len(self.paths)]

    @property
    def done(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def percentile_ms(self, percent: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100)[percent - 1] * 1000


async def _drive(phase: Phase, seconds: float) -> None:
    deadline = time.perf_counter() + seconds

    async def client():
        while time.perf_counter() < deadline and (path := phase.next_path()) is not None:
            began = time.perf_counter()
            status, _ = await fetch(path, phase.cookie)
            phase.latencies.append(time.perf_counter() - began)
            phase.statuses[status] += 1

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(config.CLIENTS)))
    phase.seconds += time.perf_counter() - began


def drive(phase: Phase, seconds: float = float("inf")) -> Phase:
    """Load ``phase`` for ``seconds`` (or, for a phase that does not cycle, until each of
    its paths was asked for once)."""
    asyncio.run(_drive(phase, seconds))
    return phase


def alternate(phases: list[Phase], seconds: float | None = None, rounds: int | None = None) -> None:
    """Load each phase for ``seconds`` in all, in ``rounds`` short turns, so that a busy
    moment on a shared machine weighs on every phase alike."""
    seconds = config.SECONDS if seconds is None else seconds
    rounds = rounds or config.ROUNDS
    for _ in range(rounds):
        for phase in phases:
            drive(phase, seconds / rounds)


def warm(paths: list[str], cookie: str = "", seconds: float = 2) -> None:
    """Warm every worker (connections, templates, per-process tables); not reported."""
    drive(Phase("warm-up", paths, cookie), seconds)
