"""An uncertain span and its candidates: the contract the report, `shruti apply` and the
review page share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_CANDIDATES = 6
"""Candidates offered for one span, keeping the text among them: on the vocabulary folds a
sixth lifts the ideal review by 0.001 (the right form is more often a fifth or sixth
spelling than a seventh)."""
KEEP_SCORE = 0.3
"""The score of leaving the text as it is, when nothing better is sure."""


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    score: float
    source: str
    """Where it comes from: "lexicon:<id>", "verse:<id>", "generated" or "keep"."""

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "score": round(self.score, 3), "source": self.source}


@dataclass(frozen=True, slots=True)
class Uncertain:
    """A span of the output the rules were unsure of, and what it could be instead.

    `segment` is the 1-based cue; `start`/`end` index its text as written in the output
    (lines joined by "\\n"), and `text` is exactly what stands there.
    """

    segment: int
    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {
            "segment": self.segment,
            "span": [self.start, self.end],
            "text": self.text,
            "candidates": [candidate.as_dict() for candidate in self.candidates],
            "reason": self.reason,
        }


def keep(text: str) -> Candidate:
    return Candidate(text, KEEP_SCORE, "keep")


def ranked(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """Best first, each text once (its best score), at most MAX_CANDIDATES; the text as it
    stands ("keep"), when offered, always among them, last if it is not better."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        seen = best.get(candidate.text)
        if seen is None or seen.score < candidate.score:
            best[candidate.text] = candidate
    ordered = sorted(best.values(), key=lambda candidate: -candidate.score)
    kept = [candidate for candidate in ordered if candidate.source == "keep"]
    if kept and kept[0] not in ordered[:MAX_CANDIDATES]:
        return (*ordered[: MAX_CANDIDATES - 1], kept[0])
    return tuple(ordered[:MAX_CANDIDATES])


def cased(iast: str, heard: str) -> str:
    """A candidate written with the heard word's capital, when it had one."""
    if heard[:1].isupper() and iast[:1].islower():
        return iast[:1].upper() + iast[1:]
    return iast
