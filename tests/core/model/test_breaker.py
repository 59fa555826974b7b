"""The circuit breaker's state machine, driven by a fake clock."""

from __future__ import annotations

from dataclasses import dataclass

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import CallNotPermittedError
from core.model.breaker import BreakerState, CircuitBreaker


@dataclass
class FakeClock:
    now: float = 0.0

    def __call__(self) -> float:
        return self.now


class BoomError(RuntimeError):
    pass


def make_breaker(clock: FakeClock, **overrides: float | int | None) -> CircuitBreaker:
    options: dict[str, float | int | None] = {
        "window_size": 10,
        "minimum_calls": 4,
        "failure_rate_threshold": 0.5,
        "slow_call_rate_threshold": 0.75,
        "slow_call_duration_s": 2.0,
        "wait_in_open_s": 30.0,
        "half_open_calls": 2,
        "max_half_open_wait_s": None,
    }
    options.update(overrides)
    return CircuitBreaker("test", clock=clock, wall_clock=clock, **options)  # type: ignore[arg-type]


def state_of(breaker: CircuitBreaker) -> BreakerState:
    """The state now (a call, so that mypy does not narrow it across clock changes)."""
    return breaker.state


async def succeed(breaker: CircuitBreaker, clock: FakeClock, *, duration: float = 0.0) -> None:
    async with breaker.guard():
        clock.now += duration


async def fail(breaker: CircuitBreaker) -> None:
    with pytest.raises(BoomError):
        async with breaker.guard():
            raise BoomError


async def open_breaker(breaker: CircuitBreaker) -> None:
    for _ in range(4):
        await fail(breaker)
    assert state_of(breaker) is BreakerState.OPEN


async def test_failures_below_the_minimum_number_of_calls_do_not_open() -> None:
    breaker = make_breaker(FakeClock())
    for _ in range(3):
        await fail(breaker)
    assert state_of(breaker) is BreakerState.CLOSED
    assert breaker.snapshot().failure_rate is None


async def test_breaker_opens_when_failure_rate_reaches_threshold_at_minimum_calls() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock)
    await succeed(breaker, clock)
    await succeed(breaker, clock)
    await fail(breaker)
    assert state_of(breaker) is BreakerState.CLOSED
    await fail(breaker)
    snapshot = breaker.snapshot()
    assert snapshot.state is BreakerState.OPEN
    assert snapshot.failure_rate == 0.5
    assert snapshot.opened_at == 0.0
    assert snapshot.opened_at_utc == "1970-01-01T00:00:00Z"
    assert snapshot.as_dict()["opened_at"] == "1970-01-01T00:00:00Z"
    assert snapshot.transitions == {"closed->open": 1}


async def test_failure_rate_below_threshold_keeps_breaker_closed() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock)
    for _ in range(3):
        await succeed(breaker, clock)
    await fail(breaker)
    assert state_of(breaker) is BreakerState.CLOSED
    assert breaker.snapshot().failure_rate == 0.25


async def test_open_breaker_rejects_calls_without_running_them() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock)
    await open_breaker(breaker)
    ran = False
    with pytest.raises(CallNotPermittedError) as raised:
        async with breaker.guard():
            ran = True
    assert not ran
    assert raised.value.state is BreakerState.OPEN


async def test_open_breaker_half_opens_only_after_the_wait() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock)
    await open_breaker(breaker)
    clock.now = 29.9
    assert state_of(breaker) is BreakerState.OPEN
    clock.now = 30.0
    assert state_of(breaker) is BreakerState.HALF_OPEN


async def test_half_open_permits_only_the_configured_number_of_probes() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock)
    await open_breaker(breaker)
    clock.now = 30.0
    entered = 0
    rejected = 0
    release = anyio.Event()

    async def probe() -> None:
        nonlocal entered, rejected
        try:
            async with breaker.guard():
                entered += 1
                await release.wait()
        except CallNotPermittedError:
            rejected += 1

    async with anyio.create_task_group() as group:
        for _ in range(5):
            group.start_soon(probe)
        await anyio.wait_all_tasks_blocked()
        assert (entered, rejected) == (2, 3)
        release.set()
    assert state_of(breaker) is BreakerState.CLOSED


