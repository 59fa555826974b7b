"""Decisions on uncertain spans, applied to a corrected transcript.

A decision names a cue (`segment`, 1-based), a span of its text as written (lines joined by
"\\n"), the `text` it expects there and what to `replace` it with. The whole set is checked
before anything changes: a decision whose text is not (or no longer) in the file, that
overlaps another or points outside the file refuses them all, naming it. Timings and every
cue no decision touches stay exactly as they were.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.errors import UsageError
from core.transcript.edits import Correction, Edit, apply_edits, to_corrections
from core.transcript.segments import Transcript


class DecisionError(UsageError):
    """A decision that cannot be applied: stale, overlapping another, or out of range."""


@dataclass(frozen=True, slots=True)
class Decision:
    segment: int
    start: int
    end: int
    text: str
    replace: str

    @classmethod
    def from_dict(cls, record: Mapping[str, object], *, number: int) -> Decision:
        """A decision from its JSON form; DecisionError names the decision (1-based)."""
        span = record.get("span")
        segment, text, replace = record.get("segment"), record.get("text"), record.get("replace")
        if (
            isinstance(span, list | tuple)
            and len(span) == 2
            and isinstance(segment, int)
            and isinstance(span[0], int)
            and isinstance(span[1], int)
            and isinstance(text, str)
            and isinstance(replace, str)
        ):
            return cls(segment, span[0], span[1], text, replace)
        raise DecisionError(
            f"decision {number}: expected "
            '{"segment": N, "span": [start, end], "text": "...", "replace": "..."}, '
            f"got {dict(record)!r}"[:300]
        )


@dataclass(frozen=True, slots=True)
class Applied:
    transcript: Transcript
    changes: list[Correction]


def apply_decisions(transcript: Transcript, decisions: Sequence[Decision]) -> Applied:
    """The transcript with every decision applied, or DecisionError naming the first bad one."""
    by_segment: dict[int, list[tuple[int, Decision]]] = {}
    texts = transcript.texts
    for number, decision in enumerate(decisions, 1):
        where = (
            f"decision {number} (segment {decision.segment}, span {decision.start}-{decision.end})"
        )
        if not 1 <= decision.segment <= len(texts):
            raise DecisionError(f"{where}: the file has {len(texts)} cues")
        text = texts[decision.segment - 1]
        if not 0 <= decision.start <= decision.end <= len(text):
            raise DecisionError(f"{where}: the cue text is {len(text)} characters long")
        found = text[decision.start : decision.end]
        if found != decision.text:
            raise DecisionError(
                f"{where}: expected {decision.text!r} there but the file has {found!r}; the "
                "decision is stale (the file changed since it was made)"
            )
        for other_number, other in by_segment.get(decision.segment, []):
            if decision.start < other.end and other.start < decision.end:
                raise DecisionError(f"{where}: overlaps decision {other_number}")
        by_segment.setdefault(decision.segment, []).append((number, decision))
    changes: list[Correction] = []
    for segment, numbered in sorted(by_segment.items()):
        text = texts[segment - 1]
        edits = [Edit(d.start, d.end, d.replace, "review", 1.0) for _, d in numbered]
        changes.extend(to_corrections(text, edits, segment=segment, stage="review"))
        texts[segment - 1] = apply_edits(text, edits)
    return Applied(transcript.with_texts(texts), changes)


def parse_decisions(text: str, *, source: str) -> list[Decision]:
    """Decisions from JSON: {"decisions": [...]} (as `shruti review` saves them) or a bare
    list; DecisionError names the file and the line, or the decision, that is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DecisionError(
            f"{source}:{error.lineno}:{error.colno}: not JSON: {error.msg}"
        ) from None
    records = data.get("decisions") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise DecisionError(f'{source}: expected {{"decisions": [...]}} or a list of decisions')
    decisions = []
    for number, record in enumerate(records, 1):
        if not isinstance(record, Mapping):
            raise DecisionError(f"{source}: decision {number} is not an object: {record!r}"[:300])
        try:
            decisions.append(Decision.from_dict(record, number=number))
        except DecisionError as error:
            raise DecisionError(f"{source}: {error}") from None
    return decisions
