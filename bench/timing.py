"""Measuring tools of the benchmark: repeated timings, percentiles, peak memory, disk size."""

from __future__ import annotations

import math
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass(frozen=True)
class Latency:
    """Timings of repeated runs of one operation, in milliseconds."""

    median_ms: float
    p95_ms: float
    runs: int

    @classmethod
    def of(cls, seconds: list[float]) -> Latency:
        """The median and the nearest-rank 95th percentile of `seconds`.

        >>> Latency.of([0.001, 0.002, 0.003, 0.010])
        Latency(median_ms=2.5, p95_ms=10.0, runs=4)
        """
        ordered = sorted(seconds)
        rank = max(0, math.ceil(0.95 * len(ordered)) - 1)  # nearest-rank percentile
        return cls(round(statistics.median(ordered) * 1000, 3), round(ordered[rank] * 1000, 3), len(ordered))


def timed(action: Callable[[], object]) -> float:
    """Seconds `action` took."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def repeat(actions: dict[str, Callable[[], object]], runs: int, warmup: int = 1,
           budget_s: float = math.inf) -> dict[str, Latency]:
    """Time each action `runs` times, interleaved so that the machine's moods are shared; stop
    early once `budget_s` has been spent (at least one timed run each)."""
    for action in actions.values():
        for _ in range(warmup):
            action()
    samples: dict[str, list[float]] = {name: [] for name in actions}
    started = time.perf_counter()
    for _ in range(runs):
        for name, action in actions.items():
            samples[name].append(timed(action))
        if time.perf_counter() - started > budget_s:
            break
    return {name: Latency.of(values) for name, values in samples.items()}


def directory_mb(path: Path) -> float:
    """The bytes of every file under `path`, in MB (10^6)."""
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


class PeakMemory:
    """Samples a process and all its descendants while it runs; the peak of their summed RSS
    (what the machine pays) and of the largest single process."""

    INTERVAL_S = 0.05

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak_total = 0
        self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                processes = [self.process, *self.process.children(recursive=True)]
            except psutil.Error:
                return
            sizes = []
            for process in processes:
                try:
                    sizes.append(process.memory_info().rss)
                except psutil.Error:
                    continue
            if sizes:
                self.peak_total = max(self.peak_total, sum(sizes))
                self.peak_single = max(self.peak_single, max(sizes))
            self._stop.wait(self.INTERVAL_S)

    @property
    def total_mb(self) -> float:
        return round(self.peak_total / 1e6, 1)

    @property
    def single_mb(self) -> float:
        return round(self.peak_single / 1e6, 1)
