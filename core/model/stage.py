"""The optional model stage: ask a model about what the rules left uncertain, within a budget.

Segments with an "uncertain" finding (or a verse the rules recognised but did not restore)
go to the model in small batches with their neighbours as context, at most
`max_concurrency` calls at once, all within one whole-transcript budget. Each answer is
validated (core.model.validation); a segment whose call failed, was refused by the breaker
or did not start before the budget ran out keeps its rule result and counts as a fallback.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import anyio
import structlog

from core.engine import ProcessResult, by_segment, house_style
from core.errors import CallNotPermittedError, ModelError
from core.knowledge.english import EnglishWords
from core.model.breaker import BreakerSnapshot, CircuitBreaker
from core.model.protocol import Answer, Batch, ModelBackend, Question, word_spans
from core.model.resilience import CallStats, RetryPolicy, call_resilient
from core.model.validation import Checks, VerseLookup, check_suggestion
from core.settings import Settings
from core.stages import EMITTED_BY, STAGE_ORDER
from core.transcript.edits import (
    Correction,
    Edit,
    Finding,
    apply_edits,
    by_segment_of,
    moved_span,
    to_corrections,
)

log = structlog.get_logger(__name__)

_MAX_REJECTIONS_REPORTED = 20


class Indexes(Protocol):
    """What the stage needs of core.engine.Resources (which satisfies this)."""

    @property
    def verses(self) -> VerseLookup: ...

    @property
    def english(self) -> EnglishWords: ...


@dataclass(frozen=True, slots=True)
class ModelOptions:
    """Per-run limits, from settings.model plus the stage's own knobs."""

    timeout_s: float = 10.0
    max_concurrency: int = 4
    budget_s: float = 20.0
    batch_size: int = 4
    context_segments: int = 1
    confidence: float = 0.8
    max_edit_ratio: float = 0.4
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    @classmethod
    def from_settings(cls, settings: Settings) -> ModelOptions:
        model = settings.model
        return cls(
            timeout_s=model.timeout_s,
            max_concurrency=model.max_concurrency,
            budget_s=model.budget_s,
        )


FallbackReason = str
"""Why the rule result stood for some segments: "breaker open", "timeout", "rejected",
"failed" (the call raised), or "" when every segment asked got an answer it used."""


@dataclass(slots=True)
class ModelReport:
    """What the model stage did for one transcript (the report's `summary.model`)."""

    backend: str
    segments: int = 0
    answered_batches: int = 0
    accepted: int = 0
    rejected: int = 0
    unchanged: int = 0
    fallbacks: int = 0
    budget_exhausted: bool = False
    stats: CallStats = field(default_factory=CallStats)
    breaker: BreakerSnapshot | None = None
    elapsed_ms: float = 0.0
    rejections: list[dict[str, object]] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        """True when a model answered at least one batch."""
        return self.answered_batches > 0

    @property
    def fallback_reason(self) -> FallbackReason:
        """The main reason the rule result stood, for counting files in a batch."""
        if self.fallbacks:
            stats = self.stats
            if stats.not_permitted:
                return "breaker open"
            if stats.failures > stats.timeouts:
                return "failed"
            return "timeout" if self.budget_exhausted or stats.timeouts else "failed"
        return "rejected" if self.rejected else ""

    def as_dict(self) -> dict[str, Any]:
        breaker = self.breaker.as_dict() if self.breaker is not None else None
        return {
            "backend": self.backend,
            "segments": self.segments,
            "calls": self.stats.calls,
            "failures": self.stats.failures,
            "retries": self.stats.retries,
            "not_permitted": self.stats.not_permitted,
            "answered_batches": self.answered_batches,
            "fallbacks": self.fallbacks,
            "fallback_reason": self.fallback_reason or None,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "unchanged": self.unchanged,
            "budget_exhausted": self.budget_exhausted,
            "breaker": breaker,
            "elapsed_ms": round(self.elapsed_ms, 1),
            "rejections": self.rejections[:_MAX_REJECTIONS_REPORTED],
        }


def _remap(finding: Finding, corrections: Sequence[Correction]) -> tuple[int, int] | None:
    """The finding's span in the rules' final text."""
    first = STAGE_ORDER.index(EMITTED_BY[finding.kind])
    return moved_span(finding, corrections, STAGE_ORDER[first:])


def _flagged_words(
    text: str, finding: Finding, corrections: Sequence[Correction], checks: Checks
) -> set[int]:
    spans = word_spans(text)
    if finding.end <= finding.start:
        if finding.kind != "verse":
            return set()
        return {i for i, span in enumerate(spans) if not checks.is_english(text[slice(*span)])}
    remapped = _remap(finding, corrections)
    if remapped is None or not 0 <= remapped[0] < remapped[1] <= len(text):
        return set()
    start, end = remapped
    return {i for i, (s, e) in enumerate(spans) if s < end and e > start}


def select_questions(result: ProcessResult, checks: Checks) -> list[Question]:
    """One question per segment the rules left uncertain, flagged words merged."""
    flagged: dict[int, set[int]] = {}
    verse_of: dict[int, str] = {}
    texts = result.transcript.texts
    corrections = by_segment_of(result.corrections)
    for finding in result.findings:
        if finding.kind not in EMITTED_BY or (finding.kind == "verse" and finding.restored):
            continue
        if not 1 <= finding.segment <= len(texts):
            continue
        own = corrections.get(finding.segment, [])
        words = _flagged_words(texts[finding.segment - 1], finding, own, checks)
        if words:
            flagged.setdefault(finding.segment, set()).update(words)
            if finding.kind == "verse" and finding.ref:
                verse_of.setdefault(finding.segment, finding.ref)
    return [
        Question(segment, texts[segment - 1], tuple(sorted(words)), verse_of.get(segment))
        for segment, words in sorted(flagged.items())
    ]


