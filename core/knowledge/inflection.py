"""Case endings heard on known stems: "rupani" is rūpāṇi because rūpa is a known a-stem.

Lectures quote verses from many texts, and their words come inflected (rūpāṇi, śāstraiḥ,
prakṛtayaḥ). Listing every form of every stem would multiply the lexicon; instead the
terms stage asks, for a word it does not know, whether it is a known stem plus a common
case ending. The endings are the regular nominal ones of the a-, ā-, i- and an-stems,
which cover most of what is quoted; the vowel lengths of the ending come from the grammar,
not from the ASR spelling, which cannot hear them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


class Stem(Protocol):
    @property
    def iast(self) -> str: ...


S = TypeVar("S", bound=Stem)

MIN_STEM = 3
"""Shortest heard stem before an ending: "tani" is no tā-stem plus -ni."""

_HEARD_LETTER = {
    "ā": "a{1,2}",
    "ī": "(?:i|ee)",
    "ū": "(?:u|oo)",
    "ṣ": "(?:sh|s)",
    "ś": "(?:sh|s)",
    "ṇ": "n",
    "ḥ": "h?",
    "ṃ": "[mn]",  # a final m, heard as m or (before a consonant, as anusvāra) n
}

# (heard as, the stem's final letters, the ending written after the stem without them).
# In the heard spelling ṃ stands for a final m heard as m or n; a plain m must be heard m
# ("cintayan" is no cintāyāṃ).
_RULES: tuple[tuple[str, str, str], ...] = (
    # an-stems (ātman, brahman)
    ("anā", "an", "anā"),
    ("anaḥ", "an", "anaḥ"),
    ("ani", "an", "ani"),
    ("ānaṃ", "an", "ānam"),
    # a-stems (rūpa, śāstra, uttama)
    ("āni", "a", "āni"),
    ("ena", "a", "ena"),
    ("en", "a", "ena"),  # the final a lost, as names lose theirs (anukulyen)
    ("asya", "a", "asya"),
    ("aiḥ", "a", "aiḥ"),
    ("aiś", "a", "aiś"),  # before c/ch: "mataish ca"
    ("ānāṃ", "a", "ānām"),
    ("eṣu", "a", "eṣu"),
    ("ebhyaḥ", "a", "ebhyaḥ"),
    ("āya", "a", "āya"),
    ("āt", "a", "āt"),
    ("aṃ", "a", "am"),
    ("ah", "a", "aḥ"),  # the visarga heard: a bare "-a" is the stem itself
    # ā-stems (prakṛtā, sāttvikatā)
    ("ayā", "ā", "ayā"),
    ("āyāḥ", "ā", "āyāḥ"),
    ("āyām", "ā", "āyām"),
    ("ābhiḥ", "ā", "ābhiḥ"),
    ("āsu", "ā", "āsu"),
    ("ām", "ā", "ām"),
    ("āh", "ā", "āḥ"),
    # i-stems (prakṛti, buddhi)
    ("ayaḥ", "i", "ayaḥ"),
    ("ibhiḥ", "i", "ibhiḥ"),
    ("īnāṃ", "i", "īnām"),
    ("iṣu", "i", "iṣu"),
    ("eh", "i", "eḥ"),  # heard with its visarga: a bare -e is too often something else
    ("yā", "i", "yā"),
    ("im", "i", "im"),
)


@dataclass(frozen=True, slots=True)
class Ending:
    """One rule: a heard ending, the stem final it applies to, and what is written."""

    pattern: re.Pattern[str]
    stem_final: str
    written: str


def _heard(ending: str) -> str:
    return "".join(_HEARD_LETTER.get(letter, re.escape(letter)) for letter in ending)


def _letters_heard(ending: str) -> int:
    """How many letters an ending is heard as at the least (a visarga may go unheard)."""
    return sum(letter != "ḥ" for letter in ending)


ENDINGS: tuple[Ending, ...] = tuple(
    Ending(
        re.compile(rf"(?P<stem>[a-z]{{{MIN_STEM},}}?)(?P<ending>{_heard(heard)})$"), final, written
    )
    for heard, final, written in sorted(_RULES, key=lambda rule: -_letters_heard(rule[0]))
)
"""Longest heard ending first; among equals, the table's order, which puts the reading
that hears every letter (ātmanā) before one that assumes a lost visarga (ātmanaḥ)."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """A heard word read as a stem and an ending: the stem as heard, and the rule."""

    heard_stem: str
    ending: Ending
    heard_ending: str


def analyses(word: str) -> Iterator[Analysis]:
    """Every reading of a lower-case ASCII word as a heard stem plus a known ending,
    longest ending first."""
    for ending in ENDINGS:
        match = ending.pattern.match(word)
        if match is not None:
            yield Analysis(match["stem"] + _fold_final(ending.stem_final), ending, match["ending"])


def _fold_final(final: str) -> str:
    return final.replace("ā", "a")


_AGENT_NOMINATIVE = re.compile(r"(?<!a)[tṭ]ā$")
"""kartā, bhoktā, draṣṭā end in ā but are the nominatives of ṛ-stems (kartṛ), not ā-stems;
the feminine abstracts in -tā follow an a (sāttvika-tā, deva-tā)."""


def inflect(stem_iast: str, analysis: Analysis) -> str | None:
    """The stem in IAST with the analysed ending, or None if the stem is of another class.

    A final m heard as n is the anusvāra (dvitīyaṃ); the n of an ending becomes ṇ after
    ṛ, r or ṣ (rūpāṇi, śāstreṇa), as Sanskrit writes it.
    """
    final = analysis.ending.stem_final
    if not stem_iast.endswith(final) or len(stem_iast) <= len(final):
        return None
    if final == "ā" and _AGENT_NOMINATIVE.search(stem_iast):
        return None
    word = stem_iast[: -len(final)] + analysis.ending.written
    if analysis.ending.written.endswith("m") and analysis.heard_ending.endswith("n"):
        word = word[:-1] + "ṃ"
    return retroflex_n(word, start=len(stem_iast) - len(final))


_TRIGGERS = frozenset("ṛṝrṣ")
_TRANSPARENT = frozenset("aāiīuūṛṝḷeoykgṅpbmvhḥ")
"""Letters that let a preceding ṛ, r or ṣ reach an n (vowels, gutterals, labials, y, v, h)."""


def retroflex_n(word: str, *, start: int) -> str:
    """ṇatva: an n from position `start` on becomes ṇ when a ṛ, r or ṣ precedes it with only
    vowels, gutturals, labials, y, v or h between, and a vowel, n, m, y or v follows."""
    letters = list(word)
    armed = False
    for i, letter in enumerate(letters):
        if letter in _TRIGGERS:
            armed = True
        elif letter == "n" and armed and i >= start:
            following = letters[i + 1] if i + 1 < len(letters) else ""
            if following and following in "aāiīuūṛeonmyv":
                letters[i] = "ṇ"
            armed = False
        elif letter not in _TRANSPARENT:
            armed = False
    return "".join(letters)


MIN_MEMBER_ENDING = 3
"""A compound's last member takes only endings of three letters or more (-aiḥ, -ena,
-āni): the short ones are as often a verb's (sam-abhavat is no sama-bhāvāt)."""


def read_inflected(
    word: str, find_stems: Callable[[str], Sequence[S]], *, member: bool = False
) -> tuple[S, str] | None:
    """The first reading of `word` as a known stem with a case ending: (the stem, the
    inflected IAST). `find_stems` gives the lexicon's stems heard alike; a `member` (the
    last of a joined compound) takes the longer endings only."""
    for analysis in analyses(word):
        if member and len(analysis.ending.written) < MIN_MEMBER_ENDING:
            continue
        for stem in find_stems(analysis.heard_stem):
            inflected = inflect(stem.iast, analysis)
            if inflected is not None:
                return stem, inflected
    return None
