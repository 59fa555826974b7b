"""A circuit breaker with resilience4j semantics: rate windows, slow calls, bounded probes.

No Python library offers failure-rate and slow-call-rate windows with a bounded number of
half-open probes (see notes/peers.md 4), so this is our own, small and clock-injectable.

    CLOSED --(rate >= threshold over >= minimum_calls)--> OPEN
    OPEN --(wait_in_open_s elapsed, checked on the next call)--> HALF_OPEN
    HALF_OPEN --(all probes done, rates below thresholds)--> CLOSED
    HALF_OPEN --(a rate at or above a threshold, or max_half_open_wait_s passed)--> OPEN

State changes happen only between awaits, so no lock is needed under one event loop.
Cancellations are neither successes nor failures: they free the permit and count nothing.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import anyio
import structlog

from core.errors import CallNotPermittedError

log = structlog.get_logger(__name__)


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


HISTORY = 32
"""State changes a breaker remembers (the latest ones) for reports."""


@dataclass(frozen=True, slots=True)
class BreakerEvent:
    """One state change: when (UTC, for people; and on the breaker's monotonic clock)."""

    at_utc: str
    at: float
    before: BreakerState
    after: BreakerState

    def as_dict(self) -> dict[str, object]:
        return {"at": self.at_utc, "from": self.before.value, "to": self.after.value}


@dataclass(frozen=True, slots=True)
class BreakerSnapshot:
    """What a report shows about a breaker at one moment.

    `opened_at` is on the breaker's (monotonic) clock; `opened_at_utc` is for people.
    `events` are its latest state changes, oldest first: opened at, half-open probes,
    closed at.
    """

    name: str
    state: BreakerState
    failure_rate: float | None
    slow_call_rate: float | None
    buffered_calls: int
    opened_at: float | None
    opened_at_utc: str | None
    transitions: dict[str, int]
    events: tuple[BreakerEvent, ...] = ()

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "state": self.state.value,
            "failure_rate": None if self.failure_rate is None else round(self.failure_rate, 3),
            "slow_call_rate": None
            if self.slow_call_rate is None
            else round(self.slow_call_rate, 3),
            "buffered_calls": self.buffered_calls,
            "transitions": dict(self.transitions),
            "events": [event.as_dict() for event in self.events],
        }
        if self.opened_at_utc is not None:
            out["opened_at"] = self.opened_at_utc
        return out


def _rounded(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 3)


@dataclass(frozen=True, slots=True)
class _Outcome:
    failed: bool
    slow: bool


def _rates(window: deque[_Outcome] | list[_Outcome]) -> tuple[float, float]:
    total = len(window)
    failed = sum(outcome.failed for outcome in window)
    slow = sum(outcome.slow for outcome in window)
    return failed / total, slow / total


