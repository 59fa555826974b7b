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

from collections.abc import Sequence

from rapidfuzz.distance import Indel

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
    return _opens_a_word(after)


def _whole(pieces: Sequence[str]) -> bool:
    """True if every piece is long enough to be a member: a piece of one or two letters is
    a syllable the ASR split off ("vṛt ti"), not a word."""
    return all(len(piece) >= MIN_MEMBER for piece in pieces)


def _opens_a_word(piece: str) -> bool:
    """True if `piece` begins as a Sanskrit word may: a vowel, one consonant (an aspirate is
    one), or a cluster whose second sound is r, y, v or l, after an s, ś or ṣ, or kṣ or jñ."""
    first = 2 if piece[1:2] == "h" and piece[:1] not in _VOWELS else 1
    second = piece[first : first + 1]
    if piece[:1] in _VOWELS or not second or second in _VOWELS:
        return True
    return second in "ryvl" or piece[:1] in "sśṣ" or piece[:2] in ("kṣ", "jñ")


def _likeness(piece: str, key: str) -> float:
    return float(Indel.normalized_similarity(word_key(piece), key))
