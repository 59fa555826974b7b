"""The correction pipeline: stages applied in order, each turning texts into edits."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from core.edits import Correction, Edit, Finding, apply_edits, to_corrections
from core.segments import Transcript


@dataclass(frozen=True, slots=True)
class StageOutput:
    """A stage's answer: each segment's edits (one list per segment) and its findings."""

    edits: list[list[Edit]]
    findings: list[Finding] = field(default_factory=list)


StageFn = Callable[[Sequence[str]], StageOutput]
"""Given every segment's current text, say what to change."""


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

    def run(texts: Sequence[str]) -> StageOutput:
        return StageOutput([correct_one(text) for text in texts])

    return run


def run_pipeline(
    transcript: Transcript,
    stages: Sequence[Stage],
    *,
    should_stop: Callable[[], bool] | None = None,
) -> PipelineResult:
    """Run each stage over the whole transcript; timings are never touched.

    A stage may protect a span it settled (a Finding of kind "verse_span": canonical verse
    text); later stages' edits that touch a protected span are dropped.

    `should_stop` is polled between stages so a caller can cancel without partial output.
    """
    started = time.perf_counter()
    texts = transcript.texts
    corrections: list[Correction] = []
    findings: list[Finding] = []
    stage_ms: dict[str, float] = {}
    protected: dict[int, list[tuple[int, int]]] = {}  # canonical verse text: later stages keep off
    for stage in stages:
        if should_stop is not None and should_stop():
            raise InterruptedError("processing was cancelled")
        stage_started = time.perf_counter()
        output = stage.run(texts)
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
