"""What a word's neighbours say in the terms stage: two halves of a split word, a homograph's
reading (core.knowledge.cues), and the sandhi of its ending before a pause or a vowel."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from core.knowledge.cues import HEARD as CUE_HEARD
from core.knowledge.cues import TRIGGERS as CUE_TRIGGERS
from core.knowledge.cues import cue_for
from core.knowledge.lexicon import SCORE_VARIANT, Entry, Lexicon
from core.knowledge.phonetic import fold
from core.stages.term_decisions import FUNCTION_ZIPF, Decision
from core.stages.term_tokens import TokenInfo

__all__ = [
    "a_name_read_as_a_word",
    "before_a_pause_or_vowel",
    "beside_sanskrit",
    "dropped_visarga",
    "is_sanskrit",
    "read_cues",
    "rejoin_splits",
    "words_of",
]

_VOWEL_LETTERS = frozenset("aeiou")
_PAUSE_OR_VOWEL = re.compile(r"\s*(?:[.,;:!?…“”\"()]|[–—]|[aeiouāīūṛ])", re.IGNORECASE)
_CUE_ROUNDS = 2
"""Cue readings are read again once, with the words the first round read."""
_WHOLE_WORD_MATCHES = frozenset({"iast", "variant", "phonetic"})
"""How a rejoined word must match: as one known word, not as a compound, stem or guess;
a fuzzy likeness only when both pieces are fragments ("kre shna": Kṛṣṇa; not "tv anda")."""


def rejoin_splits(
    text: str,
    found: Sequence[re.Match[str]],
    tokens: Sequence[TokenInfo],
    decisions: list[Decision | None],
    spans: list[int],
    *,
    decide: Callable[[str], Decision | None],
    zipf: Callable[[str], float],
    min_confidence: float,
) -> int:
    """Two words read as one where a recogniser split a word mid-syllable ("kr ushna",
    "drupa da", "bh eesma"): one of them is a fragment known neither to English nor to the
    lexicon, and together they spell a term sure enough without context. Returns how many
    were rejoined."""
    if not any(token.fragment for token in tokens):
        return 0
    rejoined = 0
    for i in range(len(tokens) - 1):
        first, second = tokens[i], tokens[i + 1]
        if not (first.fragment or second.fragment) or spans[i] != 1 or spans[i + 1] != 1:
            continue
        if not (first.plain and second.plain) or found[i].end() + 1 != found[i + 1].start():
            continue
        if text[found[i].end()] != " " or _hyphened(text, found[i].start(), found[i + 1].end()):
            continue  # "kleśa-da aasa": a member of a compound is no fragment
        if max(zipf(first.text.lower()), zipf(second.text.lower())) >= FUNCTION_ZIPF:
            continue
        decision = decide((first.text + second.text).lower())
        both_fragments = first.fragment and second.fragment
        if (
            decision is not None
            and (
                decision.how in _WHOLE_WORD_MATCHES or (decision.how == "fuzzy" and both_fragments)
            )
            and not decision.needs_context
            and decision.confidence >= min_confidence
        ):
            decisions[i], spans[i] = decision, 2
            rejoined += 1
    return rejoined


def read_cues(
    tokens: Sequence[TokenInfo],
    decisions: list[Decision | None],
    spans: Sequence[int],
    lexicon: Lexicon,
    pause_after: Callable[[int], object],
) -> None:
    """A homograph whose neighbours say which word it is (core.knowledge.cues) takes that
    reading in `decisions` (`pause_after(i)`: whether punctuation follows token i, asked
    only of a word a cue may read)."""
    if not any(token.cue_reads and span == 1 for token, span in zip(tokens, spans, strict=True)):
        return  # no word here a cue may read
    if not any(token.cue_trigger for token in tokens) and not any(
        decision is not token.decision  # a phrase or a rejoined word
        and decision is not None
        and not CUE_TRIGGERS.isdisjoint(words_of(decision))
        for token, decision in zip(tokens, decisions, strict=True)
    ):
        return
    heard = [fold(token.text) for token in tokens]
    # each word as heard and as decided, so that the output reads the same again
    # ("bhagabad Peter", "bhag avad Peter": Bhagavad Gītā either way)
    words = [{word} for word in heard]
    for i, (decision, span) in enumerate(zip(decisions, spans, strict=True)):
        if decision is not None:
            for j in range(i, i + span):
                words[j].update(words_of(decision))
    for i, token in enumerate(tokens):  # "baarata" is read as the Bharata it was decided
        if token.cue_reads and heard[i] not in CUE_HEARD:
            heard[i] = cue_word(token.decision) or heard[i]
    readable = [
        i
        for i, token in enumerate(tokens)
        if token.plain and spans[i] == 1 and heard[i] in CUE_HEARD
    ]
    for _ in range(_CUE_ROUNDS):  # a word read is a cue too ("Bhagwat Peter": Bhagavad Gītā)
        read = False
        for i in readable:
            earlier = decisions[i]
            if earlier is not None and earlier.how == "cue":
                continue
            cue = cue_for(heard[i], words, i, pause_after=bool(pause_after(i)))
            if cue is None:
                continue
            entry = lexicon.by_form(cue.iast)
            if entry is None or entry.iast != cue.iast:  # Bhārata the name, not bhārata
                entry = Entry(heard[i], cue.iast, None, cue.kind, None, ())
            decisions[i] = Decision(entry, SCORE_VARIANT, "cue", "")
            words[i].update(_folded_words(cue.iast))
            read = True
        if not read:
            break


def a_name_read_as_a_word(lexicon: Lexicon, decision: Decision, original: str) -> bool:
    """True if `original` spells a name but `decision` reads it as a common word."""
    if decision.entry.is_proper or not original[:1].isupper():
        return False
    named = lexicon.by_form(original) or lexicon.by_variant(original)
    return named is not None and named.is_proper


def beside_sanskrit(tokens: Sequence[TokenInfo], i: int, span: int) -> bool:
    """True if the word before token i, or the one after its `span` tokens, is Sanskrit."""
    return (i > 0 and is_sanskrit(tokens[i - 1])) or (
        i + span < len(tokens) and is_sanskrit(tokens[i + span])
    )


def is_sanskrit(token: TokenInfo) -> bool:
    return token.sanskrit or token.marked or token.fragment


def cue_word(decision: Decision | None) -> str | None:
    """The decided word, folded, when it is one a cue may read ("baarata" decided Bharata:
    bharata), so that a cue reads it as on a second pass over the output."""
    if decision is None:
        return None
    words = words_of(decision)
    return words[0] if len(words) == 1 and words[0] in CUE_HEARD else None


def words_of(decision: Decision) -> tuple[str, ...]:
    """The decided entry's words, folded ("Bhagavad Gītā": bhagavad, gita)."""
    return _folded_words(decision.entry.iast)


