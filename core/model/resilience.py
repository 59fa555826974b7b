"""Resilient model calls: retry (transient faults) <- circuit breaker <- timeout <- call.

Retries are for transient faults only (connection errors, timeouts, 429 honouring
Retry-After, 5xx), with exponential backoff and jitter. An open breaker, an unreadable
answer and a cancellation are never retried.
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_any,
)
from tenacity.stop import stop_base

from core.errors import ModelError, ModelUnavailableError
from core.model.breaker import CircuitBreaker
from core.model.protocol import Answer, Batch, ModelBackend


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently a failed call is tried again."""

    attempts: int = 3
    initial_s: float = 0.25
    max_s: float = 4.0
    jitter_s: float = 0.25
    max_retry_after_s: float = 30.0


@dataclass(slots=True)
class CallStats:
    """Counters for one transcript's model calls (each attempt the breaker let through)."""

    calls: int = 0
    failures: int = 0
    retries: int = 0
    not_permitted: int = 0
    timeouts: int = 0


def breaker_for(
    backend: str, *, timeout_s: float, clock: Callable[[], float] = time.monotonic
) -> CircuitBreaker:
    """The breaker a model backend gets: a short window, since a transcript makes few calls.

    Opens when about two thirds of at least 4 recent calls failed (a backend failing
    every other call, which retries recover, reaches 3 of 5 = 0.6 and stays usable), or
    when 80% were slow (over 80% of the per-call timeout); probes again after 30 s with 2
    calls, and gives up on probes that take more than twice the timeout.
    """
    return CircuitBreaker(
        f"model:{backend}",
        window_size=10,
        minimum_calls=4,
        failure_rate_threshold=0.65,
        slow_call_rate_threshold=0.8,
        slow_call_duration_s=0.8 * timeout_s,
        wait_in_open_s=30.0,
        half_open_calls=2,
        max_half_open_wait_s=2 * timeout_s,
        clock=clock,
    )


class _CannotFinishBy(stop_base):
    """A tenacity stop: the next attempt, after its wait, could outlast the deadline."""

    def __init__(self, deadline: float, timeout_s: float) -> None:
        self._deadline = deadline
        self._timeout_s = timeout_s

    def __call__(self, retry_state: RetryCallState) -> bool:
        wait = retry_state.upcoming_sleep or 0.0
        return anyio.current_time() + wait + self._timeout_s > self._deadline


def is_transient(error: BaseException) -> bool:
    """Worth another attempt: a per-call timeout or a fault the backend calls transient."""
    return isinstance(error, TimeoutError | ModelUnavailableError)


def _wait(policy: RetryPolicy) -> Callable[[RetryCallState], float]:
    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome is not None else None
        if isinstance(error, ModelUnavailableError) and error.retry_after is not None:
            return min(error.retry_after, policy.max_retry_after_s)
        exponential = policy.initial_s * 2.0 ** (state.attempt_number - 1)
        return min(policy.max_s, exponential) + random.uniform(0, policy.jitter_s)

    return wait


async def call_resilient(
    backend: ModelBackend,
    batch: Batch,
    *,
    breaker: CircuitBreaker,
    timeout_s: float,
    stats: CallStats,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    deadline: float | None = None,
) -> Answer:
    """Ask `backend` about `batch` under the full resilience stack, or raise.

    Raises CallNotPermittedError (breaker open), ModelError or TimeoutError once retries
    are exhausted; the caller keeps the rule result for the batch. With a `deadline` (on
    anyio's clock: the transcript's budget), no retry starts that could not finish before
    it: a hanging endpoint costs one timeout, not the whole budget.
    """
    policy = policy or RetryPolicy()
    attempts = 0

    async def attempt() -> Answer:
        nonlocal attempts
        async with breaker.guard():
            attempts += 1
            stats.calls += 1
            if attempts > 1:  # a retry counts only once the breaker has let it through
                stats.retries += 1
            try:
                with anyio.fail_after(timeout_s):
                    return await backend.correct(batch)
            except TimeoutError:
                stats.failures += 1
                stats.timeouts += 1
                raise
            except ModelError:
                stats.failures += 1
                raise

    stops: list[stop_base] = [stop_after_attempt(policy.attempts)]
    if deadline is not None:
        stops.append(_CannotFinishBy(deadline, timeout_s))
    retrying = AsyncRetrying(
        stop=stop_any(*stops),
        wait=_wait(policy),
        retry=retry_if_exception(is_transient),
        sleep=sleep,
        reraise=True,
    )
    return await retrying(attempt)
