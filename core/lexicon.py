"""The term lexicon: IAST forms, Devanagari, meanings and the spellings ASR engines produce.

PLACEHOLDER interface (being filled in): see the helper brief.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    iast: str
    devanagari: str | None
    kind: str
    meaning: str | None
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float
    how: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: Sequence[Entry]

    def lookup(self, query: str, *, limit: int = 5) -> list[Match]:
        return []
