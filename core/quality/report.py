"""The quality report: subtitle-style and Sanskrit checks, a score, and error rates.

`validate` is pure: it takes parsed transcripts (and, optionally, the lexicon, verse index
and English frequencies) and returns a `QualityReport`; callers do the file I/O.

Score (0-100). Each issue weighs by its severity: error 1.0, warning 0.25, info 0.05. The
weights are summed and divided by the number of segments, so the score reads "how much is
wrong per cue":

    score = round(100 * max(0, 1 - (1.0*errors + 0.25*warnings + 0.05*infos) / segments), 1)

A clean file scores 100; one error in every cue (or four warnings, or twenty infos) scores 0.
The severity of every code is listed in `core.quality.issues.SEVERITY`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from core.knowledge.english import EnglishWords
from core.pipeline import PROGRESS_EVERY
from core.quality.issues import SEVERITY, Issue, Severity
from core.quality.language import (
    TermJudge,
    VerseSearch,
    check_anusvara,
    check_fillers,
    check_iast,
    check_terms,
    check_verses,
    tokens,
)
from core.quality.layout import check_layout
from core.quality.profiles import Profile, get_profile
from core.quality.timing import check_timing, reading_chars
from core.quality.wer import ReferenceMetrics, compare
from core.transcript.cue_lines import CueLines
from core.transcript.segments import Transcript
from core.transcript.srt import composed_lines

__all__ = ["SEVERITY", "WEIGHTS", "Issue", "QualityReport", "score", "validate"]

WEIGHTS: Mapping[Severity, float] = MappingProxyType({"error": 1.0, "warning": 0.25, "info": 0.05})


@dataclass(frozen=True, slots=True)
class QualityReport:
    """Issues by segment, the score, and the figures measured on the file."""

    profile: str
    score: float
    issues: tuple[Issue, ...]
    metrics: dict[str, object]
    reference: ReferenceMetrics | None = None

    def count(self, code: str) -> int:
        return sum(1 for issue in self.issues if issue.code == code)

    def as_dict(self) -> dict[str, object]:
        metrics = dict(self.metrics)
        if self.reference is not None:
            metrics.update(self.reference.as_dict())
        return {
            "score": self.score,
            "profile": self.profile,
            "issues": [issue.as_dict() for issue in self.issues],
            "metrics": metrics,
        }


def score(issues: tuple[Issue, ...], segments: int) -> float:
    """100 minus the severity-weighted issues per segment, as a percentage (see above)."""
    if segments == 0:
        return 100.0
    points = sum(WEIGHTS[issue.severity] for issue in issues)
    return round(100 * max(0.0, 1 - points / segments), 1)


@dataclass(frozen=True, slots=True)
class _Checks:
    """What a validation runs with: the data of the language checks, and the file's kind."""

    profile: Profile
    lines: CueLines
    terms: TermJudge | None
    verses: VerseSearch | None
    english: EnglishWords | None
    timed: bool
    script: str


def validate(
    transcript: Transcript,
    *,
    reference: Transcript | None = None,
    profile: str | Profile = "netflix",
    terms: TermJudge | None = None,
    verses: VerseSearch | None = None,
    english: EnglishWords | None = None,
    lines: CueLines | None = None,
    timed: bool = True,
    script: str = "iast",
    progress: Callable[[int, int], None] | None = None,
) -> QualityReport:
    """Check a transcript against a style profile and, if given, a reference.

    `lines` says where each cue sits in the file (a parsed Document's `lines`); without it,
    lines are those `core.transcript.srt.compose` would write. The term check needs
    `terms` (the terms stage, whose judgement it shares), the verse check `verses` (and
    `english` to tell English words from Sanskrit ones); a check whose data is not given is
    not run. An untimed transcript (plain text) gets the language checks only: it has no
    timings, and its paragraphs no line width. `script` is the house style (style.script):
    ISO 15919's letters are no IAST errors in that style. `progress` hears (segments
    checked, segments) every few hundred segments.
    """
    chosen = get_profile(profile)
    where = lines if lines is not None else composed_lines(transcript)
    checks = _Checks(chosen, where, terms, verses, english, timed, script)
    found = tuple(
        sorted(_issues(transcript, checks, progress), key=lambda issue: (issue.segment, issue.line))
    )
    return QualityReport(
        profile=chosen.name,
        score=score(found, len(transcript.segments)),
        issues=found,
        metrics=_metrics(transcript, found),
        reference=compare(transcript, reference) if reference is not None else None,
    )


def _issues(
    transcript: Transcript, checks: _Checks, progress: Callable[[int, int], None] | None
) -> Iterator[Issue]:
    segments, lines, profile = transcript.segments, checks.lines, checks.profile
    if checks.timed:
        yield from check_timing(segments, lines, profile)
    yield from check_anusvara(segments, lines)
    if checks.terms is not None:
        yield from check_terms(segments, lines, checks.terms)
    for done, segment in enumerate(segments, 1):
        words = tokens(segment)
        if checks.timed:
            yield from check_layout(segment, lines, profile)
        yield from check_fillers(segment, words, lines)
        yield from check_iast(segment, words, lines, script=checks.script)
        if checks.verses is not None:
            yield from check_verses(segment, words, lines, checks.verses, checks.english, profile)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(segments)):
            progress(done, len(segments))


def _metrics(transcript: Transcript, issues: tuple[Issue, ...]) -> dict[str, object]:
    segments = transcript.segments
    shown_ms = sum(max(0, s.end_ms - s.start_ms) for s in segments)
    chars = sum(reading_chars(s) for s in segments if s.end_ms > s.start_ms)
    span_ms = max((s.end_ms for s in segments), default=0) - min(
        (s.start_ms for s in segments), default=0
    )
    with_issues = len({issue.segment for issue in issues})
    by_severity = Counter(issue.severity for issue in issues)
    return {
        "segments": len(segments),
        "words": sum(len(tokens(s)) for s in segments),
        "lines": sum(s.text.count("\n") + 1 for s in segments if s.text),
        "duration_s": round(span_ms / 1000, 3),
        "shown_s": round(shown_ms / 1000, 3),
        "mean_cps": round(chars * 1000 / shown_ms, 2) if shown_ms else None,
        "segments_with_issues": with_issues,
        "share_with_issues": round(with_issues / len(segments), 4) if segments else 0.0,
        "issues_by_severity": {name: by_severity.get(name, 0) for name in WEIGHTS},
        "issues_by_code": dict(sorted(Counter(issue.code for issue in issues).items())),
    }
