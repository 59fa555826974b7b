"""The in-memory per-tool metrics behind metrics://server."""

from __future__ import annotations

import itertools

from server.runtime.metrics import Metrics


def test_snapshot_counts_calls_errors_and_latency_by_tool() -> None:
    ticks = itertools.count(100.0, 2.0)
    metrics = Metrics(clock=lambda: next(ticks))
    metrics.record("lookup_term", 1.0, error=False)
    metrics.record("lookup_term", 3.0, error=True)
    metrics.record("process_transcript", 10.0, error=False)
    snapshot = metrics.snapshot()
    assert snapshot["calls"] == 3 and snapshot["errors"] == 1
    assert snapshot["uptime_s"] == 2.0
    lookup = snapshot["tools"]["lookup_term"]
    assert lookup["calls"] == 2 and lookup["errors"] == 1
    assert lookup["latency_ms"] == {"mean": 2.0, "median": 2.0, "p95": 3.0, "max": 3.0}


def test_memory_stays_bounded_over_many_calls() -> None:
    metrics = Metrics()
    for value in range(5000):
        metrics.record("lookup_term", float(value), error=False)
    stats = metrics.snapshot()["tools"]["lookup_term"]
    assert stats["calls"] == 5000
    assert stats["latency_ms"]["max"] == 4999.0
    assert stats["latency_ms"]["median"] > 4000
