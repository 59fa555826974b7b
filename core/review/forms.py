"""Spellings a word could have instead: what ASR and the rules most often get wrong.

Pure string functions; whether a form is worth offering is the caller's question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

_VISARGA_AFTER = "aāiīuū"
_LONG = {"a": "ā", "i": "ī", "u": "ū"}


_VOWELS = frozenset("aāiīuūṛṝḷeo")
_VOICED = frozenset("gjḍdbnmyrlvhṅñṇ")
_KEEPS_VISARGA = frozenset("kpśṣs")


def ending_alternatives(word: str, following: str | None) -> Iterator[str]:
    """Endings the ear cannot tell apart, where sandhi with what follows makes the written
    one doubtful (`following` is the next word of the passage; None at a pause):
    - anusvāra ṃ stands before a consonant; before a vowel or at a pause it is m;
    - at a pause, or before k, p, ś, ṣ, s, a final vowel may have lost its visarga (manaḥ
      heard "mana", paramaḥ heard "paramā"), and at a pause o is aḥ (vedyaḥ heard "vedyo");
    - before a vowel or a voiced sound aḥ is written a or o;
    - n and m are the same nasal to the ear (alan, alaṃ)."""
    if len(word) < 2:
        return
    stem, last = word[:-1], word[-1]
    pause = following is None
    onset = "" if following is None else following[:1].lower()
    before_vowel = onset in _VOWELS
    before_voiced = onset in _VOICED
    before_unvoiced = onset in _KEEPS_VISARGA
    if last == "ṃ" and (pause or before_vowel):
        yield stem + "m"
    elif last == "m" and not pause and not before_vowel:
        yield stem + "ṃ"
    elif last == "n":
        yield stem + ("m" if pause or before_vowel else "ṃ")
    elif last in _VISARGA_AFTER and (pause or before_unvoiced) and stem[-1:] != "a":
        yield word + "ḥ"
        if last in _LONG:
            yield stem + _LONG[last] + "ḥ"  # a plural heard short (bhaktāḥ, "bhakta")
        elif last == "ā":
            yield stem + "aḥ"
    elif last == "o" and pause:
        yield stem + "aḥ"
    elif last == "ḥ" and (before_vowel or before_voiced):
        yield stem
        if stem.endswith("a") and before_voiced:
            yield stem[:-1] + "o"


def dropped_schwa(word: str) -> Iterator[str]:
    """A Hindi-style reading restored: a final a dropped (yog, Ram, Siv) or heard as "ar"
    by a non-rhotic speaker (Govindar, Bhishmar)."""
    lower = word.lower()
    if len(lower) >= 2 and lower[-1] not in "aeiouhy":
        yield word + "a"
    if len(lower) >= 4 and lower.endswith("ar"):
        yield word[:-1]
    if len(lower) >= 4 and lower.endswith("r") and lower[-2] not in "aeiou":
        yield word[:-1]


def hyphenated(word: str, is_form: Callable[[str], bool], *, min_part: int = 2) -> str | None:
    """The word written as a hyphenated compound of known forms (jñānabalakriyā ->
    jñāna-bala-kriyā), fewest parts first; None when it does not split into two or more."""
    lower = word.lower()
    n = len(lower)
    # best[end]: the cheapest cuts of lower[:end]; a part costs 1, and a little more when it
    # ends in a consonant (members mostly end in a vowel: ātma-sthaṃ, not ātm-asthaṃ)
    best: list[tuple[float, list[int]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for end in range(min_part, n + 1):
        for start in range(end - min_part + 1):
            found = best[start]
            if found is None or (start, end) == (0, n) or not is_form(lower[start:end]):
                continue
            cost = found[0] + 1 + (0.1 if lower[end - 1] not in _VOWELS else 0.0)
            current = best[end]
            if current is None or cost < current[0]:
                best[end] = (cost, [*found[1], end])
    whole = best[n]
    if whole is None:
        return None
    cuts = whole[1]
    parts, start = [], 0
    for end in cuts:
        parts.append(word[start:end])
        start = end
    return "-".join(parts)