class CircuitBreaker:
    """Guards calls to one backend; `async with breaker.guard(): ...` around each call."""

    def __init__(
        self,
        name: str,
        *,
        window_size: int = 10,
        minimum_calls: int = 5,
        failure_rate_threshold: float = 0.5,
        slow_call_rate_threshold: float = 1.0,
        slow_call_duration_s: float = 60.0,
        wait_in_open_s: float = 30.0,
        half_open_calls: int = 2,
        max_half_open_wait_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        is_failure: Callable[[BaseException], bool] = lambda error: True,
    ) -> None:
        if not 1 <= minimum_calls <= window_size:
            raise ValueError("need 1 <= minimum_calls <= window_size")
        if half_open_calls < 1:
            raise ValueError("need at least one half-open call")
        self.name = name
        self._minimum_calls = minimum_calls
        self._failure_threshold = failure_rate_threshold
        self._slow_threshold = slow_call_rate_threshold
        self._slow_duration = slow_call_duration_s
        self._wait_in_open = wait_in_open_s
        self._half_open_calls = half_open_calls
        self._max_half_open_wait = max_half_open_wait_s
        self._clock = clock
        self._wall_clock = wall_clock
        self._is_failure = is_failure
        self._window: deque[_Outcome] = deque(maxlen=window_size)
        self._probes: list[_Outcome] = []
        self._probes_started = 0
        self._state = BreakerState.CLOSED
        self._since = clock()
        self._opened_at: float | None = None
        self._opened_at_utc: str | None = None
        self._generation = 0
        self._transitions: Counter[str] = Counter()
        self._events: deque[BreakerEvent] = deque(maxlen=HISTORY)

    @property
    def state(self) -> BreakerState:
        """The current state, after any transition that is due by the clock."""
        self._advance()
        return self._state

    def snapshot(self) -> BreakerSnapshot:
        self._advance()
        outcomes = self._probes if self._state is BreakerState.HALF_OPEN else list(self._window)
        enough = len(outcomes) >= (
            1 if self._state is BreakerState.HALF_OPEN else self._minimum_calls
        )
        failure_rate, slow_rate = _rates(outcomes) if enough and outcomes else (None, None)
        return BreakerSnapshot(
            name=self.name,
            state=self._state,
            failure_rate=failure_rate,
            slow_call_rate=slow_rate,
            buffered_calls=len(outcomes),
            opened_at=self._opened_at,
            opened_at_utc=self._opened_at_utc,
            transitions=dict(self._transitions),
            events=tuple(self._events),
        )

    def events_since(self, at: float) -> tuple[BreakerEvent, ...]:
        """The remembered state changes at or after `at` (the breaker's clock)."""
        return tuple(event for event in self._events if event.at >= at)

    @asynccontextmanager
    async def guard(self) -> AsyncIterator[None]:
        """Permit one call or raise CallNotPermittedError; record its outcome and duration."""
        generation = self._acquire()
        started = self._clock()
        try:
            yield
        except anyio.get_cancelled_exc_class():
            self._release(generation)
            raise
        except BaseException as error:
            if self._is_failure(error):
                self._record(generation, failed=True, duration=self._clock() - started)
            else:
                self._release(generation)
            raise
        else:
            self._record(generation, failed=False, duration=self._clock() - started)

    def _acquire(self) -> int:
        self._advance()
        if self._state is BreakerState.OPEN:
            raise CallNotPermittedError(self.name, self._state)
        if self._state is BreakerState.HALF_OPEN:
            if self._probes_started >= self._half_open_calls:
                raise CallNotPermittedError(self.name, self._state)
            self._probes_started += 1
        return self._generation

    def _release(self, generation: int) -> None:
        """A call that ended without a verdict gives its probe slot back."""
        if generation == self._generation and self._state is BreakerState.HALF_OPEN:
            self._probes_started -= 1

    def _record(self, generation: int, *, failed: bool, duration: float) -> None:
        if generation != self._generation:
            return  # permitted under an earlier state; its verdict no longer applies
        outcome = _Outcome(failed=failed, slow=duration >= self._slow_duration)
        if self._state is BreakerState.CLOSED:
            self._window.append(outcome)
            if len(self._window) >= self._minimum_calls and self._tripped(self._window):
                self._transition(BreakerState.OPEN)
        elif self._state is BreakerState.HALF_OPEN:
            self._probes.append(outcome)
            if len(self._probes) >= self._half_open_calls:
                tripped = self._tripped(self._probes)
                self._transition(BreakerState.OPEN if tripped else BreakerState.CLOSED)

    def _tripped(self, outcomes: deque[_Outcome] | list[_Outcome]) -> bool:
        failure_rate, slow_rate = _rates(outcomes)
        return failure_rate >= self._failure_threshold or slow_rate >= self._slow_threshold

    def _advance(self) -> None:
        now = self._clock()
        if self._state is BreakerState.OPEN and now - self._since >= self._wait_in_open:
            self._transition(BreakerState.HALF_OPEN)
        elif (
            self._state is BreakerState.HALF_OPEN
            and self._max_half_open_wait is not None
            and now - self._since >= self._max_half_open_wait
        ):
            self._transition(BreakerState.OPEN)

    def _transition(self, to: BreakerState) -> None:
        before = self._state
        self._state = to
        self._since = self._clock()
        self._generation += 1
        self._probes = []
        self._probes_started = 0
        wall = datetime.fromtimestamp(self._wall_clock(), UTC)
        at_utc = wall.isoformat(timespec="seconds").replace("+00:00", "Z")
        if to is BreakerState.OPEN:
            self._opened_at = self._since
            self._opened_at_utc = at_utc
        elif to is BreakerState.CLOSED:
            self._window.clear()
            self._opened_at = self._opened_at_utc = None
        self._transitions[f"{before.value}->{to.value}"] += 1
        self._events.append(BreakerEvent(at_utc, self._since, before, to))
        log.info("breaker_state_change", breaker=self.name, before=before.value, after=to.value)
