"""Pausal forms: how a Sanskrit word ends where the speaker pauses.

Verse texts write each word in its sandhi form for the word that follows: "aham eva vedyo
vedāntakṛd", "bhoktāraṃ yajñatapasāṃ sarvaloka...". Before a pause (and, for m, before a
vowel) the sandhi no longer applies and editions print the pausal form: a final anusvāra is
m again ("nityo nityānām:", "yajñatapasām."), and an o that stood for aḥ before a voiced
sound is aḥ where the speaker was heard saying a, not o ("aham eva vedyaḥ."). The terms
stage uses the first rule for the words it writes, the verses stage both where a quotation
stops inside a verse line.
"""

from __future__ import annotations

_ANUSVARA = ("ṃ", "ṁ")
_VOWELS = frozenset("aeiou")
"""A heard key keeps a final vowel other than a (and drops a final a or h): "vedya" -> vedy."""


def pausal_m(word: str) -> str:
    """`word` with a final anusvāra written m, as it is said before a pause or a vowel; the
    syllable oṃ keeps its anusvāra."""
    if word.endswith(_ANUSVARA) and len(word) > 2:
        return word[:-1] + "m"
    return word


def pausal(word: str, heard_key: str) -> str:
    """`word`, the last word of a quotation heard as `heard_key`, in its pausal form."""
    if word.endswith(_ANUSVARA):
        return pausal_m(word)
    if word.endswith("o") and len(word) > 3 and heard_key[-1:] not in _VOWELS:
        return word[:-1] + "aḥ"
    return word
