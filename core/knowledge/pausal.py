"""Pausal forms: how a Sanskrit word ends where the speaker pauses.

Verse texts write each word in its sandhi form for the word that follows: "aham eva vedyo
vedāntakṛd", "bhoktāraṃ yajñatapasāṃ sarvaloka...". Before a pause (and, for m, before a
vowel) the sandhi no longer applies and editions print the pausal form: a final anusvāra is
m again ("nityo nityānām:", "yajñatapasām."), and an o that stood for aḥ before a voiced
sound is aḥ where the speaker was heard saying a, not o ("aham eva vedyaḥ."), and a final
consonant sandhi made is a visarga or voiceless again ("padāravindayoḥ.", "syāt:"). The terms
stage uses the first rule for the words it writes, the verses stage both where a quotation
stops inside a verse line.
"""

from __future__ import annotations

_ANUSVARA = ("ṃ", "ṁ")
_VOWELS = frozenset("aeiou")
"""A heard key keeps a final vowel other than a (and drops a final a or h): "vedya" -> vedy."""
_VOWELS_IAST = frozenset("aāiīuūṛṝeo")


def pausal_m(word: str) -> str:
    """`word` with a final anusvāra written m, as it is said before a pause or a vowel; the
    syllable oṃ keeps its anusvāra."""
    if word.endswith(_ANUSVARA) and len(word) > 2:
        return word[:-1] + "m"
    return word


_SANDHI_FINALS = {"r": "ḥ", "s": "ḥ", "ś": "ḥ", "ṣ": "ḥ", "d": "t", "g": "k", "ḍ": "ṭ", "b": "p"}
"""A final consonant that sandhi made of a visarga (haris tu, kṛṣṇaś ca, padāravindayor
vacāṃsi) or voiced (syād īśād, tad dhi): at a pause it is ḥ, or voiceless again (syāt)."""


def pausal(word: str, heard_key: str) -> str:
    """`word`, the last word of a quotation heard as `heard_key`, in its pausal form."""
    if word.endswith(_ANUSVARA):
        return pausal_m(word)
    if word.endswith("o") and len(word) > 3 and heard_key[-1:] not in _VOWELS:
        return word[:-1] + "aḥ"
    final = _SANDHI_FINALS.get(word[-1:])
    if final is not None and len(word) > 2 and word[-2] in _VOWELS_IAST:
        return word[:-1] + final
    return word
