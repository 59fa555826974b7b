"""The curated table (scripts/lexicon_sources/curated_more.tsv): about 2,000 names and
terms of the epics, Purāṇas, Vedānta, Yoga and Vaiṣṇava teaching, written for this project
from general knowledge. No lecture text attests them, so they only fill gaps the attested
sources leave, and only where an ASR engine's spelling of them is unambiguous.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from wordfreq import zipf_frequency

from core.knowledge.phonetic import fold, term_key
from scripts.lexicon.draft import PROPER_KINDS, Draft
from scripts.lexicon.sources import CuratedRow, Row
from scripts.lexicon.spelling import ENGLISH_SPELLING, known_to_english, spelled_as_english
from scripts.lexicon.text import canonical, joined_form
from scripts.lexicon.verse_forms import verse_text_words


def table_drafts(
    rows: Iterable[CuratedRow],
    known_drafts: Sequence[Draft],
    common: dict[str, set[str]],
) -> list[Draft]:
    """Drafts for the curated table's rows that fill gaps in `known_drafts`.

    A word the corpus already spells or capitalises its own way (Bhagavad Gītā, kṛpā beside
    Kṛpa) keeps that form and only gains the row's spellings (added to the known draft in
    place). Only general knowledge vouches for the rest, so a row is left out when an ASR
    engine's spelling of it is ambiguous: a stock phrase of known words, a term English
    knows or a name common in English (`_english_rival`), a name spelled like a common
    Sanskrit word (Rati, rati), a term spelled like another word (yātrā, yatra).
    """
    joined = {joined_form(draft.iast): draft for draft in known_drafts}
    keys = {term_key(draft.iast): draft for draft in reversed(known_drafts)}
    found: list[Draft] = []
    for iast, kind, meaning, spellings in rows:
        known = joined.get(joined_form(iast))
        # a spelling that sounds like another entry is not given away (ramanujacharya), and
        # an English word is not a spelling ("brahmin", "swami" are English already)
        extra = {
            v
            for v in spellings
            if keys.get(term_key(v), known) is known and zipf_frequency(v, "en") < ENGLISH_SPELLING
        }
        if known is not None:
            known.extra |= extra
            continue
        words = re.split(r"[\s-]+", iast)
        if len(words) > 1 and (kind == "term" or all(joined_form(w) in joined for w in words)):
            continue  # Hare Kṛṣṇa, Padma Purāṇa: the terms stage writes each word it knows
        if len(words) == 1 and _english_rival(iast, kind):
            continue
        spelled_alike = common.get(fold(iast), set())
        if spelled_alike and (kind in PROPER_KINDS or canonical(iast).lower() not in spelled_alike):
            continue
        # each word written as the corpus writes it (Garbhodaka-śāyī Viṣṇu)
        written = " ".join(_spelled_as(joined.get(joined_form(w)), w) for w in iast.split())
        found.append(Draft(canonical(written), kind, meaning or None, "curated-table", extra=extra))
    return found


def _english_rival(iast: str, kind: str) -> bool:
    """Whether English has a word spelled like the row that an ASR engine would write for
    something else: any such word for a term ("samba"), but for a name only a common one
    ("Bali", "Tara"): English texts that know "Yamuna" or "Ravana" at all mean the same
    river and king, and the name's capital is what the lexicon adds."""
    if kind in PROPER_KINDS:
        return spelled_as_english(iast)
    return known_to_english(iast)


def common_sanskrit_words(lanman: Iterable[Row], verses: Iterable[Row]) -> dict[str, set[str]]:
    """Common Sanskrit words by their plain spelling: Lanman's headwords and the Gītā's
    verse words, each with the IAST forms (lower case) that spell alike."""
    words: defaultdict[str, set[str]] = defaultdict(set)
    for row in lanman:
        iast = canonical(str(row["iast"])).lower()
        words[fold(iast)].add(iast)
    for word in verse_text_words(verses):
        if word.isalpha():
            words[fold(word.lower())].add(word.lower())
    return words


def _spelled_as(known: Draft | None, word: str) -> str:
    """`word` as an earlier source spells it (Garbhodaka-śāyī), in `word`'s own case."""
    if known is None:
        return word
    return (word[:1] + known.iast[1:]) if word[:1].lower() == known.iast[:1].lower() else word
