"""ASCII folding and phonetic keys: how English ASR spellings and IAST are compared."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

KEY_VERSION = 5
"""Bumped whenever the key rules change: cached indexes keyed by it are rebuilt."""

WORD_LETTERS = r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*"
"""The letters of one word as a regex, its combining marks too (ISO 15919 writes ṛ as r̥)."""

_EXTRA_FOLDS = str.maketrans({"ı": "i", "ł": "l", "’": "'", "‘": "'"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII form: diacritics stripped (kṛṣṇa -> krsna, saṁsāra -> samsara)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLDS).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_KEY_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z]", ""),  # spaces, hyphens, apostrophes: compounds split or joined
        (r"x", "ks"),
        (r"q", "k"),
        (r"w", "v"),
        (r"(?:jn|(?<!n)gy|dny)", "gn"),  # jñāna ~ gyana ~ dnyana ~ gnana (not aṣṭāṅg-yoga)
        (r"ri", "r"),  # ṛ heard as "ri"
        (r"ee|ii|ie", "i"),
        (r"oo|uu", "u"),
        (r"aa", "a"),
        (r"([bcdgjkpst])h", r"\1"),  # aspirates and sh/ch/ṣ/ś all fold together
        (r"[mn](?=[bcdgjklpstvyrh])", "n"),  # anusvāra written m, n or ṃ
        (r"(.)\1+", r"\1"),  # doubled letters
        (r"(?<=..)a$", ""),  # final schwa dropped by Hindi-style ASR (arjun, krishn)
    )
)


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """A coarse key under which ASR spellings and IAST of one word coincide."""
    key = fold(text)
    for pattern, replacement in _KEY_RULES:
        key = pattern.sub(replacement, key)
    return key


_TERM_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[^aeiou])ru(?=[^aeiou])", "r"),  # ṛ heard as "ru" (krushna)
        (r"(?<=g)a(?=v[aeiou])|(?<=[^aeiou])a(?=vad$)", ""),  # syncope: bhagwan, bhagwad
        (r"(?<=[aeiou])h$", ""),  # final visarga heard or not (manah, mana)
        (r"(?<=..)a$", ""),
        (r"m$", "n"),  # final anusvāra or m written n (param, paran)
    )
)


@lru_cache(maxsize=65536)
def term_key(text: str) -> str:
    """A looser key for lexicon terms: phonetic_key plus rules for ṛ as "ru", Hindi
    syncope, a final visarga and a final m/n, which are common in ASR of single words."""
    key = phonetic_key(text)
    for pattern, replacement in _TERM_RULES:
        key = pattern.sub(replacement, key)
    return key
