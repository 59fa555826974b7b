"""The project's Vedānta and Yoga glossary (scripts/lexicon_sources/vedanta_yoga_terms.jsonl):
584 terms, names and titles with IAST, Devanagari and a gloss, and the alternative forms
(nominatives, spellings) a term is also written in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from core.knowledge.phonetic import fold
from scripts.lexicon.draft import Draft
from scripts.lexicon.sources import Row
from scripts.lexicon.text import canonical


def glossary_entry(iast: str) -> tuple[str, str]:
    """A glossary headword and its kind: capitalised ones are names; the joined Upaniṣad
    titles (kaṭhopaniṣad), which it writes in lower case, are works."""
    if iast.endswith("opaniṣad"):
        return iast[:1].upper() + iast[1:], "work"
    return iast, "name" if iast[:1].isupper() else "term"


def glossary_drafts(rows: Iterable[Row], curated_folds: set[str]) -> Iterator[Draft]:
    """Each headword, then its forms, which share its kind and gloss; a form the curated
    list spells without marks is left to the curated entry."""
    for row in rows:
        iast, kind = glossary_entry(canonical(str(row["iast"])))
        gloss = str(row.get("meaning") or "") or None
        devanagari = str(row.get("devanagari") or "") or None
        yield Draft(iast, kind, gloss, "glossary", devanagari)
        forms = row.get("forms") or []
        if not isinstance(forms, list):
            raise TypeError(f"glossary: the forms of {iast} are not a list")
        for form in forms:
            if fold(str(form)) in curated_folds:
                continue  # "brahma" alone is Brahmā; brahma- in compounds has its own entries
            yield Draft(glossary_entry(canonical(str(form)))[0], kind, gloss, "glossary")
