"""`--model off|auto|required` against a real loopback endpoint."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.engine import ProcessResult, Summary
from core.errors import ModelRequiredError
from core.knowledge.english import EnglishWords
from core.settings import Settings
from core.transcript.edits import Finding
from core.transcript.segments import Segment, Transcript
from server.runtime.model_mode import ModelMode
from server.runtime.model_run import run_with_model
from tests.support.fake_openai import Mode, Oracle, fake_openai

TEXT = "he practised tapasya daily"
ORACLE = {TEXT: Oracle("he practised tapasyā daily")}


@dataclass(frozen=True)
class NoVerses:
    def get(self, verse_id: str) -> None:
        return None


@dataclass(frozen=True)
class Indexes:
    verses: NoVerses
    english: EnglishWords


INDEXES = Indexes(NoVerses(), EnglishWords(dict.fromkeys(["he", "practised", "daily"], 5.0)))


def rules_result() -> ProcessResult:
    segment = Segment(1, 1, "00:00:01,000 --> 00:00:02,000", 1000, 2000, TEXT)
    summary = Summary(1, 0, {"terms": 0}, [], 1.0)
    finding = Finding(1, "uncertain", "tapasya", 0.5, start=13, end=20)
    return ProcessResult(Transcript((segment,)), [], [finding], summary)


def settings_for(base_url: str, backend: str = "openai") -> Settings:
    model = {"backend": backend, "base_url": base_url, "timeout_s": 0.2, "budget_s": 0.4}
    return Settings(model=model)


def run(mode: Mode, cli_mode: ModelMode, backend: str = "openai") -> ProcessResult:
    with fake_openai(mode, ORACLE) as fake:
        return run_with_model(
            rules_result(),
            INDEXES,
            settings_for(fake.base_url, backend),
            mode=cli_mode,
        )


def test_model_off_returns_the_rule_result_without_a_call() -> None:
    result = rules_result()
    with fake_openai("good", ORACLE) as fake:
        assert (
            run_with_model(result, INDEXES, settings_for(fake.base_url), mode=ModelMode.OFF)
            is result
        )
    assert fake.calls == 0


def test_model_auto_applies_a_validated_answer() -> None:
    refined = run("good", ModelMode.AUTO)
    assert refined.transcript.texts == ["he practised tapasyā daily"]
    assert refined.summary.model is not None
    assert refined.summary.model["backend"] == "openai"


def test_model_auto_falls_back_when_the_endpoint_is_down() -> None:
    refined = run("down", ModelMode.AUTO)
    assert refined.transcript == rules_result().transcript
    assert refined.summary.model is not None
    assert refined.summary.model["fallbacks"] == 1


def test_model_required_fails_clearly_when_no_model_answered() -> None:
    with pytest.raises(ModelRequiredError, match="no model answered"):
        run("500", ModelMode.REQUIRED)


def test_model_required_fails_when_no_backend_is_configured() -> None:
    with pytest.raises(ModelRequiredError, match=r"model\.backend is 'none'"):
        run("good", ModelMode.REQUIRED, backend="none")


def test_model_auto_without_a_backend_keeps_the_rule_result() -> None:
    refined = run("good", ModelMode.AUTO, backend="none")
    assert refined.summary.model is None
    assert refined.transcript == rules_result().transcript
