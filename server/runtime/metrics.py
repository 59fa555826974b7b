"""Per-tool call counts, errors and latency, kept in memory for the metrics resource."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from core.model.breaker import BreakerSnapshot
from core.model.stage import ModelReport

_MODEL_COUNTERS = ("calls", "failures", "retries", "fallbacks", "accepted", "rejected")
_WINDOW = 1024
"""Latencies kept per tool for percentiles; older ones are dropped."""


@dataclass(slots=True)
class _ToolStats:
    calls: int = 0
    errors: int = 0
    total_ms: float = 0.0
    recent_ms: list[float] = field(default_factory=list)


@dataclass(slots=True)
class Metrics:
    """Counters for one server process; safe to record from worker threads."""

    clock: Callable[[], float] = time.monotonic
    _started: float = field(init=False)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _tools: dict[str, _ToolStats] = field(init=False, default_factory=dict)
    _model: dict[str, int] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._started = self.clock()

    def record(self, tool: str, elapsed_ms: float, *, error: bool) -> None:
        """Count one finished call of `tool`."""
        with self._lock:
            stats = self._tools.setdefault(tool, _ToolStats())
            stats.calls += 1
            stats.errors += int(error)
            stats.total_ms += elapsed_ms
            stats.recent_ms.append(elapsed_ms)
            if len(stats.recent_ms) > _WINDOW:
                del stats.recent_ms[: len(stats.recent_ms) - _WINDOW]

    def record_model(self, report: ModelReport) -> None:
        """Add one transcript's model figures; fallbacks are counted by reason too."""
        figures = {
            "calls": report.stats.calls,
            "failures": report.stats.failures,
            "retries": report.stats.retries,
            "fallbacks": report.fallbacks,
            "accepted": report.accepted,
            "rejected": report.rejected,
        }
        with self._lock:
            for key, value in figures.items():
                self._model[key] = self._model.get(key, 0) + value
            if report.fallback_reason:
                reason = f"fell back: {report.fallback_reason}"
                self._model[reason] = self._model.get(reason, 0) + 1

    def snapshot(self, breakers: Mapping[str, BreakerSnapshot] | None = None) -> dict[str, Any]:
        """Calls, errors and latency (mean, median, p95, max over recent calls) by tool; the
        model's counters, and each breaker's state with its latest state changes."""
        with self._lock:
            tools = {name: _describe(stats) for name, stats in sorted(self._tools.items())}
            return {
                "uptime_s": round(self.clock() - self._started, 3),
                "calls": sum(stats.calls for stats in self._tools.values()),
                "errors": sum(stats.errors for stats in self._tools.values()),
                "tools": tools,
                "model": {
                    **{key: self._model.get(key, 0) for key in _MODEL_COUNTERS},
                    "fell_back": {
                        key.removeprefix("fell back: "): value
                        for key, value in sorted(self._model.items())
                        if key.startswith("fell back: ")
                    },
                    "breakers": {
                        name: snapshot.as_dict() for name, snapshot in (breakers or {}).items()
                    },
                },
            }


def _describe(stats: _ToolStats) -> dict[str, Any]:
    recent = sorted(stats.recent_ms)
    p95 = recent[min(len(recent) - 1, int(0.95 * len(recent)))] if recent else 0.0
    return {
        "calls": stats.calls,
        "errors": stats.errors,
        "latency_ms": {
            "mean": round(stats.total_ms / stats.calls, 3) if stats.calls else 0.0,
            "median": round(median(recent), 3) if recent else 0.0,
            "p95": round(p95, 3),
            "max": round(recent[-1], 3) if recent else 0.0,
        },
    }
