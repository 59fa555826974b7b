"""IAST respelled as an English reader would say it, so that espeak-ng speaks Sanskrit.

espeak-ng's English voice reads "Kṛṣṇa" letter by letter or drops the marked letters; a
lecturer says "Krishna". Long vowels are doubled ("ātmā" -> "aatmaa"), ś and ṣ become "sh",
ṛ "ri", c "ch", jñ "gy"; a hyphenated compound is spoken as separate words. A few names
with a settled English spelling ("Gītā" -> "Geeta") come from a short table.
"""

from __future__ import annotations

import re
import unicodedata

# IAST letter -> English-reader spelling (lower case; capitals are restored by position).
_LETTERS = {
    "ā": "aa",
    "ī": "ee",
    "ū": "oo",
    "ṛ": "ri",
    "ṝ": "ree",
    "ḷ": "lri",
    "ḹ": "lree",
    "ṅ": "n",
    "ñ": "n",
    "ṇ": "n",
    "ṭ": "t",
    "ḍ": "d",
    "ś": "sh",
    "ṣ": "sh",
    "ṃ": "m",
    "ṁ": "m",
    "ḥ": "h",
}
IAST_MARKED = frozenset(_LETTERS) | frozenset(k.upper() for k in _LETTERS)

# Whole words whose English spelling is settled; matched after case folding.
SETTLED = {
    "gītā": "geeta",
    "gīta": "geeta",
    "kṛṣṇa": "krishna",
    "bhagavān": "bhagavaan",
    "vedānta": "vedaanta",
}

# Plain-ASCII Sanskrit words of the prose that an English reader would still misread.
PLAIN = frozenset({"caitanya"})

_PALATAL = re.compile("ch|c")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def looks_sanskrit(word: str) -> bool:
    """True if the word carries an IAST mark (English words never do) or is in PLAIN."""
    word = unicodedata.normalize("NFC", word)
    bare = [part.lower() for part in _WORD.findall(word)]
    return any(ch in IAST_MARKED for ch in word) or any(part in PLAIN for part in bare)


def _letters(word: str) -> str:
    """One bare word (letters only) respelled letter by letter."""
    lower = word.lower()
    if lower in SETTLED:
        out = SETTLED[lower]
    else:
        out = _PALATAL.sub(lambda m: "chh" if m.group(0) == "ch" else "ch", lower)
        out = "".join(_LETTERS.get(ch, ch) for ch in out.replace("jñ", "gy"))
    if word[:1].isupper():
        out = out[:1].upper() + out[1:]
    if word.isupper() and len(word) > 1:
        out = out.upper()
    return out


def respell_word(word: str) -> str:
    """A Sanskrit word (punctuation and hyphens allowed) as an English reader would say it."""
    word = unicodedata.normalize("NFC", word)
    spoken = _WORD.sub(lambda m: _letters(m.group(0)), word)
    return spoken.replace("-", " ")


def respell(text: str, *, all_sanskrit: bool = False) -> str:
    """Text to speak: Sanskrit words respelled, English words (no diacritics) left alone.

    `all_sanskrit` respells every word, for a recited verse, where words without a mark
    ("ca", "vacana") are Sanskrit too and c must still be said "ch".
    """
    words = unicodedata.normalize("NFC", text).split()
    return " ".join(
        respell_word(word) if all_sanskrit or looks_sanskrit(word) else word for word in words
    )