def make_batches(
    questions: Sequence[Question], texts: Sequence[str], *, size: int, context: int
) -> list[Batch]:
    """Consecutive questions in groups of `size`, each with `context` neighbours either side."""
    batches = []
    for first in range(0, len(questions), size):
        group = tuple(questions[first : first + size])
        asked = {question.segment for question in group}
        around = sorted(
            {
                neighbour
                for question in group
                for neighbour in range(question.segment - context, question.segment + context + 1)
                if 1 <= neighbour <= len(texts) and neighbour not in asked
            }
        )
        batches.append(Batch(group, tuple((n, texts[n - 1]) for n in around)))
    return batches


async def _ask_all(
    batches: Sequence[Batch],
    backend: ModelBackend,
    breaker: CircuitBreaker,
    options: ModelOptions,
    report: ModelReport,
    limiter: anyio.CapacityLimiter,
    sleep: Callable[[float], Awaitable[None]],
) -> list[tuple[Batch, Answer]]:
    """Answers for the batches that got one before the budget ran out."""
    answers: list[tuple[Batch, Answer]] = []
    deadline = anyio.current_time() + options.budget_s

    async def ask(batch: Batch) -> None:
        async with limiter:
            try:
                answer = await call_resilient(
                    backend,
                    batch,
                    breaker=breaker,
                    timeout_s=options.timeout_s,
                    stats=report.stats,
                    policy=options.retry,
                    sleep=sleep,
                    deadline=deadline,
                )
            except CallNotPermittedError:
                report.stats.not_permitted += 1
                return
            except (ModelError, TimeoutError) as error:
                log.warning("model_call_failed", backend=backend.name, error=str(error))
                return
            answers.append((batch, answer))

    with anyio.move_on_after(options.budget_s) as scope:
        async with anyio.create_task_group() as group:
            for batch in batches:
                group.start_soon(ask, batch)
    report.budget_exhausted = scope.cancelled_caught
    return answers


@dataclass(frozen=True, slots=True)
class Refined:
    """The rule result with the model's accepted edits, and what the model stage did."""

    result: ProcessResult
    report: ModelReport


async def refine_with_model(
    result: ProcessResult,
    resources: Indexes,
    settings: Settings,
    backend: ModelBackend,
    *,
    breaker: CircuitBreaker,
    options: ModelOptions | None = None,
    limiter: anyio.CapacityLimiter | None = None,
    sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
) -> Refined:
    """The rule result improved by validated model answers; never worse, never late.

    `limiter` bounds the calls in flight across every transcript that shares it (a
    process's model runtime); without one, this transcript gets `max_concurrency` of its own.
    """
    started = time.perf_counter()
    options = options or ModelOptions.from_settings(settings)
    style = house_style(settings)
    checks = Checks(
        verses=resources.verses,
        english=resources.english,
        english_zipf=settings.terms.english_zipf,
        max_edit_ratio=options.max_edit_ratio,
    )
    report = ModelReport(backend=backend.name)
    texts = result.transcript.texts
    questions = select_questions(result, checks)
    report.segments = len(questions)
    batches = make_batches(
        questions, texts, size=options.batch_size, context=options.context_segments
    )
    limiter = limiter or anyio.CapacityLimiter(options.max_concurrency)
    answers = (
        await _ask_all(batches, backend, breaker, options, report, limiter, sleep)
        if batches
        else []
    )
    report.answered_batches = len(answers)
    edits_by_segment: dict[int, list[Edit]] = {}
    answered: set[int] = set()
    for batch, answer in answers:
        by_segment = {suggestion.segment: suggestion for suggestion in answer.suggestions}
        for question in batch.questions:
            answered.add(question.segment)
            suggestion = by_segment.get(question.segment)
            if suggestion is None:
                report.unchanged += 1
                continue
            verdict = check_suggestion(
                question,
                suggestion,
                checks,
                source=f"model:{backend.name}",
                confidence=options.confidence,
            )
            if not verdict.accepted:
                report.rejected += 1
                report.rejections.append({"segment": question.segment, "reason": verdict.reason})
                log.info("model_suggestion_rejected", segment=question.segment, why=verdict.reason)
            elif verdict.edits:
                report.accepted += 1
                edits_by_segment[question.segment] = [  # the model answers in IAST
                    replace(edit, after=style.write(edit.after)) for edit in verdict.edits
                ]
            else:
                report.unchanged += 1
    report.fallbacks = len(questions) - len(answered)
    report.breaker = breaker.snapshot()
    report.elapsed_ms = (time.perf_counter() - started) * 1000
    return Refined(_with_edits(result, edits_by_segment), report)


def _with_edits(result: ProcessResult, edits_by_segment: dict[int, list[Edit]]) -> ProcessResult:
    texts = result.transcript.texts
    corrections = list(result.corrections)
    for segment, edits in sorted(edits_by_segment.items()):
        text = texts[segment - 1]
        corrections.extend(to_corrections(text, edits, segment=segment, stage="model"))
        texts[segment - 1] = apply_edits(text, edits)
    model_corrections = len(corrections) - len(result.corrections)
    summary = replace(
        result.summary,
        changed_segments=len({correction.segment for correction in corrections}),
        corrections_by_stage={**result.summary.corrections_by_stage, "model": model_corrections},
    )
    return replace(
        result,
        transcript=result.transcript.with_texts(texts),
        corrections=by_segment(corrections),
        summary=summary,
    )
