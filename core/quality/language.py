"""Language checks: unrestored terms, broken IAST, mixed anusvāra, fillers, unknown verses.

The terms stage and the verse index are taken through the small protocols below (what this
module calls of `core.stages.terms.TermMatcher` and `core.knowledge.verse_index.VerseIndex`),
so the checks can run with any object that answers them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from core.knowledge.english import EnglishWords
from core.knowledge.house_style import ISO_LETTERS
from core.knowledge.lexicon import IAST_MARKS, has_iast_marks
from core.pipeline import StageOutput, Tick, no_tick
from core.quality.issues import Issue
from core.quality.layout import visible_text
from core.quality.profiles import Profile
from core.transcript.cue_lines import CueLines
from core.transcript.segments import Segment

_IAST_PLAIN = frozenset("abcdeghijklmnoprstuvyABCDEGHIJKLMNOPRSTUVY'’-")
IAST_LETTERS = IAST_MARKS | _IAST_PLAIN
# Look-alikes and ISO 15919 letters that turn up in "IAST" text, with their IAST letter.
_REPAIRS = (
    ("r\u0325\u0304", "ṝ"),
    ("l\u0325\u0304", "ḹ"),
    ("r\u0325", "ṛ"),
    ("l\u0325", "ḷ"),
    ("ē", "e"),
    ("ō", "o"),
    ("ş", "ṣ"),
    ("ţ", "ṭ"),
    ("ņ", "ṇ"),
    ("ŗ", "ṛ"),
)
_HK_CAPITALS = frozenset("AIURMHNTDSGJ")
FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hm", "mhm", "mm"})
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f\u0900-\u097f])"
WORD = re.compile(rf"{_LETTER}+(?:['’]{_LETTER}+)*")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_NOT_SANSKRIT_ASCII = re.compile(r"[fqwxz]|[^a-z]")


class TermJudge(Protocol):
    """The terms stage (`core.stages.terms.TermMatcher`): each text's edits."""

    def __call__(self, texts: Sequence[str], *, tick: Tick = no_tick) -> StageOutput: ...


class _Scored(Protocol):
    @property
    def score(self) -> float: ...


class VerseSearch(Protocol):
    """What the checks need from `core.knowledge.verse_index.VerseIndex`."""

    def search(self, text: str, *, limit: int = 5) -> Sequence[_Scored]: ...


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a cue: `line` is the 0-based text line; `marked` if it has IAST marks."""

    text: str
    line: int
    marked: bool


def tokens(segment: Segment) -> list[Token]:
    """The words of a cue's visible text, NFC-normalised, with the text line of each."""
    found: list[Token] = []
    for index, line in enumerate(segment.text.split("\n")):
        visible = unicodedata.normalize("NFC", visible_text(line))
        found.extend(
            Token(word, index, has_iast_marks(word))
            for word in (match.group() for match in WORD.finditer(visible))
        )
    return found


def check_fillers(segment: Segment, words: Sequence[Token], lines: CueLines) -> Iterator[Issue]:
    for token in words:
        if token.text.casefold() in FILLERS:
            yield Issue(
                segment.position,
                lines.text_line(segment.position, token.line),
                "filler",
                f'hesitation filler "{token.text}"',
                "remove it",
            )


def check_terms(segments: Sequence[Segment], lines: CueLines, terms: TermJudge) -> Iterator[Issue]:
    """The terms the terms stage would still change: the check and the correction share one
    judgement (its TermMatcher), so a word Śruti leaves alone on purpose ("brahma" beside
    "ātmā" is brahman, not Brahmā) is never flagged, and a flagged one is what a second
    pass would write. A difference of case alone (a term opening a sentence) is not flagged."""
    output = terms([segment.text for segment in segments])
    for segment, edits in zip(segments, output.edits, strict=True):
        text = segment.text
        for edit in edits:
            before = text[edit.start : edit.end]
            if not edit.source.startswith("lexicon:") or before.casefold() == edit.after.casefold():
                continue
            yield Issue(
                segment.position,
                lines.text_line(segment.position, text.count("\n", 0, edit.start)),
                "unrestored_term",
                f'"{before}" is an ASR spelling of {edit.after}',
                edit.after,
            )


def _has_frequencies(english: EnglishWords | None, profile: Profile) -> bool:
    """False for a missing or empty word list (where every word would look rare)."""
    return english is not None and english.is_common("the", profile.english_zipf)


