"""A compound the reciter said as separate words is written with hyphens, as books print it.

Verse texts write compounds joined (dvandvamohanirmuktā). A lecturer, and the ASR after
them, often says the members apart ("dvandva moha nirmukta"); Prabhupāda's books, like most
editions for English readers, print those members hyphenated (dvandva-moha-nirmuktā). When
a restored verse word was heard as several words, it is cut where the heard words meet, so
the restoration keeps the speaker's division. A cut is made only where the pieces sound like
the heard words and the next piece begins with a consonant (a vowel there was merged by
sandhi: yogārūḍha is not cut).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from rapidfuzz.distance import Indel

from core.knowledge.lexicon import EXACT_KINDS
from core.knowledge.verse_index import word_key

MIN_LIKENESS = 0.75
"""How alike (0..1) a piece's key and the heard word's key must be for a cut."""
_VOWELS = frozenset("aāiīuūṛṝḷeo")
_NEVER_FIRST = frozenset("ṅṇñṃḥ")
MIN_MEMBER = 3


def hyphenate(word: str, heard_keys: Sequence[str]) -> str:
    """`word` cut into as many pieces as `heard_keys`, joined by hyphens; `word` unchanged
    when it was heard as one word or no cut fits every heard word."""
    if len(heard_keys) < 2:
        return word
    if any(key[:1] in _VOWELS for key in heard_keys[1:]):
        return word  # a member heard with its own vowel onset was merged by sandhi
    pieces: list[str] = []
    rest = word
    for key in heard_keys[:-1]:
        cut = _best_cut(rest, key)
        if cut is None:
            return word
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if _likeness(rest, heard_keys[-1]) < MIN_LIKENESS:
        return word
    if not _whole([*pieces, rest]):
        return word
    return "-".join([*pieces, rest])


def _best_cut(text: str, key: str) -> int | None:
    """Where to cut `text` so that its first piece sounds most like `key`."""
    best: tuple[float, int] | None = None
    for cut in range(2, len(text) - 1):
        if text[cut] in _VOWELS:
            continue  # a vowel after the cut was joined by sandhi: no hyphen there
        if text[cut] == "h" and text[cut - 1] not in _VOWELS:
            continue  # dh, bh, kh...: one letter
        if not _may_meet(text[:cut], text[cut:]):
            continue
        likeness = _likeness(text[:cut], key)
        if likeness >= MIN_LIKENESS and (best is None or likeness >= best[0]):
            best = (likeness, cut)  # on a tie the longer piece: dvandva-moha, not dvandv-
    return None if best is None else best[1]


def _may_meet(before: str, after: str) -> bool:
    """False where a word the ASR split mid-syllable meets, not two members: no member ends
    in a bare h ("brah-maṇo") or in ṇ, ñ or ṅ ("śṛṇ-vanto"), and none begins with a nasal,
    anusvāra or visarga, or with two consonants no Sanskrit word begins with ("aka-rmeti",
    "bra-hmaṇo", "śṛṇva-nto")."""
    if before.endswith("h") and before[-2:-1] in _VOWELS:
        return False
    if before[-1:] in "ṇñṅ" or after[:1] in _NEVER_FIRST:
        return False
    return opens_a_word(after)


def _whole(pieces: Sequence[str]) -> bool:
    """True if every piece is long enough to be a member: a piece of one or two letters is
    a syllable the ASR split off ("vṛt ti"), not a word."""
    return all(len(piece) >= MIN_MEMBER for piece in pieces)


def opens_a_word(piece: str) -> bool:
    """True if `piece` begins as a Sanskrit word may: a vowel, one consonant (an aspirate is
    one), or a cluster whose second sound is r, y, v or l, after an s, ś or ṣ, or kṣ or jñ."""
    first = 2 if piece[1:2] == "h" and piece[:1] not in _VOWELS else 1
    second = piece[first : first + 1]
    if piece[:1] in _VOWELS or not second or second in _VOWELS:
        return True
    return second in "ryvl" or piece[:1] in "sśṣ" or piece[:2] in ("kṣ", "jñ")


def _likeness(piece: str, key: str) -> float:
    return float(Indel.normalized_similarity(word_key(piece), key))


PREFIXES = frozenset(
    "pra parā apa sam saṃ anu ava nis nir niś niṣ dus dur duś vi ni adhi api ati su ud ut "
    "abhi prati pari upa sa".split()
)
"""Verbal prefixes, and sa- (with): part of the word they open (nirmuktā, upasaṃgamya,
sadaiva), never a member."""
MAX_MEMBERS = 4
MIN_LAST = 3
_MAX_REMEMBERED = 50_000


class BookCompounds:
    """How books print a verse word that was heard as one: hyphenated at members the
    lexicon's prose entries print so ("sarva-bhūtānāṃ", "hṛd-deśe", "mad-bhaktiṃ").

    A quotation inside a sentence is printed as books print it. The members come from the
    lexicon's hyphenated entries, never from a verse text: a cut needs a member the lexicon
    writes before a hyphen, a last piece it knows as a word or a compound's end, and a
    consonant after the cut (yogārūḍha stays whole). A word the lexicon's prose writes
    joined (bhagavān) stays joined; the split with the most members wins, as books divide
    every member (dvandva-moha-nirmuktā).
    """

    def __init__(self, forms: Iterable[tuple[str, str]]) -> None:
        self._printed: dict[str, str] = {}
        self._members: set[str] = set()
        self._lasts: set[str] = set()
        self._joined: set[str] = set()
        self._remembered: dict[str, str] = {}
        for form, kind in forms:
            for word in form.split():
                pieces = word.split("-")
                self._lasts.add(pieces[-1])
                if len(pieces) == 1:
                    if kind not in EXACT_KINDS:  # a verse text's word form, written
                        self._joined.add(word)  # joined by the text, not by books
                    continue
                self._printed.setdefault("".join(pieces), word)
                self._members.update(
                    piece for piece in pieces[:-1] if len(piece) >= 2 and piece not in PREFIXES
                )

    def printed(self, word: str) -> str:
        """`word` hyphenated as books print it, or unchanged."""
        found = self._remembered.get(word)
        if found is None:
            found = self._print(word)
            if len(self._remembered) < _MAX_REMEMBERED:
                self._remembered[word] = found
        return found

    def _print(self, word: str) -> str:
        key = unicodedata.normalize("NFC", word).lower()
        printed = self._printed.get(key)
        if printed is None:
            if "-" in key or key in self._joined or key[:-1] in self._joined:
                return word  # bhagavān; tattvam, a case of tattva
            pieces = self._split(key, MAX_MEMBERS)
            if pieces is None or len(pieces) < 2:
                return word
            printed = "-".join(pieces)
        if len(printed) != len(word) + printed.count("-"):
            return word  # another spelling of the word (ṁ for ṃ): keep the verse's
        return _with_case_of(word, printed)

    def _split(self, word: str, limit: int) -> list[str] | None:
        best = [word] if word in self._lasts and len(word) >= MIN_LAST else None
        if limit < 2:
            return best
        for cut in range(2, len(word) - MIN_LAST + 1):
            head, tail = word[:cut], word[cut:]
            if head not in self._members or tail[0] in _VOWELS:
                continue
            if (tail[0] == "h" and head[-1] not in _VOWELS) or not _may_meet(head, tail):
                continue
            rest = self._split(tail, limit - 1)
            if rest is not None and (best is None or len(rest) + 1 > len(best)):
                best = [head, *rest]
        return best


def _with_case_of(word: str, printed: str) -> str:
    """`printed` with `word`'s letters, hyphens where `printed` has them (keeps its case)."""
    letters = iter(word)
    return "".join(char if char == "-" else next(letters) for char in printed)
