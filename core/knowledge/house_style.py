"""House styles: how the Sanskrit Śruti writes is spelled, from the IAST it knows.

- iast: IAST, with anusvāra as ṃ or ṁ (setting style.anusvara);
- iso15919: ISO 15919 (ṁ, r̥, r̥̄, l̥, l̥̄);
- simple: the diacritics-free spellings most English books use (Krishna, Bhagavad Gita,
  Shankaracharya, Upanishad, jnana): ś and ṣ become sh, c ch, ṛ ri, long vowels and dotted
  consonants lose their marks. Not a blind strip: only what Śruti writes (terms, verses) and
  words already in IAST are restyled, never English words.

Restored verses may instead be written in Devanāgarī (style.verse_script). Every style is a
fixed point: text already in the style is written unchanged, so a second pass changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SCRIPTS = ("iast", "iso15919", "simple")
_ISO = {
    "ṃ": "ṁ",
    "Ṃ": "Ṁ",
    "ṛ": "r\u0325",
    "Ṛ": "R\u0325",
    "ṝ": "r\u0325\u0304",
    "Ṝ": "R\u0325\u0304",
    "ḷ": "l\u0325",
    "Ḷ": "L\u0325",
    "ḹ": "l\u0325\u0304",
    "Ḹ": "L\u0325\u0304",
}
_SIMPLE = {
    **dict(zip("āīūṅñṭḍṇṃṁḥĀĪŪṄÑṬḌṆṂṀḤ", "aiunntdnmmhAIUNNTDNMMH", strict=True)),
    "ś": "sh",
    "ṣ": "sh",
    "Ś": "Sh",
    "Ṣ": "Sh",
    "ṛ": "ri",
    "ṝ": "ri",
    "ḷ": "li",
    "ḹ": "li",
    "Ṛ": "Ri",
    "Ṝ": "Ri",
    "Ḷ": "Li",
    "Ḹ": "Li",
}
_BARE_C = re.compile(r"[cC](?!h)")
ISO_LETTERS = frozenset("ṁṀ\u0325\u0304")
"""Letters (and combining marks) ISO 15919 text has beyond IAST's."""


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """The settings style.script, style.anusvara and style.verse_script, applied."""

    script: str = "iast"
    anusvara: str = "ṃ"
    verse_script: str = "roman"

    def write(self, iast: str) -> str:
        """IAST text (a term, a verse, a word already in IAST) in the house style."""
        return _write(iast, self.script, self.anusvara)

    def verse(self, iast: str) -> str:
        """A restored verse's text: in Devanāgarī when asked, else in the house style."""
        if self.verse_script == "devanagari":
            return _devanagari(iast)
        return self.write(iast)

    def writes_as(self, written: str, word: str) -> bool:
        """True when `word` already reads as `written`: the same, or in the simple style the
        same but for hyphens (its spellings join compounds: jivanmuktah for jivan-muktah, a
        word that would otherwise be re-read as another entry on each pass)."""
        if written == word:
            return True
        return self.script == "simple" and written.replace("-", "") == word.replace("-", "")

    def restyles(self, word: str) -> bool:
        """True when a word in IAST is not yet written in the house style."""
        return self.write(word) != word

    @property
    def source(self) -> str:
        """How a correction that only restyles a word names its rule."""
        return "style:anusvara" if self.script == "iast" else f"style:{self.script}"


@lru_cache(maxsize=65_536)
def _write(text: str, script: str, anusvara: str) -> str:
    if script == "simple":
        text = _BARE_C.sub(lambda found: "ch" if found.group() == "c" else "Ch", text)
        return "".join(_SIMPLE.get(char, char) for char in text)
    if script == "iso15919":
        return "".join(_ISO.get(char, char) for char in text)
    if anusvara != "ṃ":
        return text.replace("ṃ", anusvara).replace("Ṃ", anusvara.upper())
    return text


@lru_cache(maxsize=4_096)
def _devanagari(iast: str) -> str:
    from indic_transliteration import sanscript

    return str(sanscript.transliterate(iast.lower(), sanscript.IAST, sanscript.DEVANAGARI))
