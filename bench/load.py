"""Concurrent protocol-level sessions against one base URL: latency, failures, memory, bytes.

Each of N sessions opens a page (spread over the pages given), then every ``period`` s
(± ``jitter``) changes one of the page's filters — cycling through them — and waits for
the rerun to finish. Sessions start staggered over the first period so they do not
click in lock-step. Every loop is bounded in count and time; only loopback addresses
are accepted.
"""

from __future__ import annotations

import asyncio
import math
import random
import statistics
import time
from dataclasses import dataclass, field

from .servers import cpu_seconds, rss_mb
from .wsclient import StreamlitSession


@dataclass
class LoadResult:
    """What one load level produced."""

    label: str
    n: int
    duration_s: float
    latencies_s: list[float] = field(default_factory=list)
    open_latencies_s: list[float] = field(default_factory=list)
    bytes_per_interaction: list[int] = field(default_factory=list)
    failures: int = 0
    failure_examples: list[str] = field(default_factory=list)
    interactions: int = 0
    rss_before_mb: float = 0.0
    rss_peak_mb: float = 0.0
    cpu_s: float = 0.0

    def summary(self) -> dict:
        """Medians, percentiles and per-session memory as a plain dict."""
        lat = sorted(self.latencies_s)
        return {
            "label": self.label,
            "n": self.n,
            "duration_s": round(self.duration_s, 1),
            "interactions": self.interactions,
            "failures": self.failures,
            "failure_examples": self.failure_examples[:5],
            "p50_s": percentile(lat, 50),
            "p95_s": percentile(lat, 95),
            "max_s": lat[-1] if lat else None,
            "open_p50_s": percentile(sorted(self.open_latencies_s), 50),
            "open_p95_s": percentile(sorted(self.open_latencies_s), 95),
            "bytes_per_interaction_median": statistics.median(self.bytes_per_interaction)
            if self.bytes_per_interaction
            else None,
            "bytes_per_interaction_max": max(self.bytes_per_interaction) if self.bytes_per_interaction else None,
            "rss_before_mb": round(self.rss_before_mb, 1),
            "rss_peak_mb": round(self.rss_peak_mb, 1),
            "mb_per_session": round((self.rss_peak_mb - self.rss_before_mb) / self.n, 2) if self.n else None,
            "server_cpu_s": round(self.cpu_s, 1),
        }


def percentile(sorted_values: list[float], q: float) -> float | None:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


async def _session(
    base: str,
    path: str,
    result: LoadResult,
    start_delay: float,
    stop_at: float,
    period: float,
    jitter: float,
    rng: random.Random,
    max_interactions: int,
    stagger_done: asyncio.Event,
) -> None:
    await asyncio.sleep(start_delay)
    session = StreamlitSession(base, path)
    try:
        opened = await session.open()
    except Exception as exc:  # connection refused, handshake failure...
        result.failures += 1
        result.failure_examples.append(f"open {path}: {exc!r}")
        return
    try:
        if not opened.ok:
            result.failures += 1
            result.failure_examples.append(f"open {path}: {opened.exceptions}")
            return
        result.open_latencies_s.append(opened.latency_s)
        filters = session.filters(sidebar_fallback=True)
        if not filters:
            result.failures += 1
            result.failure_examples.append(f"{path}: no filter widget found")
            return
        step = 0
        # Wait until everyone is connected before the first click, so levels compare like for like.
        await stagger_done.wait()
        await asyncio.sleep(rng.uniform(0, period))
        # At least one interaction per session (a slow open must not leave a session idle).
        while (step == 0 or time.perf_counter() < stop_at) and step < max_interactions:
            step += 1
            widget = filters[(step - 1) % len(filters)]
            session.set_choice(widget, step)
            run = await session.rerun(fragment_id=widget.fragment_id)
            result.interactions += 1
            if run.ok:
                result.latencies_s.append(run.latency_s)
                result.bytes_per_interaction.append(run.bytes_received)
            else:
                result.failures += 1
                result.failure_examples.append(f"{path} {widget.label}: {run.exceptions[:2]}")
                if any(e.startswith("connection") for e in run.exceptions):
                    return
            filters = session.filters(sidebar_fallback=True) or filters
            pause = period * rng.uniform(1 - jitter, 1 + jitter)
            await asyncio.sleep(max(0.0, min(pause, stop_at - time.perf_counter())))
    finally:
        await session.close()


async def run_level(
    base: str,
    paths: list[str],
    n: int,
    duration_s: float,
    server_pids: list[int],
    label: str = "",
    period: float = 10.0,
    jitter: float = 0.5,
    seed: int = 1,
) -> LoadResult:
    """Run ``n`` sessions for ``duration_s`` seconds of interaction (after a staggered start).

    Parameters
    ----------
    base : str
        Loopback base URL (a server or the nginx in front of replicas).
    paths : list of str
        Pages the sessions are spread over (session i opens ``paths[i % len(paths)]``).
    server_pids : list of int
        Server processes whose memory and CPU are sampled (several replicas: summed).
    """
    rng = random.Random(seed)  # noqa: S311 - jitter of think times, not security
    result = LoadResult(label or base, n, duration_s)
    result.rss_before_mb = sum(rss_mb(p) for p in server_pids)
    cpu0 = sum(cpu_seconds(p) for p in server_pids)
    stagger = min(period, max(1.0, n * 0.2))
    stagger_done = asyncio.Event()
    t_start = time.perf_counter()
    stop_at = t_start + stagger + duration_s
    max_interactions = int(duration_s / (period * (1 - jitter))) + 2

    async def sample_memory() -> None:
        while time.perf_counter() < stop_at + 5:
            result.rss_peak_mb = max(result.rss_peak_mb, sum(rss_mb(p) for p in server_pids))
            await asyncio.sleep(0.5)

    async def release() -> None:
        await asyncio.sleep(stagger)
        stagger_done.set()

    sampler = asyncio.create_task(sample_memory())
    releaser = asyncio.create_task(release())
    tasks = [
        _session(
            base,
            paths[i % len(paths)],
            result,
            start_delay=stagger * i / max(1, n),
            stop_at=stop_at,
            period=period,
            jitter=jitter,
            rng=random.Random(rng.random()),  # noqa: S311
            max_interactions=max_interactions,
            stagger_done=stagger_done,
        )
        for i in range(n)
    ]
    # Hard bound: nothing runs longer than the level plus one generous timeout.
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=stagger + duration_s + 120)
    except TimeoutError:
        result.failures += 1
        result.failure_examples.append("level did not finish within its time bound")
    sampler.cancel()
    releaser.cancel()
    result.rss_peak_mb = max(result.rss_peak_mb, sum(rss_mb(p) for p in server_pids))
    result.cpu_s = sum(cpu_seconds(p) for p in server_pids) - cpu0
    result.duration_s = time.perf_counter() - t_start
    return result
