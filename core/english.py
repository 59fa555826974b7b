"""English word frequencies (Zipf scale), to keep ordinary English words untouched."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EnglishWords:
    """Lower-cased English word -> Zipf frequency (derived from wordfreq at build time)."""

    zipf_by_word: Mapping[str, float]

    def zipf(self, word: str) -> float:
        return self.zipf_by_word.get(word.lower(), 0.0)

    def is_common(self, word: str, threshold: float) -> bool:
        return self.zipf(word) >= threshold
