"""Retry, breaker and timeout layered around a backend: what is retried and what is not."""

from __future__ import annotations

from dataclasses import dataclass, field

import anyio
import httpx
import pytest

from core.errors import CallNotPermittedError, ModelAnswerError, ModelUnavailableError
from core.model.breaker import BreakerState, CircuitBreaker
from core.model.protocol import Answer, Batch, Question, Suggestion
from core.model.resilience import CallStats, RetryPolicy, breaker_for, call_resilient
from server.runtime.openai_backend import OpenAIBackend
from tests.support.fake_openai import fake_openai

BATCH = Batch((Question(1, "he practised tapasya daily", (2,)),))
FAST = RetryPolicy(attempts=3, initial_s=0.01, max_s=0.02, jitter_s=0.0)


@dataclass
class ScriptedBackend:
    """Raises the scripted errors in turn, then answers; `hang` makes every call block."""

    errors: list[BaseException] = field(default_factory=list)
    hang: bool = False
    calls: int = 0

    @property
    def name(self) -> str:
        return "scripted"

    async def correct(self, batch: Batch) -> Answer:
        self.calls += 1
        if self.hang:
            await anyio.sleep_forever()
        if self.errors:
            raise self.errors.pop(0)
        return Answer((Suggestion(1, "he practised tapasyā daily"),))


@dataclass
class RecordingSleep:
    waits: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await anyio.sleep(0)


async def call(
    backend: ScriptedBackend | OpenAIBackend,
    *,
    breaker: CircuitBreaker | None = None,
    stats: CallStats | None = None,
    sleep: RecordingSleep | None = None,
    timeout_s: float = 1.0,
) -> Answer:
    return await call_resilient(
        backend,
        BATCH,
        breaker=breaker or breaker_for("test", timeout_s=timeout_s),
        timeout_s=timeout_s,
        stats=stats if stats is not None else CallStats(),
        policy=FAST,
        sleep=sleep or RecordingSleep(),
    )


async def test_transient_faults_are_retried_until_an_answer_comes() -> None:
    backend = ScriptedBackend([ModelUnavailableError("503"), ModelUnavailableError("503")])
    stats = CallStats()
    sleep = RecordingSleep()
    answer = await call(backend, stats=stats, sleep=sleep)
    assert answer.suggestions[0].text == "he practised tapasyā daily"
    assert (stats.calls, stats.failures, stats.retries) == (3, 2, 2)
    assert len(sleep.waits) == 2
    assert sleep.waits[0] < sleep.waits[1] <= FAST.max_s


async def test_retries_stop_after_the_configured_attempts() -> None:
    backend = ScriptedBackend([ModelUnavailableError("503") for _ in range(5)])
    stats = CallStats()
    with pytest.raises(ModelUnavailableError):
        await call(backend, stats=stats)
    assert backend.calls == FAST.attempts
    assert stats.retries == FAST.attempts - 1


async def test_unreadable_answers_are_not_retried() -> None:
    backend = ScriptedBackend([ModelAnswerError("prose")])
    with pytest.raises(ModelAnswerError):
        await call(backend)
    assert backend.calls == 1


async def test_open_breaker_is_not_retried_and_the_backend_is_not_called() -> None:
    breaker = CircuitBreaker("test", minimum_calls=1, window_size=1)
    with pytest.raises(RuntimeError):
        async with breaker.guard():
            raise RuntimeError("down")
    backend = ScriptedBackend()
    sleep = RecordingSleep()
    with pytest.raises(CallNotPermittedError):
        await call(backend, breaker=breaker, sleep=sleep)
    assert backend.calls == 0
    assert sleep.waits == []


async def test_hanging_call_times_out_counts_as_failure_and_is_retried() -> None:
    backend = ScriptedBackend(hang=True)
    stats = CallStats()
    breaker = breaker_for("test", timeout_s=0.05)
    with pytest.raises(TimeoutError):
        await call(backend, stats=stats, breaker=breaker, timeout_s=0.05)
    assert backend.calls == FAST.attempts
    assert stats.failures == FAST.attempts
    assert breaker.snapshot().failure_rate is None  # 3 calls: below the minimum of 4


async def test_cancellation_is_neither_retried_nor_a_failure() -> None:
    backend = ScriptedBackend(hang=True)
    stats = CallStats()
    breaker = breaker_for("test", timeout_s=10)
    with anyio.move_on_after(0.05):
        await call(backend, stats=stats, breaker=breaker, timeout_s=10)
    assert backend.calls == 1
    assert (stats.failures, stats.retries) == (0, 0)
    assert breaker.snapshot().buffered_calls == 0
    assert breaker.state is BreakerState.CLOSED


async def test_rate_limit_waits_exactly_as_long_as_retry_after_says() -> None:
    sleep = RecordingSleep()
    stats = CallStats()
    with fake_openai("429", retry_after="2", limited_calls=1) as fake:
        async with httpx.AsyncClient() as http:
            backend = OpenAIBackend(http, base_url=fake.base_url, model="fake")
            answer = await call(backend, stats=stats, sleep=sleep)
    assert sleep.waits == [2.0]
    assert fake.calls == 2
    assert stats.retries == 1
    assert answer.suggestions[0].text == BATCH.questions[0].text  # oracle knows nothing


async def test_retry_after_is_capped() -> None:
    sleep = RecordingSleep()
    backend = ScriptedBackend([ModelUnavailableError("429", status=429, retry_after=3600.0)])
    await call(backend, sleep=sleep)
    assert sleep.waits == [RetryPolicy().max_retry_after_s]


async def test_no_retry_starts_that_could_not_finish_before_the_deadline() -> None:
    backend = ScriptedBackend(hang=True)
    stats = CallStats()
    deadline = anyio.current_time() + 0.3  # room for one 0.2 s attempt, not for a second
    with pytest.raises(TimeoutError):
        await call_resilient(
            backend,
            BATCH,
            breaker=breaker_for("scripted", timeout_s=0.2),
            timeout_s=0.2,
            stats=stats,
            policy=FAST,
            deadline=deadline,
        )
    assert backend.calls == 1
    assert (stats.calls, stats.timeouts, stats.retries) == (1, 1, 0)


async def test_retries_go_on_while_the_deadline_leaves_room() -> None:
    backend = ScriptedBackend(errors=[ModelUnavailableError("busy"), ModelUnavailableError("busy")])
    stats = CallStats()
    answer = await call_resilient(
        backend,
        BATCH,
        breaker=breaker_for("scripted", timeout_s=0.2),
        timeout_s=0.2,
        stats=stats,
        policy=FAST,
        deadline=anyio.current_time() + 5.0,
    )
    assert answer.suggestions and backend.calls == 3 and stats.retries == 2
