"""Edits proposed by a stage, and the correction records they become."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `after`; `source` names the rule, lexicon entry or verse."""

    start: int
    end: int
    after: str
    source: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a stage noticed without (necessarily) changing it.

    kind "verse": a recognised verse (`ref` its id, e.g. "BG 2.47"), restored or not;
    kind "uncertain": a span the rules could not settle (a model may be asked about it).
    `segment` is the 1-based position of the (first) segment concerned.
    """

    segment: int
    kind: str
    ref: str
    confidence: float
    restored: bool = False
    start: int = 0
    end: int = 0
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Correction:
    """One change made to one segment, as reported to the user.

    `segment` is the 1-based position in the file; `start`/`end` index the segment text as
    the stage received it.
    """

    segment: int
    start: int
    end: int
    before: str
    after: str
    stage: str
    source: str
    confidence: float

    def as_dict(self) -> dict[str, object]:
        return {
            "segment": self.segment,
            "span": [self.start, self.end],
            "before": self.before,
            "after": self.after,
            "stage": self.stage,
            "source": self.source,
            "confidence": round(self.confidence, 3),
        }


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits; raise ValueError if two overlap (a stage bug)."""
    ordered = sorted(edits, key=lambda edit: edit.start)
    pieces: list[str] = []
    cursor = 0
    for edit in ordered:
        if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit!r}")
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.after)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def to_corrections(text: str, edits: list[Edit], *, segment: int, stage: str) -> list[Correction]:
    """Turn a stage's edits on one text into correction records (no-op edits dropped)."""
    return [
        Correction(
            segment=segment,
            start=edit.start,
            end=edit.end,
            before=text[edit.start : edit.end],
            after=edit.after,
            stage=stage,
            source=edit.source,
            confidence=edit.confidence,
        )
        for edit in sorted(edits, key=lambda edit: edit.start)
        if text[edit.start : edit.end] != edit.after
    ]


def by_segment_of(corrections: Sequence[Correction]) -> dict[int, list[Correction]]:
    """The corrections grouped by segment, in order: what `moved_span` is given for one
    finding, so that moving every finding of a long transcript stays linear."""
    grouped: dict[int, list[Correction]] = {}
    for correction in corrections:
        grouped.setdefault(correction.segment, []).append(correction)
    return grouped


def moved_span(
    finding: Finding, corrections: Sequence[Correction], stages: Sequence[str]
) -> tuple[int, int] | None:
    """The finding's span after the edits of `stages` (its own stage first, in order):
    shifted by edits before it, stretched by edits inside it, None if one straddles it.
    `corrections` may be all of them or only the finding's segment's (`by_segment_of`)."""
    start, end = finding.start, finding.end
    for stage in stages:
        shift_start = shift_end = 0
        for correction in corrections:
            if correction.stage != stage or correction.segment != finding.segment:
                continue
            delta = len(correction.after) - len(correction.before)
            if correction.end <= start:
                shift_start += delta
                shift_end += delta
            elif correction.start >= start and correction.end <= end:
                shift_end += delta
            elif correction.start < end:
                return None
        start, end = start + shift_start, end + shift_end
    return start, end