async def test_successful_probes_close_the_breaker_and_clear_the_window() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock)
    await open_breaker(breaker)
    clock.now = 30.0
    await succeed(breaker, clock)
    assert state_of(breaker) is BreakerState.HALF_OPEN
    await succeed(breaker, clock)
    snapshot = breaker.snapshot()
    assert snapshot.state is BreakerState.CLOSED
    assert snapshot.buffered_calls == 0
    assert snapshot.opened_at is None
    assert snapshot.transitions == {"closed->open": 1, "open->half_open": 1, "half_open->closed": 1}


async def test_failing_probe_reopens_the_breaker_and_restarts_the_wait() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock)
    await open_breaker(breaker)
    clock.now = 30.0
    await succeed(breaker, clock)
    await fail(breaker)
    assert state_of(breaker) is BreakerState.OPEN
    assert breaker.snapshot().opened_at == 30.0
    clock.now = 59.0
    assert state_of(breaker) is BreakerState.OPEN
    clock.now = 60.0
    assert state_of(breaker) is BreakerState.HALF_OPEN


async def test_slow_successful_calls_open_the_breaker() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock)
    await succeed(breaker, clock, duration=0.1)
    for _ in range(3):
        await succeed(breaker, clock, duration=3.0)
    snapshot = breaker.snapshot()
    assert snapshot.state is BreakerState.OPEN
    assert snapshot.slow_call_rate == 0.75
    assert snapshot.failure_rate == 0.0


async def test_hung_probes_reopen_after_the_maximum_half_open_wait() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock, max_half_open_wait_s=5.0)
    await open_breaker(breaker)
    clock.now = 30.0
    release = anyio.Event()

    async def hung_probe() -> None:
        async with breaker.guard():
            await release.wait()

    async with anyio.create_task_group() as group:
        group.start_soon(hung_probe)
        group.start_soon(hung_probe)
        await anyio.wait_all_tasks_blocked()
        clock.now = 34.9
        assert state_of(breaker) is BreakerState.HALF_OPEN
        clock.now = 35.0
        assert state_of(breaker) is BreakerState.OPEN
        release.set()
    # the late successes belong to the abandoned half-open period and change nothing
    assert state_of(breaker) is BreakerState.OPEN
    assert breaker.snapshot().transitions["half_open->open"] == 1


async def test_cancelled_calls_count_neither_way() -> None:
    clock = FakeClock()
    breaker = make_breaker(clock)
    for _ in range(10):
        with anyio.move_on_after(0):
            async with breaker.guard():
                await anyio.sleep(1)
    assert breaker.snapshot().buffered_calls == 0
    assert state_of(breaker) is BreakerState.CLOSED


async def test_errors_the_predicate_excludes_are_not_failures() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(
        "test",
        minimum_calls=2,
        clock=clock,
        is_failure=lambda error: not isinstance(error, BoomError),
    )
    for _ in range(5):
        await fail(breaker)
    assert state_of(breaker) is BreakerState.CLOSED


@given(st.lists(st.booleans(), max_size=40))
def test_closed_breaker_opens_exactly_when_the_window_rate_first_reaches_threshold(
    outcomes: list[bool],
) -> None:
    expected_open_at: int | None = None
    for end in range(1, len(outcomes) + 1):
        window = outcomes[max(0, end - 10) : end]
        if len(window) >= 4 and sum(window) / len(window) >= 0.5:
            expected_open_at = end
            break

    async def run() -> int | None:
        clock = FakeClock()
        breaker = make_breaker(clock)
        for made, failed in enumerate(outcomes, 1):
            if failed:
                await fail(breaker)
            else:
                await succeed(breaker, clock)
            if state_of(breaker) is BreakerState.OPEN:
                return made
        return None

    assert anyio.run(run) == expected_open_at
