"""The ASR spelling model: how an English ASR engine writes a Sanskrit word it hears.

Per IAST letter it writes: ā a/aa, ī i/ee, ū u/oo, ṛ ri/ru/r, ś and ṣ sh/s, c ch,
ch chh/ch, jñ gy/gn/jn/dny, kṣ ksh/x, ṃ m/n, ḥ h or nothing, v v/w, ṅ ñ ṇ n, ṭ t, ḍ d;
names ending in a consonant + a may lose the final a ("arjun", "krishn"); compounds come
split, joined or hyphenated. The listed variants (`asr_variants`) are a few whole-word
spellings built from consistent conventions (not the full cross product); the runtime
matches the rest through core.knowledge.phonetic.phonetic_key, under which all of these
spellings coincide. The same model tells when a spelling is an English word, which no
source may claim.
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from core.knowledge.phonetic import fold
from scripts.lexicon.draft import PROPER_KINDS

RARE_ENGLISH = 2.0
"""A spelling of an unattested curated row at least this common in English is English."""
RARE_ENGLISH_WORD = 1.5
"""The floor of the English word list: a word at least this frequent is known to English."""
ENGLISH_SPELLING = 2.5
"""A curated ASR spelling at least this common in English is an English word, not a spelling."""

# One spelling convention per profile; each maps IAST clusters to ASCII, longest first.
_BASE = {
    "ṝ": "ri", "ḷ": "li", "ḹ": "li", "ṅ": "n", "ñ": "n", "ṇ": "n", "ṭ": "t", "ḍ": "d",
    "ā": "a", "ī": "i", "ū": "u", "ṛ": "ri", "ś": "sh", "ṣ": "sh", "ṃ": "m", "ḥ": "",
    "c": "ch", "jñ": "gy",
}  # fmt: skip
PROFILES: tuple[dict[str, str], ...] = (
    _BASE,
    {**_BASE, "ī": "ee", "ū": "oo"},
    {**_BASE, "ā": "aa", "ī": "ee", "ū": "oo"},
    {**_BASE, "ś": "s", "ṣ": "s", "ṛ": "r", "c": "c", "ḥ": "h", "ṃ": "n"},
    {**_BASE, "jñ": "gn", "ṣ": "sh", "ṃ": "n", "v": "w", "ch": "chh"},
    {**_BASE, "jñ": "jn", "kṣ": "x", "ṛ": "ru"},
)


def spell(word: str, profile: dict[str, str]) -> str:
    """`word` in ASCII under one spelling convention (the plain one: profile 0)."""
    clusters = sorted(profile, key=len, reverse=True)
    text = word.lower()
    out: list[str] = []
    i = 0
    while i < len(text):
        cluster = next((c for c in clusters if text.startswith(c, i)), None)
        if cluster is None:
            out.append(text[i])
            i += 1
        else:
            out.append(profile[cluster])
            i += len(cluster)
    return "".join(out)


def asr_variants(iast: str, kind: str) -> list[str]:
    """Whole-word ASR spellings of `iast` under the model in the module docstring.

    A spelling that is itself a common English word is kept only when it is the plain,
    most usual spelling (profile 0, no final a dropped): "shri" for Śrī yes, "harsh" for
    harṣa or "path" for patha no.
    """
    parts = [part for part in re.split(r"[\s-]+", iast) if part]
    found: list[str] = []
    usual = " ".join(spell(part, _BASE) for part in parts)
    for profile in PROFILES:
        spelled = [spell(part, profile) for part in parts]
        candidates = [" ".join(spelled), "".join(spelled)]
        last = spelled[-1]
        if len(last) >= 5 and last.endswith("a") and last[-2] not in "aeiou":
            candidates.append(" ".join([*spelled[:-1], last[:-1]]))
        found.extend(candidate for candidate in candidates if candidate not in found)
    plain = fold(iast)
    if iast.endswith("ḥ"):
        usual = ""  # "hare" for hareḥ: a dropped visarga makes another word
    # Hindi-style names ("sanjay", "shiv") are names in English too, not other words.
    limit = 3.5 if kind in PROPER_KINDS else 3.0
    return [v for v in found if v != plain and (v == usual or not _english_word(v, limit))] + [
        plain
    ]


def english_zipf(iast: str) -> float:
    """How common in English the word is, without marks or in its plain ASR spelling."""
    return max(zipf_frequency(fold(iast), "en"), zipf_frequency(spell(iast, _BASE), "en"))


def spelled_as_english(iast: str) -> bool:
    """True if the word without marks, or in its plain ASR spelling, is common English."""
    return english_zipf(iast) >= ENGLISH_SPELLING


def known_to_english(iast: str) -> bool:
    """True if English has a word spelled like `iast` without marks or in its plain ASR
    spelling ("samba" for Sāmba, "meru", "jain"), however rare."""
    return english_zipf(iast) >= RARE_ENGLISH_WORD


def _english_word(variant: str, limit: float) -> bool:
    """A one-word spelling that is itself common English ("harsh" for harṣa) is no signal."""
    return " " not in variant and (len(variant) <= 3 or zipf_frequency(variant, "en") >= limit)
