"""Stage: recognise recited verses in ASR text and restore their canonical IAST."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal, cast

from core.knowledge.english import EnglishWords
from core.knowledge.house_style import HouseStyle
from core.knowledge.phonetic import fold
from core.knowledge.verse_index import (
    Verse,
    VerseIndex,
    VerseMatch,
    build_verse_index,
    parse_verse_records,
)
from core.knowledge.verse_match import (
    Match,
    chunk_tokens,
    ends_at_pause,
    find_matches,
    find_runs,
    group_runs,
    restorations,
)
from core.pipeline import PROGRESS_EVERY, StageFn, StageOutput, Tick, no_tick
from core.stages.sentences import sentence_starts_at
from core.transcript.edits import Edit, Finding

__all__ = [
    "CompoundStyle",
    "Verse",
    "VerseIndex",
    "VerseMatch",
    "VerseWords",
    "build_verse_index",
    "make_verses_stage",
    "parse_verse_records",
]

_ENGLISH_ZIPF = 3.0  # words at least this frequent in English count as English
_MIN_FINDING = 0.6  # confidence below which no verse is reported (unless restored)
_WORD = re.compile(r"[^\W\d_]")
CompoundStyle = Literal["joined", "as_heard", "as_heard_in_quotations"]
"""How a restored verse writes a compound heard as separate words (settings verses.compounds)."""


MAX_CUE_CHARS = 5_000
"""Longer cues (a whole page in one cue: malformed or hostile input) are not searched for
recitations: matching cost grows faster than linearly with the length of a run of words."""


class VerseWords:
    """Which heard words may belong to a recitation: not common English, or a word of the
    verses ("karma", "yoga", "mahatma"). Decided once per distinct word and kept here (the
    process's Resources hold one): English lookups dominate the verses stage's cost."""

    def __init__(self, index: VerseIndex, english: EnglishWords) -> None:
        self._index = index
        self._english = english
        self._foreign: dict[str, bool] = {}

    def is_foreign(self, word: str) -> bool:
        try:
            return self._foreign[word]
        except KeyError:
            found = not self._english.is_common(word, _ENGLISH_ZIPF)
            if not found and len(word) >= 4:
                found = fold(word) in self._index.matcher.vocabulary
            if len(self._foreign) < 200_000:
                self._foreign[word] = found
            return found

    def classify(self, words: list[str]) -> list[bool]:
        """`is_foreign` of each word; known words cost one C-level lookup each."""
        known = list(map(self._foreign.get, words))
        if None not in known:
            return cast("list[bool]", known)
        return [
            self.is_foreign(w) if flag is None else flag
            for w, flag in zip(words, known, strict=True)
        ]


def make_verses_stage(
    index: VerseIndex,
    words: VerseWords,
    *,
    min_confidence: float,
    min_words: int,
    style: HouseStyle,
    compounds: CompoundStyle = "joined",
    printed: Callable[[str], str] | None = None,
) -> StageFn:
    """A stage that restores recitations found with confidence >= `min_confidence`.

    A recitation needs `min_words` words that are not common English, possibly split over
    consecutive segments. Every recognised verse is reported as a Finding, restored or not.
    A compound heard as several words is hyphenated where they meet with `compounds`
    "as_heard", and with "as_heard_in_quotations" only in a verse quoted inside a sentence
    (books hyphenate a quotation; a recitation on its own keeps the verse text), where a
    word heard as one is written as `printed` gives it (BookCompounds.printed).
    """
    floor = min(_MIN_FINDING, min_confidence)  # what is restored is always reported
    is_foreign, classify = words.is_foreign, words.classify

    def run(texts: Sequence[str], *, tick: Tick = no_tick) -> StageOutput:
        unchanged: list[Edit] = []  # shared by every segment without edits, never appended to
        edits: list[list[Edit]] = [unchanged] * len(texts)
        findings: list[Finding] = []
        canonical: list[tuple[int, int, int, int, Match]] = []  # (segment, start, end, new length)
        if len(index) == 0:
            return StageOutput(edits, findings)
        runs = [
            find_runs(text, classify, min_words) if len(text) <= MAX_CUE_CHARS else []
            for text in texts
        ]
        reported = 0  # segments reported done: matching goes through the chunks in order
        for chunk in group_runs(texts, runs, min_words=min_words):
            if chunk[0][0] - reported >= PROGRESS_EVERY:
                reported = chunk[0][0] - chunk[0][0] % PROGRESS_EVERY
                tick(reported)
            tokens = chunk_tokens(texts, chunk, is_foreign)
            for match in find_matches(index, tokens, min_words=min_words, floor=floor):
                restore = match.confidence >= min_confidence
                pausal = ends_at_pause(texts, tokens, match)
                as_heard = compounds == "as_heard"
                parts = restorations(
                    match, tokens, style=style, compounds_as_heard=as_heard, ends_at_pause=pausal
                )
                if compounds == "as_heard_in_quotations" and _inside_a_sentence(texts, parts):
                    parts = restorations(
                        match,
                        tokens,
                        style=style,
                        compounds_as_heard=True,
                        printed=printed,
                        ends_at_pause=pausal,
                    )
                first_segment = tokens[match.first].segment
                for number, (segment, start, end, after) in enumerate(parts):
                    before = texts[segment][start:end]
                    if (
                        number == 0
                        and before[:1].isupper()
                        and sentence_starts_at(texts, segment, start)
                    ):
                        after = after[:1].upper() + after[1:]  # "Bhayaṃ dvitīyābhiniveśataḥ"
                    if not restore:
                        continue
                    if _same_text(before, after):
                        canonical.append((segment, start, end, len(before), match))
                    elif after in before:  # already written, words around it: keep it so
                        at = start + before.index(after)
                        canonical.append((segment, at, at + len(after), len(after), match))
                    elif not any(e.start < end and start < e.end for e in edits[segment]):
                        if edits[segment] is unchanged:
                            edits[segment] = []
                        edits[segment].append(
                            Edit(start, end, after, match.item.verse.id, match.confidence)
                        )
                        canonical.append((segment, start, end, len(after), match))
                findings.append(
                    Finding(
                        segment=first_segment + 1,
                        kind="verse",
                        ref=match.item.verse.id,
                        confidence=match.confidence,
                        restored=restore,
                        start=parts[0][1] if parts else 0,
                        end=parts[0][2] if parts else 0,
                        detail=" ".join(part[3] for part in parts),
                    )
                )
        findings.extend(_verse_spans(canonical, edits))
        return StageOutput(edits, findings)

    return run


def _verse_spans(
    canonical: list[tuple[int, int, int, int, Match]], edits: list[list[Edit]]
) -> list[Finding]:
    """A "verse_span" Finding for each span of canonical verse text this stage leaves behind.

    Unlike other findings, `start`/`end` index the segment's text AFTER this stage's edits,
    so that later stages can leave canonical verse text alone.
    """
    spans = []
    for segment, start, end, length, match in canonical:
        shift = sum(
            len(edit.after) - (edit.end - edit.start)
            for edit in edits[segment]
            if edit.end <= start and (edit.start, edit.end) != (start, end)
        )
        spans.append(
            Finding(
                segment=segment + 1,
                kind="verse_span",
                ref=match.item.verse.id,
                confidence=match.confidence,
                restored=True,
                start=start + shift,
                end=start + shift + length,
            )
        )
    return spans


def _inside_a_sentence(texts: Sequence[str], parts: Sequence[tuple[int, int, int, str]]) -> bool:
    """True if a cue the recitation touches has a word outside it: the verse is quoted in
    prose ("as Kṛṣṇa says, īśvaraḥ sarva-bhūtānāṃ ..."), not recited on its own."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for segment, start, end, _ in parts:
        spans.setdefault(segment, []).append((start, end))
    for segment, taken in spans.items():
        text, outside, at = texts[segment], [], 0
        for start, end in sorted(taken):
            outside.append(text[at:start])
            at = end
        outside.append(text[at:])
        if _WORD.search("".join(outside)):
            return True
    return False


def _same_text(before: str, after: str) -> bool:
    """Equal but for anusvāra style and case (a sentence-initial capital is kept)."""
    return before.replace("ṁ", "ṃ").casefold() == after.replace("ṁ", "ṃ").casefold()
