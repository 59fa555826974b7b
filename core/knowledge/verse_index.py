"""Verse texts and their index: look verses up by id, or find them in noisy ASR text."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from core.errors import DataError
from core.knowledge.phonetic import fold, phonetic_key

__all__ = [
    "Alignment",
    "IndexedVerse",
    "Matcher",
    "MatcherState",
    "Verse",
    "VerseIndex",
    "VerseMatch",
    "VerseRow",
    "WordSpan",
    "build_verse_index",
    "parse_verse_records",
    "verse_row",
    "verse_words",
    "word_key",
]

GRAM = 3
_FOUND_CACHE = 4096  # queries whose candidates a Matcher remembers
MATCHER_VERSION = 1
"""Bumped whenever what Matcher.of builds changes: cached matcher states are rebuilt."""
_COMMON_GRAM_FLOOR = 60  # a gram in more verses than this (or a tenth of them) is not counted
_WORD = re.compile(r"['’]?[^\W\d_]+(?:['’][^\W\d_]+)*")
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")


@dataclass(frozen=True, slots=True)
class Verse:
    """One verse: `id` like "BG 2.47", `iast` word-separated with daṇḍas as "|" / "||"."""

    id: str
    work: str
    ref: str
    iast: str
    devanagari: str | None
    keys: str | None = field(default=None, compare=False, repr=False)
    """The words' phonetic keys, space-separated, precomputed by the build script."""


VerseRow = tuple[str, str, str, str, str | None, str | None]
"""A Verse's fields in order, as plain data for the on-disk cache."""


def verse_row(verse: Verse) -> VerseRow:
    return verse.id, verse.work, verse.ref, verse.iast, verse.devanagari, verse.keys


@dataclass(frozen=True, slots=True)
class VerseMatch:
    """A verse found for a text: `score` 0..1; `start`/`end` the matched span of `verse.iast`."""

    verse: Verse
    score: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class WordSpan:
    """A word of a text with its comparison key (see `word_key`)."""

    start: int
    end: int
    key: str


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The phonetic key of one word, with visarga dropped (ASR rarely hears a final ḥ) and a
    final m or ṃ written n (ASR hears "evan" and "yan" for evaṃ and yaṃ)."""
    folded = fold(word)
    if len(folded) > 2 and folded.endswith("h") and word[-1:] in "ḥhH":
        folded = folded[:-1]
    key = phonetic_key(folded)
    return key[:-1] + "n" if key.endswith("m") else key


def verse_words(text: str) -> list[WordSpan]:
    """The words of a text (daṇḍas, digits and punctuation skipped) with their keys."""
    spans = []
    for match in _WORD.finditer(text):
        key = word_key(match.group())
        if key:
            spans.append(WordSpan(match.start(), match.end(), key))
    return spans


def parse_verse_records(lines: Iterable[str], *, source: str) -> list[Verse]:
    """Verses from JSON lines {"id", "work", "ref", "iast", "devanagari"?}; blank lines skipped.

    Raises DataError naming `source` and the line for a malformed record.
    """
    verses = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            verse = Verse(
                id=str(record["id"]),
                work=str(record["work"]),
                ref=str(record["ref"]),
                iast=str(record["iast"]),
                devanagari=record.get("devanagari"),
                keys=record.get("keys"),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise DataError(f"{source}:{number}: not a verse record ({error})") from error
        verses.append(verse)
    return verses


def build_verse_index(verses: Iterable[Verse]) -> VerseIndex:
    """An index over the verses; of two verses with one id the first is kept."""
    seen: dict[str, Verse] = {}
    for verse in verses:
        seen.setdefault(_id_key(verse.id), verse)
    return VerseIndex(tuple(seen.values()))


def _id_key(verse_id: str) -> str:
    return re.sub(r"\s+", "", verse_id).casefold()


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a query key lines up with a verse key: a score 0..1 and both windows."""

    score: float
    query_start: int
    query_end: int
    verse_start: int
    verse_end: int

    @property
    def gain(self) -> float:
        """Matched letters minus unmatched ones: grows with a longer true match only."""
        total = (self.query_end - self.query_start) + (self.verse_end - self.verse_start)
        return total * (1.5 * self.score - 1.0)


