"""Stage: Sanskrit/Hindi terms to IAST. PLACEHOLDER (being filled in)."""

from __future__ import annotations

from collections.abc import Sequence

from core.english import EnglishWords
from core.lexicon import Lexicon
from core.pipeline import StageFn, StageOutput


def make_terms_stage(
    lexicon: Lexicon,
    english: EnglishWords,
    *,
    min_confidence: float,
    fuzzy_threshold: float,
    english_zipf: float,
    anusvara: str,
) -> StageFn:
    def run(texts: Sequence[str]) -> StageOutput:
        return StageOutput([[] for _ in texts])

    return run
