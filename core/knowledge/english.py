"""English word frequencies (Zipf scale), to keep ordinary English words untouched."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass


class SortedZipfTable(Mapping[str, float]):
    """A read-only word -> Zipf mapping over a sorted word list, searched by bisection.

    Loading it is one string split, far cheaper than hashing ~170k keys into a dict.
    """

    __slots__ = ("_codes", "_words")

    def __init__(self, words: Sequence[str], codes: str) -> None:
        if len(words) != len(codes):
            raise ValueError(f"{len(words)} words but {len(codes)} frequency codes")
        self._words = words
        self._codes = codes

    def __getitem__(self, word: str) -> float:
        position = bisect_left(self._words, word)
        if position < len(self._words) and self._words[position] == word:
            return (ord(self._codes[position]) - 33) / 10
        raise KeyError(word)

    def get(self, word: str, default: float | None = None) -> float | None:  # type: ignore[override]
        """Like Mapping.get, without raising and catching KeyError on a miss (hot path)."""
        position = bisect_left(self._words, word)
        if position < len(self._words) and self._words[position] == word:
            return (ord(self._codes[position]) - 33) / 10
        return default

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


@dataclass(frozen=True, slots=True)
class EnglishWords:
    """Lower-cased English word -> Zipf frequency (derived from wordfreq at build time)."""

    zipf_by_word: Mapping[str, float]

    def zipf(self, word: str) -> float:
        """Zipf frequency of `word` (0.0 when unknown); case and a final 's are ignored."""
        lowered = word.lower().replace("’", "'")
        found = self.zipf_by_word.get(lowered)
        if found is not None:
            return found
        if lowered.endswith("'s"):
            return self.zipf_by_word.get(lowered[:-2], 0.0)
        return 0.0

    def is_common(self, word: str, threshold: float) -> bool:
        return self.zipf(word) >= threshold

    def __len__(self) -> int:
        return len(self.zipf_by_word)


EnglishState = tuple[list[str], str]
"""The sorted word list and its frequency codes: what the loader caches on disk."""


def parse_english_words(text: str) -> EnglishWords:
    """Parse the packaged list (see scripts/build_english_words.py for the format)."""
    return english_from_state(parse_english_state(text))


def parse_english_state(text: str) -> EnglishState:
    """The word list and codes of the packaged format, not yet checked against each other."""
    lines = text.split("\n", 3)
    if len(lines) < 3 or not lines[0].startswith("# english zipf v1"):
        raise ValueError("not an english zipf v1 list")
    return lines[1].split(" "), lines[2]


def english_from_state(state: EnglishState) -> EnglishWords:
    """EnglishWords over a parsed or cached state; ValueError when its parts disagree."""
    words, codes = state
    return EnglishWords(SortedZipfTable(words, codes))
