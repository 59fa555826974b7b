"""The process's model runtime against a real loopback endpoint: modes, fallback, and a
breaker that outlives a file."""

from __future__ import annotations

import pytest

from core.errors import ModelRequiredError
from core.model.breaker import BreakerState
from core.model.resilience import RetryPolicy
from core.model.stage import ModelOptions, Refined
from core.settings import Settings
from server.runtime.model_mode import ModelMode
from server.runtime.model_runtime import BlockingModelRuntime, ModelRuntime
from tests.support.fake_openai import Mode, Oracle, fake_openai
from tests.support.one_doubt import FIXED, INDEXES, TEXT, rules_result

ORACLE = {TEXT: Oracle(FIXED)}


def settings_for(base_url: str, backend: str = "openai") -> Settings:
    model = {"backend": backend, "base_url": base_url, "timeout_s": 0.2, "budget_s": 0.4}
    return Settings(model=model)


def refine(runtime: BlockingModelRuntime, settings: Settings, mode: ModelMode) -> Refined | None:
    return runtime.portal.call(
        lambda: runtime.runtime.refine(rules_result(), INDEXES, settings, mode=mode)
    )


def run(mode: Mode, model_mode: ModelMode, backend: str = "openai") -> Refined | None:
    with fake_openai(mode, ORACLE) as fake, BlockingModelRuntime.running() as runtime:
        return refine(runtime, settings_for(fake.base_url, backend), model_mode)


def test_model_off_makes_no_call_and_no_report() -> None:
    with fake_openai("good", ORACLE) as fake, BlockingModelRuntime.running() as runtime:
        assert refine(runtime, settings_for(fake.base_url), ModelMode.OFF) is None
    assert fake.calls == 0


def test_model_auto_applies_a_validated_answer() -> None:
    refined = run("good", ModelMode.AUTO)
    assert refined is not None
    assert refined.result.transcript.texts == ["he practised tapasyā daily"]
    assert refined.report.backend == "openai"
    assert refined.report.accepted == 1 and refined.report.fallback_reason == ""


def test_model_auto_falls_back_when_the_endpoint_is_down_and_says_why() -> None:
    refined = run("down", ModelMode.AUTO)
    assert refined is not None
    assert refined.result.transcript == rules_result().transcript
    assert refined.report.fallbacks == 1
    assert refined.report.fallback_reason == "failed"


def test_a_hanging_endpoint_is_reported_as_a_timeout() -> None:
    refined = run("hang", ModelMode.AUTO)
    assert refined is not None
    assert refined.report.fallback_reason == "timeout"


def test_model_required_fails_clearly_when_no_model_answered() -> None:
    with pytest.raises(ModelRequiredError, match="no model answered"):
        run("500", ModelMode.REQUIRED)


def test_model_required_fails_when_no_backend_is_configured() -> None:
    with pytest.raises(ModelRequiredError, match=r"model\.backend is 'none'"):
        run("good", ModelMode.REQUIRED, backend="none")


def test_model_auto_without_a_backend_keeps_the_rule_result() -> None:
    assert run("good", ModelMode.AUTO, backend="none") is None


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


NO_RETRY = ModelOptions(timeout_s=0.2, budget_s=2.0, retry=RetryPolicy(attempts=1))


async def test_a_breaker_opened_on_one_file_stays_open_for_the_next_and_costs_it_no_call() -> None:
    clock = FakeClock()
    with fake_openai("500", ORACLE) as fake:
        settings = settings_for(fake.base_url)
        async with ModelRuntime.open(clock=clock, options=lambda _: NO_RETRY) as runtime:
            reports = []
            for _ in range(4):  # four files fail one call each: the breaker opens (4 calls)
                refined = await runtime.refine(
                    rules_result(), INDEXES, settings, mode=ModelMode.AUTO
                )
                assert refined is not None
                reports.append(refined.report)
            calls_before = fake.calls
            fifth = await runtime.refine(rules_result(), INDEXES, settings, mode=ModelMode.AUTO)
    assert [report.fallback_reason for report in reports] == ["failed"] * 4
    assert reports[-1].breaker is not None and reports[-1].breaker.state is BreakerState.OPEN
    assert fifth is not None
    assert fake.calls == calls_before  # the open breaker refused the fifth file's call
    assert fifth.report.fallback_reason == "breaker open"
    assert fifth.report.stats.calls == 0


async def test_a_recovered_endpoint_is_used_again_after_the_wait_in_open() -> None:
    clock = FakeClock()
    with fake_openai("500", ORACLE) as fake:
        settings = settings_for(fake.base_url)
        async with ModelRuntime.open(clock=clock, options=lambda _: NO_RETRY) as runtime:
            for _ in range(4):
                await runtime.refine(rules_result(), INDEXES, settings, mode=ModelMode.AUTO)
            fake.state.mode = "good"  # the endpoint recovers while the breaker is open
            still_open = await runtime.refine(
                rules_result(), INDEXES, settings, mode=ModelMode.AUTO
            )
            clock.now += 31.0  # past the 30 s wait in open: the next call is a probe
            probe = await runtime.refine(rules_result(), INDEXES, settings, mode=ModelMode.AUTO)
            again = await runtime.refine(rules_result(), INDEXES, settings, mode=ModelMode.AUTO)
            breaker = runtime.breakers()[f"openai {fake.base_url}"]
    assert still_open is not None and still_open.report.fallback_reason == "breaker open"
    assert probe is not None and probe.report.accepted == 1
    assert again is not None and again.report.accepted == 1
    assert breaker.state is BreakerState.CLOSED
    changes = [(event.before.value, event.after.value) for event in breaker.events]
    assert changes == [("closed", "open"), ("open", "half_open"), ("half_open", "closed")]
