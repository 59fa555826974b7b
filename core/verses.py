"""Stage: recognise recited verses and restore canonical IAST. PLACEHOLDER (being filled in)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.english import EnglishWords
from core.pipeline import StageFn, StageOutput


@dataclass(frozen=True, slots=True)
class Verse:
    id: str
    work: str
    ref: str
    iast: str
    devanagari: str | None


@dataclass(frozen=True, slots=True)
class VerseIndex:
    verses: Sequence[Verse]

    def get(self, verse_id: str) -> Verse | None:
        return next((v for v in self.verses if v.id == verse_id), None)


def make_verses_stage(
    index: VerseIndex,
    english: EnglishWords,
    *,
    min_confidence: float,
    min_words: int,
    anusvara: str,
) -> StageFn:
    def run(texts: Sequence[str]) -> StageOutput:
        return StageOutput([[] for _ in texts])

    return run