@dataclass(frozen=True, slots=True)
class IndexedVerse:
    """A verse prepared for matching: its words, their keys joined, and where each begins."""

    verse: Verse
    words: tuple[WordSpan, ...]
    key: str
    offsets: tuple[int, ...]  # offsets[i] = where word i begins in `key`; last = len(key)
    breaks: frozenset[int]  # word positions preceded by a daṇḍa

    @classmethod
    def of(cls, verse: Verse) -> IndexedVerse:
        words = tuple(verse_words(verse.iast))
        offsets = [0]
        for word in words:
            offsets.append(offsets[-1] + len(word.key))
        breaks = frozenset(
            i for i in range(1, len(words)) if "|" in verse.iast[words[i - 1].end : words[i].start]
        )
        return cls(verse, words, "".join(w.key for w in words), tuple(offsets), breaks)

    def align(self, query_key: str) -> Alignment:
        """Where the query best fits in the verse (or the verse in the query), roughly."""
        found = fuzz.partial_ratio_alignment(query_key, self.key)
        if found is None:  # only with a score cutoff, which is not used here
            return Alignment(0.0, 0, len(query_key), 0, 0)
        return Alignment(
            found.score / 100, found.src_start, found.src_end, found.dest_start, found.dest_end
        )

    def fit(self, query_key: str) -> Alignment:
        """The run of whole words of the verse most like the whole query.

        A partial alignment places the query; its window is then moved to word boundaries
        and each end is moved a word at a time while that makes it more like the query,
        so no word is cut or lost at an edge.
        """
        if len(query_key) >= 0.75 * len(self.key):  # (a partial alignment of long keys is slow)
            first, last = 0, len(self.words)
        else:
            rough = self.align(query_key)
            first, last = self.word_range(rough.verse_start, rough.verse_end)
        if first >= last:
            last = min(first + 1, len(self.words))
            first = last - 1
        best = self._similarity(query_key, first, last)
        while True:
            moves = ((first - 1, last), (first + 1, last), (first, last - 1), (first, last + 1))
            scored = [
                (self._similarity(query_key, a, b), a, b)
                for a, b in moves
                if 0 <= a < b <= len(self.words)
            ]
            if not scored:
                break
            score, a, b = max(scored, key=lambda item: item[0])
            if score <= best:
                break
            best, first, last = score, a, b
        return Alignment(best, 0, len(query_key), self.offsets[first], self.offsets[last])

    def _similarity(self, query_key: str, first: int, last: int) -> float:
        window = self.key[self.offsets[first] : self.offsets[last]]
        return float(Indel.normalized_similarity(query_key, window))

    def word_range(self, key_start: int, key_end: int) -> tuple[int, int]:
        """The words a key window covers, a word counting when at least half of it is in."""
        first = _snap(self.offsets, key_start)
        last = _snap(self.offsets, key_end)
        return first, max(last, first)

    def text(self, first: int, last: int) -> str:
        """The canonical text of words [first, last) (daṇḍas between them included)."""
        if first >= last:
            return ""
        return self.verse.iast[self.words[first].start : self.words[last - 1].end]


def _snap(offsets: Sequence[int], position: int) -> int:
    """The word boundary nearest to a key position."""
    after = bisect_left(offsets, position)
    if after == 0:
        return 0
    if after == len(offsets) or position - offsets[after - 1] <= offsets[after] - position:
        return after - 1
    return after


MatcherState = tuple[dict[str, tuple[int, ...]], tuple[str, ...]]
"""A Matcher as plain data (postings, vocabulary), for marshal and the on-disk cache."""


