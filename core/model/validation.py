"""Checks a model's suggestion must pass before it may change a segment.

The rule result is the floor: a suggestion is accepted only if it changes nothing but the
flagged words, writes valid IAST, stays within an edit-distance bound of what it replaces,
changes no common English word, and, when it names a verse, matches that verse's canonical
text. Anything else is rejected with a reason, and the segment keeps the rule result.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from rapidfuzz.distance import Levenshtein

from core.knowledge.english import EnglishWords
from core.knowledge.phonetic import fold
from core.model.protocol import Question, Suggestion, word_spans
from core.transcript.edits import Edit

_PUNCTUATION = ",.;:!?\"'()[]{}“”‘’«»…—–-|"
_LETTERS = "a-zA-ZāīūṛṝḷḹṅñṭḍṇśṣṃṁḥĀĪŪṚṜḶḸṄÑṬḌṆŚṢṂṀḤ"
_IAST_WORD = re.compile(f"[{_LETTERS}]+(?:['’-][{_LETTERS}]+)*")
_NOT_LETTER = re.compile(r"[^a-zāīūṛṝḷḹṅñṭḍṇśṣṃ]")


@dataclass(frozen=True, slots=True)
class Verdict:
    """Accepted (reason None) with the edits to make, or rejected with the reason why."""

    edits: tuple[Edit, ...]
    reason: str | None = None

    @property
    def accepted(self) -> bool:
        return self.reason is None


class VerseText(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def iast(self) -> str: ...


class VerseLookup(Protocol):
    """What validation needs of core.knowledge.verse_index.VerseIndex: canonical text by id."""

    def get(self, verse_id: str) -> VerseText | None: ...


@dataclass(frozen=True, slots=True)
class Checks:
    """The shared indexes and bounds a suggestion is checked against."""

    verses: VerseLookup
    english: EnglishWords
    english_zipf: float = 3.0
    max_edit_ratio: float = 0.4

    def is_english(self, word: str) -> bool:
        return self.english.is_common(_core(word), self.english_zipf)


def _core(word: str) -> str:
    return word.strip(_PUNCTUATION)


def _verse_words(text: str) -> list[str]:
    """Words in canonical-verse comparison form: lower case, ṁ as ṃ, letters only."""
    normal = unicodedata.normalize("NFC", text).lower().replace("ṁ", "ṃ")
    words = (_NOT_LETTER.sub("", word) for word in normal.split())
    return [word for word in words if word]


def _in_verse(after: str, verse_text: str) -> bool:
    """Whether `after` is a run of consecutive words of the verse (hyphens ignored)."""
    wanted, words = _verse_words(after), _verse_words(verse_text)
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def _rejoin(
    old_text: str,
    old_spans: list[tuple[int, int]],
    new_text: str,
    new_spans: list[tuple[int, int]],
) -> str:
    """The new words; word for word, with the old separators, so a cue's line break stays."""
    if len(old_spans) != len(new_spans):
        return new_text[new_spans[0][0] : new_spans[-1][1]]
    pieces = [new_text[slice(*new_spans[0])]]
    for index in range(1, len(new_spans)):
        pieces.append(old_text[old_spans[index - 1][1] : old_spans[index][0]])
        pieces.append(new_text[slice(*new_spans[index])])
    return "".join(pieces)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069<>{}]")
"""Line and paragraph breaks, control, zero-width and bidi characters, and markup brackets:
in an answer they could split a cue, hide text or inject tags; only words may change."""


def _unsafe_characters(after: str, old_region: str) -> list[str]:
    """The unsafe characters `after` brings that the text it replaces did not have (a cue's
    own line break between two rewritten words stays where it was)."""
    return sorted(set(_UNSAFE.findall(after)) - set(old_region))


def _rejected(reason: str) -> Verdict:
    return Verdict((), reason)


def check_suggestion(
    question: Question, suggestion: Suggestion, checks: Checks, *, source: str, confidence: float
) -> Verdict:
    """Validate `suggestion` against `question`; return the edits it may make, or why not."""
    old_text, new_text = question.text, unicodedata.normalize("NFC", suggestion.text)
    if new_text == old_text:
        return Verdict(())
    old_spans, new_spans = word_spans(old_text), word_spans(new_text)
    old_words = [old_text[slice(*span)] for span in old_spans]
    new_words = [new_text[slice(*span)] for span in new_spans]
    flagged = set(question.flagged_words)
    verse = None
    if suggestion.verse is not None:
        verse = checks.verses.get(suggestion.verse)
        if verse is None:
            return _rejected(f"names a verse that does not exist: {suggestion.verse!r}")
    edits: list[Edit] = []
    matcher = SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace":
            return _rejected("adds or removes words instead of rewriting flagged ones")
        before_words, after_words = old_words[i1:i2], new_words[j1:j2]
        unflagged = [old_words[i] for i in range(i1, i2) if i not in flagged]
        if unflagged:
            return _rejected(f"changes words that were not flagged: {unflagged!r}")
        english = [
            w for w in before_words if checks.english.is_common(_core(w), checks.english_zipf)
        ]
        if english:
            return _rejected(f"changes English words: {english!r}")
        invalid = [w for w in after_words if not _IAST_WORD.fullmatch(_core(w))]
        if invalid:
            return _rejected(f"writes something that is not IAST: {invalid!r}")
        before = " ".join(before_words)
        after = _rejoin(old_text, old_spans[i1:i2], new_text, new_spans[j1:j2])
        unsafe = _unsafe_characters(after, old_text[old_spans[i1][0] : old_spans[i2 - 1][1]])
        if unsafe:
            return _rejected(f"writes line breaks, control characters or markup: {unsafe!r}")
        ratio = Levenshtein.normalized_distance(
            fold(before).replace(" ", ""), fold(after).replace(" ", "")
        )
        if ratio > checks.max_edit_ratio:
            return _rejected(f"rewrites too much: {before!r} -> {after!r} ({ratio:.2f})")
        if verse is not None and not _in_verse(after, verse.iast):
            return _rejected(f"{after!r} is not in the text of {verse.id}")
        edits.append(
            Edit(
                start=old_spans[i1][0],
                end=old_spans[i2 - 1][1],
                after=after,
                source=verse.id if verse is not None else source,
                confidence=confidence,
            )
        )
    return Verdict(tuple(edits))
