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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from core.knowledge.english import EnglishWords
from core.quality.issues import SEVERITY, Issue, Severity
from core.quality.language import (
    AsrSpellings,
    VerseSearch,
    check_anusvara,
    check_fillers,
    check_iast,
    check_terms,
    check_verses,
    tokens,
)
from core.quality.layout import check_layout
from core.quality.lines import CueLines, composed_lines
from core.quality.profiles import Profile, get_profile
from core.quality.timing import check_timing, reading_chars
from core.quality.wer import ReferenceMetrics, compare
from core.transcript.segments import Transcript

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


def validate(
    transcript: Transcript,
    *,
    reference: Transcript | None = None,
    profile: str | Profile = "netflix",
    lexicon: AsrSpellings | None = None,
    verses: VerseSearch | None = None,
    english: EnglishWords | None = None,
    lines: CueLines | None = None,
) -> QualityReport:
    """Check a transcript against a style profile and, if given, a reference.

    `lines` says where each cue starts in the file (`core.quality.lines.cue_lines` on the
    decoded text); without it, lines are those `core.transcript.srt.compose` would write. The term
    check needs `lexicon`, the verse check `verses` (and `english` to tell English words
    from Sanskrit ones); a check whose data is not given is not run.
    """
    chosen = get_profile(profile)
    where = lines if lines is not None else composed_lines(transcript)
    found = tuple(
        sorted(
            _issues(transcript, where, chosen, lexicon, verses, english),
            key=lambda issue: (issue.segment, issue.line),
        )
    )
    return QualityReport(
        profile=chosen.name,
        score=score(found, len(transcript.segments)),
        issues=found,
        metrics=_metrics(transcript, found),
        reference=compare(transcript, reference) if reference is not None else None,
    )


def _issues(
    transcript: Transcript,
    lines: CueLines,
    profile: Profile,
    lexicon: AsrSpellings | None,
    verses: VerseSearch | None,
    english: EnglishWords | None,
) -> Iterator[Issue]:
    segments = transcript.segments
    yield from check_timing(segments, lines, profile)
    yield from check_anusvara(segments, lines)
    for segment in segments:
        words = tokens(segment)
        yield from check_layout(segment, lines, profile)
        yield from check_fillers(segment, words, lines)
        yield from check_iast(segment, words, lines)
        if lexicon is not None:
            yield from check_terms(segment, words, lines, lexicon, english, profile)
        if verses is not None:
            yield from check_verses(segment, words, lines, verses, english, profile)


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
