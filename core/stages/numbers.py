"""Stage: spoken scripture references to digits; other numbers are left to the editor.

"chapter two verse forty seven" -> "chapter 2, verse 47"; "verse twenty-five of chapter two"
-> "verse 25 of chapter 2"; "gita two point forty seven" -> "gita 2.47". Only numbers that
follow a reference word (chapter, verse, sūtra, ...) or a scripture name are touched, so
"one of", "one should" and "two thousand years" stay as spoken.
"""

from __future__ import annotations

import re

from core.knowledge.cues import cue_for
from core.knowledge.phonetic import fold, phonetic_key
from core.knowledge.spoken_numbers import TENS as _TENS
from core.knowledge.spoken_numbers import UNITS as _UNITS
from core.knowledge.spoken_numbers import words_to_int
from core.pipeline import StageFn, per_segment
from core.transcript.edits import Edit

_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN = "|".join(sorted(_TENS, key=len, reverse=True))
_BELOW_100 = rf"(?:(?:{_TEN})(?:[\s-]+(?:{_UNIT}))?|{_UNIT})"
# "one hundred and twenty three", "a hundred", "two hundred five", or digits.
_NUMBER = rf"(?:(?:(?:{_UNIT}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?)|{_BELOW_100}|\d{{1,4}})"

_REFERENCE_WORD = (
    r"chapters?|verses?|sutras?|sūtras?|mantras?|shlokas?|slokas?|ślokas?|adhyayas?|"
    r"adhyāyas?|cantos?|padas?|pādas?|anuvakas?|valli|vallī|khandas?"
)
# Names after which "X point Y" is a reference, compared by phonetic key so that ASR
# spellings ("geetaa", "upanishat") count too.
_WORK_NAMES = (
    "gita gītā sutra sūtra upaniṣad upanishad karika kārikā bhagavatam bhāgavatam "
    "vivekacūḍāmaṇi bg ys"
).split()
_WORK_KEYS = frozenset(phonetic_key(name) for name in _WORK_NAMES)

# "in this chapter one should ...": "one" as a pronoun, not a number.
_PRONOUN_ONE = re.compile(
    r"\s+(?:should|must|can|cannot|could|would|will|may|might|has|is|was|finds|sees|gets|"
    r"needs|who|which|that|learns|understands|becomes)\b",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    rf"\b(?P<word>{_REFERENCE_WORD})\s+(?P<number>{_NUMBER})"
    rf"(?:\s*(?P<sep>,|and|to|through)\s+(?P<number2>{_NUMBER}))?\b"
    rf"(?P<next>,?\s+(?=(?:{_REFERENCE_WORD})\s))?",
    re.IGNORECASE,
)
_DOTTED = re.compile(
    rf"\b(?P<work>[^\W\d_]+)\s+(?P<major>{_NUMBER})\s+(?:point|dot)\s+(?P<minor>{_NUMBER})\b",
    re.IGNORECASE,
)

# A cheap test that a text may hold a reference: one of the words the patterns above need,
# searched in the lower-cased text (most segments have none and skip the costly patterns).
# The fold makes it as lenient as re.IGNORECASE: "ı" matches "i" and "ſ" matches "s" there,
# and "İ" lower-cases to "i" plus a combining dot.
_HINT = re.compile(rf"point|dot|{_REFERENCE_WORD.lower()}")
_HINT_FOLD = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def may_hold_reference(text: str) -> bool:
    """False when `text` certainly has no reference for the patterns to find."""
    lowered = text.lower()
    if not lowered.isascii():
        lowered = lowered.translate(_HINT_FOLD)
    return _HINT.search(lowered) is not None


def _is_work_name(word: str) -> bool:
    """A work's name as ASR writes it, also in the plural ("sutras") or with the r a
    non-rhotic speaker adds ("Gitar"), as the terms stage reads it."""
    lower = word.lower()
    forms = (word, word[:-1]) if lower.endswith(("s", "ar")) else (word,)
    return any(phonetic_key(form) in _WORK_KEYS for form in forms)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*\Z")


def _a_title_heard_as_english(match: re.Match[str]) -> bool:
    """True if the work's name is an English word a recogniser writes for it that the word
    before it names ("Bhagavad Peter one point fourteen": Gītā 1.14), as the terms stage
    reads it (core.knowledge.cues), so that one pass writes both."""
    before = _WORD_BEFORE.search(match.string, 0, match.start("work"))
    if before is None:
        return False
    words = [{fold(before.group(1))}, {fold(match.group("work"))}]
    cue = cue_for(fold(match.group("work")), words, 1)
    return cue is not None and cue.kind == "work"


def make_numbers_stage(*, enabled: bool) -> StageFn:
    """Build the numbers stage; disabled, it proposes nothing."""

    def correct(text: str) -> list[Edit]:
        return reference_edits(text) if enabled else []

    return per_segment(correct)


def reference_edits(text: str) -> list[Edit]:
    """Edits that write the spoken scripture references in `text` as digits."""
    if not may_hold_reference(text):
        return []
    edits: list[Edit] = []
    for match in _DOTTED.finditer(text):
        if not _is_work_name(match.group("work")) and not _a_title_heard_as_english(match):
            continue
        major, minor = words_to_int(match.group("major")), words_to_int(match.group("minor"))
        if major is None or minor is None:
            continue
        start = match.start("major")
        edits.append(Edit(start, match.end(), f"{major}.{minor}", "rule:dotted-reference"))
    taken = [(edit.start, edit.end) for edit in edits]
    for match in _REFERENCE.finditer(text):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        first = words_to_int(match.group("number"))
        if first is None:
            continue
        is_one = match.group("number").lower() == "one" and not match.group("number2")
        if is_one and _PRONOUN_ONE.match(text, match.end("number")):
            continue
        replacement = f"{match.group('word')} {first}"
        if match.group("number2"):
            second = words_to_int(match.group("number2"))
            if second is None:
                continue
            separator = match.group("sep")
            replacement += f"{',' if separator == ',' else ' ' + separator} {second}"
        end = match.end("number2") if match.group("number2") else match.end("number")
        if match.group("next") is not None:
            # "chapter two verse forty seven": a comma between the parts of one reference.
            replacement += ", "
            end = match.end("next")
        edits.append(Edit(match.start(), end, replacement, "rule:scripture-reference"))
    return edits
