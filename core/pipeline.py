"""The correction pipeline: stages applied in order, each turning texts into edits."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from core.transcript.edits import Correction, Edit, Finding, apply_edits, to_corrections
from core.transcript.segments import Transcript


@dataclass(frozen=True, slots=True)
class StageOutput:
    """A stage's answer: each segment's edits (one list per segment) and its findings."""

    edits: list[list[Edit]]
    findings: list[Finding] = field(default_factory=list)


PROGRESS_EVERY = 200
"""Segments a stage works through between two calls of its `tick` (progress and a chance
to cancel), so a long transcript reports every few hundred segments."""

Tick = Callable[[int], None]
"""Told how many segments the stage has finished; raises InterruptedError to cancel."""


@dataclass(frozen=True, slots=True)
class StageProgress:
    """Where a run is: stage `stage` (0-based) of `stages`, named `name`, `done` segments in,
    of `segments` in all."""

    stage: int
    stages: int
    name: str
    done: int
    segments: int = 0

    def fraction_of(self, segments: int) -> tuple[int, int]:
        """(value, total) counting every stage's segments: only ever grows during a run."""
        return self.stage * segments + self.done, self.stages * segments


def no_tick(done: int) -> None:
    """The tick of a stage run on its own: nobody listens, nothing cancels."""


class StageFn(Protocol):
    """Given every segment's current text, say what to change; call `tick(done)` every
    PROGRESS_EVERY segments."""

    def __call__(self, texts: Sequence[str], *, tick: Tick = no_tick) -> StageOutput: ...


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: StageFn


@dataclass(frozen=True, slots=True)
class PipelineResult:
    transcript: Transcript
    corrections: list[Correction]
    findings: list[Finding]
    elapsed_ms: float
    stage_ms: dict[str, float] = field(default_factory=dict)

    @property
    def changed_segments(self) -> int:
        return len({correction.segment for correction in self.corrections})


def per_segment(correct_one: Callable[[str], list[Edit]]) -> StageFn:
    """Lift a function over one segment's text to a stage over all segments."""

    def run(texts: Sequence[str], *, tick: Tick = no_tick) -> StageOutput:
        edits = []
        for done, text in enumerate(texts, 1):
            edits.append(correct_one(text))
            if done % PROGRESS_EVERY == 0:
                tick(done)
        return StageOutput(edits)

    return run


def run_pipeline(
    transcript: Transcript,
    stages: Sequence[Stage],
    *,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[StageProgress], None] | None = None,
) -> PipelineResult:
    """Run each stage over the whole transcript; timings are never touched.

    A stage may protect a span it settled (a Finding of kind "verse_span": canonical verse
    text); later stages' edits that touch a protected span are dropped.

    `should_stop` is polled before each stage and every PROGRESS_EVERY segments within one,
    so a caller can cancel without partial output; `progress` hears, at the same moments,
    which stage runs and how many segments it has finished.
    """
    started = time.perf_counter()
    texts = transcript.texts
    corrections: list[Correction] = []
    findings: list[Finding] = []
    stage_ms: dict[str, float] = {}
    protected: dict[int, list[tuple[int, int]]] = {}  # canonical verse text: later stages keep off
    segments = len(texts)
    for index, stage in enumerate(stages):

        def tick(done: int, index: int = index, name: str = stage.name) -> None:
            if should_stop is not None and should_stop():
                raise InterruptedError("processing was cancelled")
            if progress is not None:
                progress(StageProgress(index, len(stages), name, done, segments))

        tick(0)
        stage_started = time.perf_counter()
        output = stage.run(texts, tick=tick)
        findings.extend(output.findings)
        new_texts: list[str] = []
        for position, (text, edits) in enumerate(zip(texts, output.edits, strict=True), 1):
            spans = protected.get(position, [])
            if edits and spans:
                edits = [e for e in edits if not any(e.start < b and a < e.end for a, b in spans)]
                protected[position] = [_shifted(span, edits) for span in spans]
            if edits:
                corrections.extend(to_corrections(text, edits, segment=position, stage=stage.name))
                new_texts.append(apply_edits(text, edits))
            else:
                new_texts.append(text)
        for finding in output.findings:
            if finding.kind == "verse_span":
                protected.setdefault(finding.segment, []).append((finding.start, finding.end))
        texts = new_texts
        elapsed = (time.perf_counter() - stage_started) * 1000
        stage_ms[stage.name] = stage_ms.get(stage.name, 0.0) + elapsed
    return PipelineResult(
        transcript=transcript.with_texts(texts),
        corrections=corrections,
        findings=findings,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        stage_ms=stage_ms,
    )


def _shifted(span: tuple[int, int], edits: list[Edit]) -> tuple[int, int]:
    """A span moved by the edits before it (edits never overlap a protected span)."""
    shift = sum(len(e.after) - (e.end - e.start) for e in edits if e.end <= span[0])
    return span[0] + shift, span[1] + shift
