"""IAST text helpers the sources share: one normal form, IAST marks, compound-blind keys."""

from __future__ import annotations

import re
import unicodedata

IAST_MARKS = frozenset("āīūṛṝḷḹṅñṭḍṇśṣṃṁḥ")


def nfc(text: str) -> str:
    """Sources mix composed and decomposed letters; every comparison is on NFC."""
    return unicodedata.normalize("NFC", text)


def canonical(iast: str) -> str:
    """The lexicon writes anusvāra as ṃ (the output style may turn it into ṁ)."""
    return nfc(iast).replace("ṁ", "ṃ").replace("Ṁ", "Ṃ")


def has_marks(word: str) -> bool:
    """True if the word carries an IAST mark: it is Sanskrit, not an English look-alike."""
    return any(ch in IAST_MARKS for ch in word.lower())


def joined_form(iast: str) -> str:
    """A form compared without case, spaces or hyphens (Bhagavad-gītā is Bhagavad Gītā)."""
    return re.sub(r"[\s-]+", "", canonical(iast).lower())