@lru_cache(maxsize=65536)
def _folded_words(iast: str) -> tuple[str, ...]:
    return tuple(fold(iast).replace("-", " ").split())


def _hyphened(text: str, start: int, end: int) -> bool:
    """True if the span [start, end) is joined by a hyphen to the word before or after it."""
    return text[start - 1 : start] == "-" or text[end : end + 1] == "-"


def dropped_visarga(
    after: str,
    original: str,
    tokens: Sequence[TokenInfo],
    decisions: Sequence[Decision | None],
    following: int,
) -> bool:
    """True if `after` ends in aḥ or āḥ, was heard without the h, and a Sanskrit word
    beginning with a vowel follows: there sandhi drops the visarga ("yata ātmano", "devā
    ime"; before a short a, aḥ becomes o instead, so that is left alone)."""
    if not after.endswith(("aḥ", "āḥ")) or original[-1:] in "hH" or following >= len(tokens):
        return False
    token, decision = tokens[following], decisions[following]
    if not (token.sanskrit or token.marked):
        return False
    written = token.text if decision is None else decision.entry.iast
    vowel = written[:1].lower()
    return fold(vowel) in _VOWEL_LETTERS and (after.endswith("āḥ") or vowel != "a")


def before_a_pause_or_vowel(text: str, end: int, following_text: str = "") -> bool:
    """True if punctuation or a word beginning with a vowel follows `end`, on its line, the
    next line, or (for the cue's last word) in the next cue, `following_text`; and at the
    end of the lecture: there a final m is said as m, not as the anusvāra it becomes
    before a consonant ("bhadram / astu")."""
    if text[end:].strip():
        return _PAUSE_OR_VOWEL.match(text, end) is not None
    following = following_text.lstrip()
    return not following or _PAUSE_OR_VOWEL.match(following) is not None
