"""The curated list (scripts/lexicon_sources/curated.tsv): titles, teachers, deities,
places, schools and practices written for this project. It comes first: these are the
words lectures say most, and their spellings and kinds are chosen by hand."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from core.knowledge.phonetic import fold
from scripts.lexicon.draft import Draft
from scripts.lexicon.sources import CuratedRow
from scripts.lexicon.text import canonical


def curated_drafts(rows: Iterable[CuratedRow]) -> Iterator[Draft]:
    """One draft per row, with the row's ASR spellings as extras."""
    for iast, kind, meaning, extra in rows:
        yield Draft(canonical(iast), kind, meaning or None, "curated", extra=set(extra))


def curated_folds(rows: Iterable[CuratedRow]) -> set[str]:
    """The curated forms without marks: later sources do not cut or re-spell these
    ("brahma" alone is Brahmā, not the glossary's or a compound's brahma)."""
    return {fold(iast) for iast, _, _, _ in rows}
