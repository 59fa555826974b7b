"""The model stage end to end against a real loopback OpenAI-compatible server.

The golden set: hard segments the rules left uncertain (as the terms and verses stages
report them), each with the reference a careful editor would write.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import anyio
import httpx
import jiwer
import pytest

from core.engine import ProcessResult, Summary
from core.knowledge.english import EnglishWords
from core.model.breaker import BreakerState, CircuitBreaker
from core.model.resilience import RetryPolicy, breaker_for
from core.model.stage import (
    ModelOptions,
    Refined,
    make_batches,
    refine_with_model,
    select_questions,
)
from core.model.validation import Checks
from core.settings import Settings, StyleSettings
from core.stages.verses import Verse, VerseIndex, build_verse_index
from core.transcript.edits import Correction, Finding
from core.transcript.segments import Segment, Transcript
from server.runtime.openai_backend import OpenAIBackend
from tests.support.fake_openai import Mode, Oracle, fake_openai

BG_2_47 = (
    "karmaṇy evādhikāras te mā phaleṣu kadācana | mā karmaphalahetur bhūr mā te saṅgo "
    "'stv akarmaṇi ||"
)
BG_4_7 = (
    "yadā yadā hi dharmasya glānir bhavati bhārata | abhyutthānam adharmasya tadātmānaṃ "
    "sṛjāmy aham ||"
)


@dataclass(frozen=True)
class Hard:
    """A segment as the rules left it, what they flagged, and the reference text."""

    rules: str
    flagged: tuple[str, ...]
    reference: str
    verse: str | None = None


GOLDEN = (
    Hard(
        "so Kṛṣṇa says karmanye vadhikaraste ma phaleshu kadachana",
        ("karmanye vadhikaraste ma phaleshu kadachana",),
        "so Kṛṣṇa says karmaṇy evādhikāras te mā phaleṣu kadācana",
        "BG 2.47",
    ),
    Hard(
        "yada yada hi dharmasya glanir bhavati bharata he said",
        ("yada yada hi dharmasya glanir bhavati bharata",),
        "yadā yadā hi dharmasya glānir bhavati bhārata he said",
        "BG 4.7",
    ),
    Hard(
        "the state of sthitha pragnya is described here",
        ("sthitha pragnya",),
        "the state of sthita-prajña is described here",
    ),
    Hard(
        "he practised tapasya and swadhyaya daily",
        ("tapasya", "swadhyaya"),
        "he practised tapasyā and svādhyāya daily",
    ),
    Hard(
        "this is called vairagya by Patañjali",
        ("vairagya",),
        "this is called vairāgya by Patañjali",
    ),
    Hard(
        "in samādhi the chitta vritti cease", ("chitta vritti",), "in samādhi the citta vṛtti cease"
    ),
    Hard(
        "ishvara pranidhana is surrender", ("ishvara pranidhana",), "īśvara-praṇidhāna is surrender"
    ),
    Hard("it was a drama of the soul", ("drama",), "it was a drama of the soul"),
)
FILLER = ("Good morning everyone.", "Let us begin.", "Please sit comfortably.")

ORACLE = {hard.rules: Oracle(hard.reference, hard.verse) for hard in GOLDEN}

COMMON_ENGLISH = (
    "so says the state of is described here he practised and daily this called by in "
    "cease it was a drama soul good morning everyone let us begin please sit "
    "comfortably surrender said"
)
ENGLISH = EnglishWords(dict.fromkeys(COMMON_ENGLISH.split(), 5.0))


@dataclass(frozen=True)
class Indexes:
    verses: VerseIndex
    english: EnglishWords


INDEXES = Indexes(
    verses=build_verse_index(
        [
            Verse("BG 2.47", "Bhagavad Gītā", "2.47", BG_2_47, None),
            Verse("BG 4.7", "Bhagavad Gītā", "4.7", BG_4_7, None),
        ]
    ),
    english=ENGLISH,
)
SETTINGS = Settings()
FAST_RETRY = RetryPolicy(attempts=3, initial_s=0.01, max_s=0.05, jitter_s=0.01)
OPTIONS = ModelOptions(
    timeout_s=0.5, max_concurrency=4, budget_s=3.0, batch_size=2, retry=FAST_RETRY
)


def _segment(position: int, text: str) -> Segment:
    start = position * 2000
    timing = f"00:00:{start // 1000:02d},000 --> 00:00:{start // 1000 + 1:02d},500"
    return Segment(position, position, timing, start, start + 1500, text)


def rules_result() -> ProcessResult:
    """The golden segments interleaved with plain ones, findings as the rule stages give."""
    texts: list[str] = []
    findings: list[Finding] = []
    for number, hard in enumerate(GOLDEN):
        texts.append(FILLER[number % len(FILLER)])
        texts.append(hard.rules)
        for phrase in hard.flagged:
            start = hard.rules.index(phrase)
            findings.append(
                Finding(
                    segment=len(texts),
                    kind="verse" if hard.verse else "uncertain",
                    ref=hard.verse or phrase,
                    confidence=0.5,
                    restored=False,
                    start=start,
                    end=start + len(phrase),
                )
            )
    transcript = Transcript(tuple(_segment(i, t) for i, t in enumerate(texts, 1)), "golden.srt")
    summary = Summary(
        segments=len(texts),
        changed_segments=0,
        corrections_by_stage={"normalize": 0, "numbers": 0, "verses": 0, "terms": 0},
        verses=[],
        elapsed_ms=1.0,
    )
    return ProcessResult(transcript, [], findings, summary)


def references() -> list[str]:
    by_rules = {hard.rules: hard.reference for hard in GOLDEN}
    return [by_rules.get(text, text) for text in rules_result().transcript.texts]


def word_error_rate(result: ProcessResult) -> float:
    return float(jiwer.wer(references(), result.transcript.texts))


async def refine(
    mode: Mode,
    *,
    options: ModelOptions = OPTIONS,
    breaker: CircuitBreaker | None = None,
    delay_s: float = 0.0,
    settings: Settings = SETTINGS,
) -> tuple[Refined, int]:
    with fake_openai(mode, ORACLE, delay_s=delay_s) as fake:
        async with httpx.AsyncClient() as http:
            backend = OpenAIBackend(http, base_url=fake.base_url, model="fake")
            result = await refine_with_model(
                rules_result(),
                INDEXES,
                settings,
                backend,
                breaker=breaker or breaker_for("openai", timeout_s=options.timeout_s),
                options=options,
            )
        return result, fake.state.max_in_flight


async def test_good_model_is_strictly_better_than_rules_on_the_golden_set() -> None:
    rules = rules_result()
    refined, _ = await refine("good")
    assert word_error_rate(refined.result) < word_error_rate(rules)
    assert word_error_rate(refined.result) == 0.0
    model = refined.report.as_dict()
    assert model is not None
    assert model["accepted"] == 7
    assert model["rejected"] == 0
    assert model["fallbacks"] == 0
    assert model["breaker"]["state"] == "closed"


async def test_accepted_answers_become_model_corrections_citing_the_verse() -> None:
    refined, _ = await refine("good")
    model_corrections = [c for c in refined.result.corrections if c.stage == "model"]
    verse_sources = {c.source for c in model_corrections if c.source.startswith("BG")}
    assert verse_sources == {"BG 2.47", "BG 4.7"}
    assert refined.result.summary.corrections_by_stage["model"] == len(model_corrections)
    assert refined.result.summary.changed_segments == 7
    assert [s.timing for s in refined.result.transcript.segments] == [
        s.timing for s in rules_result().transcript.segments
    ]


async def test_hallucinating_model_has_every_suggestion_rejected() -> None:
    refined, _ = await refine("hallucinating")
    assert refined.result.transcript == rules_result().transcript
    model = refined.report.as_dict()
    assert model is not None
    assert model["accepted"] == 0
    assert model["rejected"] == len(GOLDEN)
    reasons = " ".join(str(item["reason"]) for item in model["rejections"])
    for expected in ("not flagged", "does not exist", "is not in the text", "not IAST", "too much"):
        assert expected in reasons


@pytest.mark.parametrize("mode", ["down", "500", "hang", "malformed"])
async def test_failing_model_leaves_output_identical_within_budget_with_breaker_open(
    mode: Mode,
) -> None:
    options = replace(OPTIONS, timeout_s=0.3, budget_s=1.5)
    started = time.perf_counter()
    refined, _ = await refine(mode, options=options)
    elapsed = time.perf_counter() - started
    rules = rules_result()
    assert refined.result.transcript == rules.transcript
    assert refined.result.corrections == rules.corrections
    assert elapsed < options.budget_s + 1.0
    model = refined.report.as_dict()
    assert model is not None
    assert model["breaker"]["state"] == "open"
    assert model["fallbacks"] == len(GOLDEN)
    assert model["failures"] >= 4


async def test_flaky_model_recovers_through_retries() -> None:
    # one call at a time, so that each batch's first attempt is the failing odd call
    refined, _ = await refine("flaky", options=replace(OPTIONS, max_concurrency=1))
    model = refined.report.as_dict()
    assert model is not None
    assert model["retries"] >= 1
    assert model["fallbacks"] == 0
    assert model["accepted"] == 7
    assert word_error_rate(refined.result) == 0.0


async def test_spent_budget_keeps_the_rule_result_for_the_rest() -> None:
    options = replace(OPTIONS, timeout_s=5.0, budget_s=0.3)
    started = time.perf_counter()
    refined, _ = await refine("slow", options=options, delay_s=2.0)
    assert time.perf_counter() - started < options.budget_s + 1.0
    assert refined.result.transcript == rules_result().transcript
    model = refined.report.as_dict()
    assert model is not None
    assert model["budget_exhausted"] is True
    assert model["fallbacks"] == len(GOLDEN)
    assert model["breaker"]["state"] == "closed"


async def test_no_more_calls_in_flight_than_max_concurrency() -> None:
    options = replace(OPTIONS, max_concurrency=2, batch_size=1)
    refined, most = await refine("slow", options=options, delay_s=0.05)
    assert most == 2
    assert word_error_rate(refined.result) == 0.0


async def test_open_breaker_means_no_calls_and_all_fallbacks() -> None:
    clock_now = [0.0]
    breaker = breaker_for("openai", timeout_s=1.0, clock=lambda: clock_now[0])
    for _ in range(4):
        with pytest.raises(RuntimeError):
            async with breaker.guard():
                raise RuntimeError("down")
    assert breaker.state is BreakerState.OPEN
    refined, _ = await refine("good", breaker=breaker)
    model = refined.report.as_dict()
    assert model is not None
    assert model["calls"] == 0
    assert model["fallbacks"] == len(GOLDEN)
    assert refined.result.transcript == rules_result().transcript


def test_uncertain_span_is_remapped_past_earlier_rule_edits() -> None:
    text = "Kṛṣṇa gave him diksha"
    before_terms = "krishna gave him diksha"
    result = ProcessResult(
        Transcript((_segment(1, text),)),
        [Correction(1, 0, 7, "krishna", "Kṛṣṇa", "terms", "krsna", 1.0)],
        [Finding(1, "uncertain", "diksha", 0.5, start=17, end=23)],
        rules_result().summary,
    )
    assert before_terms[17:23] == "diksha"
    checks = Checks(verses=INDEXES.verses, english=ENGLISH)
    (question,) = select_questions(result, checks)
    assert question.flagged == ("diksha",)


def test_batches_carry_neighbours_but_not_the_asked_segments_as_context() -> None:
    result = rules_result()
    checks = Checks(verses=INDEXES.verses, english=ENGLISH)
    questions = select_questions(result, checks)
    batches = make_batches(questions, result.transcript.texts, size=2, context=1)
    assert len(batches) == 4
    first = batches[0]
    assert [q.segment for q in first.questions] == [2, 4]
    assert [segment for segment, _ in first.context] == [1, 3, 5]


async def test_nothing_uncertain_makes_no_calls() -> None:
    result = replace(rules_result(), findings=[])
    with fake_openai("good") as fake:
        async with httpx.AsyncClient() as http:
            backend = OpenAIBackend(http, base_url=fake.base_url, model="fake")
            refined = await refine_with_model(
                result, INDEXES, SETTINGS, backend, breaker=breaker_for("openai", timeout_s=1)
            )
    assert fake.calls == 0
    assert refined.result.transcript == result.transcript
    assert refined.report.segments == 0


def test_refine_runs_under_plain_anyio_run() -> None:
    async def main() -> ProcessResult:
        return (await refine("good"))[0].result

    assert word_error_rate(anyio.run(main)) == 0.0


async def test_summary_model_reports_every_field_the_issue_names() -> None:
    refined, _ = await refine("hang", options=replace(OPTIONS, timeout_s=0.2, budget_s=1.0))
    model = refined.report.as_dict()
    assert model is not None
    required = {"backend", "calls", "failures", "retries", "fallbacks", "accepted", "rejected"}
    assert required | {"breaker", "elapsed_ms"} <= model.keys()
    assert {"state", "opened_at", "failure_rate"} <= model["breaker"].keys()
    assert model["breaker"]["failure_rate"] == 1.0
    assert refined.result.report(model=model)["summary"]["model"] == model


async def test_model_answers_are_written_in_the_house_style() -> None:
    refined, _ = await refine("good", settings=Settings(style=StyleSettings(script="simple")))
    texts = refined.result.transcript.texts
    assert "he practised tapasya and svadhyaya daily" in texts
    assert "this is called vairagya by Patañjali" in texts  # only what the model wrote