@dataclass(frozen=True, slots=True)
class Matcher:
    """The n-gram inverted index over verse keys, and the vocabulary of verse words.

    Verses are prepared for alignment (`IndexedVerse`) only when they become candidates.
    """

    verses: Sequence[Verse]
    postings: dict[str, tuple[int, ...]]
    vocabulary: frozenset[str]  # folded words of 4+ letters: "karma" in a run is a verse word
    _prepared: dict[int, IndexedVerse] = field(default_factory=dict)
    _found: dict[tuple[str, int, float], tuple[int, ...]] = field(default_factory=dict)
    """Candidates already ranked for a query: a lecture recites a verse more than once."""

    @classmethod
    def of(cls, verses: Sequence[Verse]) -> Matcher:
        keys = _word_keys(verses)
        lists: dict[str, list[int]] = {}
        for number, words in enumerate(keys):
            for gram in _grams("".join(words)):
                lists.setdefault(gram, []).append(number)
        folded = fold(" ".join(verse.iast for verse in verses))
        vocabulary = frozenset(word for word in _WORD.findall(folded) if len(word) >= 4)
        return cls(verses, {gram: tuple(ids) for gram, ids in lists.items()}, vocabulary)

    def to_state(self) -> MatcherState:
        return self.postings, tuple(sorted(self.vocabulary))

    @classmethod
    def from_state(cls, verses: Sequence[Verse], state: MatcherState) -> Matcher:
        """The matcher `to_state` gave, for the same verses in the same order."""
        postings, vocabulary = state
        if not isinstance(postings, dict) or not isinstance(vocabulary, tuple):
            raise TypeError("not a matcher state")
        return cls(verses, postings, frozenset(vocabulary))

    def prepared(self, number: int) -> IndexedVerse:
        item = self._prepared.get(number)
        if item is None:
            item = self._prepared[number] = IndexedVerse.of(self.verses[number])
        return item

    def candidates(self, query_key: str, *, limit: int, min_share: float) -> list[IndexedVerse]:
        """Verses sharing the most n-grams with the query (at least `min_share` of them)."""
        asked = (query_key, limit, min_share)
        numbers = self._found.get(asked)
        if numbers is None:
            if len(self._found) >= _FOUND_CACHE:
                self._found.clear()
            numbers = self._found[asked] = self._rank(query_key, limit, min_share)
        return [self.prepared(number) for number in numbers]

    def _rank(self, query_key: str, limit: int, min_share: float) -> tuple[int, ...]:
        grams = _grams(query_key)
        if not grams:
            return ()
        # grams found in many verses say little and cost much: count the others only
        cap = max(_COMMON_GRAM_FLOOR, len(self.verses) // 10)
        postings = [self.postings.get(gram, ()) for gram in sorted(grams)]  # sorted: ties are
        telling = [ids for ids in postings if len(ids) <= cap] or postings  # resolved the same
        counts = Counter(chain.from_iterable(telling))  # in every process
        floor = min_share * len(telling)
        # = counts.most_common(limit) (ties in first-seen order), whose heap is slower here
        ranked = sorted(counts.items(), key=itemgetter(1), reverse=True)[:limit]
        return tuple(number for number, count in ranked if count >= floor)


def _word_keys(verses: Sequence[Verse]) -> list[list[str]]:
    """Each verse's word keys: the stored ones when a sample shows they are still current."""
    stored = [verse.keys.split(" ") if verse.keys else None for verse in verses]
    sample = range(0, len(verses), 25)
    current = all(
        stored[i] is None or stored[i] == [w.key for w in verse_words(verses[i].iast)]
        for i in sample
    )
    return [
        found if current and found is not None else [w.key for w in verse_words(verse.iast)]
        for found, verse in zip(stored, verses, strict=True)
    ]


def _grams(key: str) -> set[str]:
    return {key[i : i + GRAM] for i in range(len(key) - GRAM + 1)}


@dataclass(slots=True)
class VerseIndex:
    """The verses, looked up by id or found by (noisy) text; matching data is built lazily."""

    verses: Sequence[Verse]
    _by_id: dict[str, Verse] = field(init=False, repr=False)
    _matcher: Matcher | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {_id_key(verse.id): verse for verse in reversed(self.verses)}

    def __len__(self) -> int:
        return len(self.verses)

    def __iter__(self) -> Iterator[Verse]:
        return iter(self.verses)

    def get(self, verse_id: str) -> Verse | None:
        """The verse with this id; spaces and case do not matter ("bg2.47" = "BG 2.47")."""
        return self._by_id.get(_id_key(verse_id))

    @property
    def matcher(self) -> Matcher:
        """The matching index, built on first use (about 50 ms for the Gītā)."""
        if self._matcher is None:
            self._matcher = Matcher.of(self.verses)
        return self._matcher

    def use_matcher_state(self, state: MatcherState) -> None:
        """Adopt a matching index saved by `matcher.to_state()` for these same verses."""
        self._matcher = Matcher.from_state(self.verses, state)

    def search(self, text: str, *, limit: int = 5) -> list[VerseMatch]:
        """Verses containing a fragment given in IAST, Devanagari, Harvard-Kyoto or ASR spelling."""
        if _DEVANAGARI.search(text):
            text = _devanagari_to_iast(text)
        query_key = "".join(word.key for word in verse_words(text))
        if len(query_key) < GRAM:
            return []
        found = []
        for item in self.matcher.candidates(query_key, limit=max(limit * 4, 10), min_share=0.2):
            alignment = item.fit(query_key)
            first, last = item.word_range(alignment.verse_start, alignment.verse_end)
            if first >= last:
                continue
            start, end = item.words[first].start, item.words[last - 1].end
            found.append(VerseMatch(item.verse, round(alignment.score, 3), start, end))
        found.sort(key=lambda match: -match.score)
        return found[:limit]


def _devanagari_to_iast(text: str) -> str:
    from indic_transliteration import sanscript

    return str(sanscript.transliterate(text, sanscript.DEVANAGARI, sanscript.IAST))
