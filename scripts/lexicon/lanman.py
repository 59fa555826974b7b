"""Lanman's *Sanskrit Reader* vocabulary (1884), from the Cologne Digital Sanskrit Lexicon
(CDSL, CC BY-SA 4.0; scripts/lexicon_sources/lanman_vocabulary.jsonl): the common words of
classical Sanskrit with glosses. It gives three kinds of entry, each only where the
sources before it say nothing alike: headwords rare enough in English not to be English
words; the nominative singular of consonant and ṛ stems, the form English texts quote
(ātman -> ātmā), as kind "form"; and short noun and adjective stems (rūpa) as kind "stem",
read only before a case ending.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from core.knowledge.inflection import MIN_STEM
from core.knowledge.phonetic import fold
from scripts.lexicon.draft import PROPER_KINDS, Draft
from scripts.lexicon.sources import Row
from scripts.lexicon.spelling import spelled_as_english
from scripts.lexicon.text import canonical

MEANING_CHARS = 160
"""Glosses are cut to this length: enough to tell the sense, not a dictionary article."""
_NOMINATIVE_ENDINGS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("vant", frozenset({"a."}), "vān"),
    ("mant", frozenset({"a."}), "mān"),
    ("in", frozenset({"a.", "m."}), "ī"),
    ("an", frozenset({"a.", "m."}), "ā"),
    ("an", frozenset({"n."}), "a"),
    ("ṛ", frozenset({"a.", "m.", "f.", ""}), "ā"),
    ("as", frozenset({"a.", "m.", "n."}), "aḥ"),
    ("is", frozenset({"n."}), "iḥ"),
    ("us", frozenset({"a.", "n."}), "uḥ"),
)
"""Stem ending, the grammatical tags of Lanman's entry it applies to, nominative ending."""
_DECLINED_TAGS = frozenset({"m.", "n.", "f.", "a."})


def headword_drafts(rows: Iterable[Row], known_folds: set[str]) -> Iterator[Draft]:
    """Headwords of at least five letters, no cross-reference ("(see ...)"), that no known
    form spells alike (a teaching term or name, Vivasvān, Māgha, comes first) and that are
    not English in their plain spelling."""
    for row in rows:
        iast = canonical(str(row["iast"]))
        folded = fold(iast)
        meaning = str(row.get("meaning") or "")
        if len(folded) < 5 or not folded.isalpha() or meaning.startswith("("):
            continue
        if folded in known_folds or spelled_as_english(iast):
            continue
        devanagari = str(row.get("devanagari") or "") or None
        yield Draft(iast, "term", meaning[:MEANING_CHARS] or None, "lanman", devanagari)


def nominative_drafts(rows: Iterable[Row], known_folds: set[str]) -> Iterator[Draft]:
    """The nominatives (kind "form") that no known form spells alike and English does not."""
    for row in rows:
        stem = canonical(str(row["iast"]))
        said = nominative(stem, str(row.get("meaning") or ""))
        if said is None or len(fold(said)) < 5 or fold(said) in known_folds:
            continue
        if not spelled_as_english(said):
            yield Draft(said, "form", f"nominative of {stem}", "lanman")


def nominative(stem: str, meaning: str) -> str | None:
    """The nominative singular of a consonant or ṛ stem, the form English texts quote
    (ātman -> ātmā, yogin -> yogī, karman -> karma, bhagavant -> bhagavān, manas -> manaḥ),
    from the stem and the grammatical tag that opens Lanman's gloss; None for other stems."""
    tag = meaning.split(" ", 1)[0] if meaning[:1].isalpha() else ""
    tag = tag if tag.endswith(".") else ""
    for ending, tags, said in _NOMINATIVE_ENDINGS:
        if stem.endswith(ending) and tag in tags:
            return stem[: -len(ending)] + said
    return None


def lanman_stems(lanman: Iterable[Row], drafts: Sequence[Draft]) -> list[Draft]:
    """Lanman's noun and adjective stems that no common term spells alike, as kind "stem":
    only case endings are read on them (rūpa of rūpāṇi: too short, or too near English, to
    stand alone; a name spelled alike, Rūpa, is no stem for common words)."""
    common = {fold(d.iast) for d in drafts if d.kind not in PROPER_KINDS}
    stems: list[Draft] = []
    for row in lanman:
        stem = canonical(str(row["iast"]))
        meaning = str(row.get("meaning") or "")
        if fold(stem) not in common and declinable(stem, meaning):
            devanagari = str(row.get("devanagari") or "") or None
            stems.append(Draft(stem, "stem", meaning[:MEANING_CHARS] or None, "lanman", devanagari))
            common.add(fold(stem))
    return stems


def declinable(stem: str, meaning: str) -> bool:
    """True for a noun or adjective stem in a, ā, i or an (Lanman's gloss opens with its
    gender or "a."), the classes whose case endings the terms stage reads."""
    tag = meaning.split(" ", 1)[0]
    folded = fold(stem)
    return (
        tag in _DECLINED_TAGS
        and len(folded) >= MIN_STEM
        and folded.isalpha()
        and stem.endswith(("a", "ā", "i", "an"))
    )