def check_iast(
    segment: Segment, words: Sequence[Token], lines: CueLines, *, script: str = "iast"
) -> Iterator[Issue]:
    """Letters outside IAST in a word with IAST marks (ISO 15919's too, in that house style);
    Harvard-Kyoto capitals in a word."""
    letters = IAST_LETTERS | ISO_LETTERS if script == "iso15919" else IAST_LETTERS
    for token in words:
        word = token.text
        line = lines.text_line(segment.position, token.line)
        if _DEVANAGARI.search(word) and re.search(r"[A-Za-z]", word):
            yield Issue(
                segment.position, line, "invalid_iast", f'"{word}" mixes Devanagari and Latin'
            )
        elif token.marked:
            strange = [char for char in word if char not in letters]
            if strange:
                shown = ", ".join(_show(char) for char in dict.fromkeys(strange))
                repaired = _repair(word)
                yield Issue(
                    segment.position,
                    line,
                    "invalid_iast",
                    f'"{word}" has letters outside IAST: {shown}',
                    repaired if all(c in IAST_LETTERS for c in repaired) else None,
                )
        elif _is_harvard_kyoto(word):
            yield Issue(
                segment.position,
                line,
                "invalid_iast",
                f'"{word}" is written in Harvard-Kyoto capitals, not IAST',
                _hk_to_iast(word),
            )


def check_anusvara(segments: Sequence[Segment], lines: CueLines) -> Iterator[Issue]:
    """Both ṃ and ṁ in one file: flag each cue that uses the rarer one."""
    counts = Counter(
        char
        for segment in segments
        for char in unicodedata.normalize("NFC", segment.text).lower()
        if char in "ṃṁ"
    )
    if len(counts) < 2:
        return
    rare = "ṁ" if counts["ṁ"] <= counts["ṃ"] else "ṃ"
    usual = "ṃ" if rare == "ṁ" else "ṁ"
    for segment in segments:
        text = unicodedata.normalize("NFC", segment.text)
        for index, line in enumerate(text.split("\n")):
            if rare in line.lower():
                yield Issue(
                    segment.position,
                    lines.text_line(segment.position, index),
                    "inconsistent_anusvara",
                    f"anusvāra written {rare} here but {usual} {counts[usual]} times elsewhere",
                    f"write {usual}",
                )
                break


def check_verses(
    segment: Segment,
    words: Sequence[Token],
    lines: CueLines,
    verses: VerseSearch,
    english: EnglishWords | None,
    profile: Profile,
) -> Iterator[Issue]:
    """A run of Sanskrit-looking words that no verse in the index matches."""
    for run in _recitations(words, english, profile):
        text = " ".join(t.text for t in run)
        best = max((m.score for m in verses.search(text, limit=1)), default=0.0)
        if best < profile.verse_min_score:
            yield Issue(
                segment.position,
                lines.text_line(segment.position, run[0].line),
                "unrecognised_verse",
                f'"{text}" looks like recited Sanskrit but matches no known verse',
                "check the recitation, or add the verse to a verse pack",
            )


def _recitations(
    words: Sequence[Token], english: EnglishWords | None, profile: Profile
) -> Iterator[list[Token]]:
    """Runs of at least `verse_min_words` Sanskrit-looking words.

    One other word may stand between two of them: ASR writes Sanskrit "mā" or "sad" as the
    English "ma" or "sad".
    """
    known = english if _has_frequencies(english, profile) else None
    run: list[Token] = []
    sanskrit = 0
    bridge: Token | None = None
    for token in [*words, None]:
        if token is not None and _looks_sanskrit(token.text, known, profile):
            if bridge is not None:
                run.append(bridge)
                bridge = None
            run.append(token)
            sanskrit += 1
        elif token is not None and run and bridge is None:
            bridge = token
        else:
            if sanskrit >= profile.verse_min_words:
                yield run
            run, sanskrit, bridge = [], 0, None


def _looks_sanskrit(word: str, english: EnglishWords | None, profile: Profile) -> bool:
    """IAST marks; or, with English frequencies, a rare word spelt with Sanskrit letters."""
    if has_iast_marks(word):
        return True
    if english is None:
        return False
    lowered = word.lower()
    return not _NOT_SANSKRIT_ASCII.search(lowered) and not english.is_common(
        lowered, profile.english_zipf
    )


def _is_harvard_kyoto(word: str) -> bool:
    return (
        len(word) >= 3
        and word[0].islower()
        and word.isascii()
        and word.isalpha()
        and any(char in _HK_CAPITALS for char in word[1:])
        and all(char.islower() or char in _HK_CAPITALS for char in word)
    )


def _hk_to_iast(word: str) -> str:
    from indic_transliteration import sanscript

    return str(sanscript.transliterate(word, sanscript.HK, sanscript.IAST))


def _repair(word: str) -> str:
    for wrong, right in _REPAIRS:
        word = word.replace(wrong, right)
    return word


def _show(char: str) -> str:
    if unicodedata.combining(char):
        return f"combining U+{ord(char):04X}"
    return f"{char!r}"
