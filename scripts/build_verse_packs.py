"""Derive config/verses/<pack>.jsonl (Yoga Sūtra, Upaniṣads, prayers, Vaiṣṇava verses) from
permitted sources.

Run: `.venv/bin/python scripts/build_verse_packs.py [--dcs-cache DIR] [--output DIR]`.
Deterministic: the same inputs give byte-identical files.

Inputs, and nothing else:
- The Digital Corpus of Sanskrit (DCS; Oliver Hellwig; CC BY 4.0, see config/LICENSES/dcs.md),
  GitHub OliverHellwig/sanskrit, folder dcs/data/conllu/files/<Text>/. The cache
  (default /work/cache/dcs, outside the repo) was filled through the search tool's `read_file`
  (16,000 characters a page) from the stored copy of that repository at commit
  28cd47d102f2d95f6d5e9ef965c8f802a7be2a7f. The files were too large to copy whole by hand,
  so each was saved as `<Text>/<file name>.comments`: its `## text/text_id/chapter/chapter_id`
  header and, for every sentence in order, the `# text =`, `# sent_counter =` and
  `# sent_subcounter =` comment lines, verbatim (token lines and `# sent_id` left out). A
  full `<file name>` (CoNLL-U) is read the same way when present. The files used, with the
  SHA-256 of each extract, are listed in scripts/verse_sources/dcs_files.tsv; a changed or
  missing extract stops the build.
- Transcriptions made for this project from public-domain printed editions,
  scripts/verse_sources/*.tsv (`ref<TAB>source<TAB>iast`), and the corrections of evident
  DCS slips in scripts/verse_sources/dcs_corrections.tsv (`id<TAB>from<TAB>to<TAB>why`).

The `# text` lines of DCS are the sandhied text as printed; a verse split into several DCS
sentences is joined into one record (halves with " | "). Devanāgarī is generated from the
IAST with indic_transliteration after joining a consonant-final word to the next (the
Devanāgarī convention), so it is never copied from anywhere.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from indic_transliteration import sanscript

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = ROOT / "scripts" / "verse_sources"
OUTPUT = ROOT / "config" / "verses"
DCS_CACHE = Path("/work/cache/dcs")

_CONSONANTS = frozenset("kgṅcjñṭḍṇtdnpbmyrlvśṣsh")
_CHAPTER = re.compile(r"^## chapter: (?P<chapter>.+)$")
_COMMENT = re.compile(r"^# (?P<key>text|sent_counter|sent_subcounter) = (?P<value>.*)$")

Ref = Callable[[tuple[int, ...], int], str | None]


@dataclass(frozen=True)
class Sentence:
    """One DCS sentence: its chapter numbers (from "YS, 4" → (4,)), counter, part, text."""

    chapter: tuple[int, ...]
    counter: int
    subcounter: int
    text: str


@dataclass(frozen=True)
class Pack:
    """One output file: a work, its id prefix, where its verses come from."""

    name: str
    work: str
    prefix: str
    dcs_text: str | None = None
    ref_of: Ref | None = None
    transcribed: tuple[str, ...] = ()
    order: Callable[[str], tuple[str | int, ...]] | None = None
    dcs_only: frozenset[str] = field(default_factory=frozenset)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _plain_ref(chapter: tuple[int, ...], counter: int) -> str:
    return ".".join(str(n) for n in (*chapter, counter))


def _yoga_sutra_ref(chapter: tuple[int, ...], counter: int) -> str:
    """DCS omits YS 4.16 (na caikacittatantraṃ ...) and counts on: its 4.16 is 4.17."""
    (pada,) = chapter
    return f"{pada}.{counter + 1 if pada == 4 and counter >= 16 else counter}"


def _ref_key(ref: str) -> tuple[str | int, ...]:
    """Numeric order of refs such as "1.2.10" and "13a" (digits before letters)."""
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"\d+|[^\d.]+", ref))


PACKS: tuple[Pack, ...] = (
    Pack(
        "yoga_sutra",
        "Yoga Sūtra",
        "YS",
        dcs_text="Yogasūtra",
        ref_of=_yoga_sutra_ref,
        transcribed=("yoga_sutra_supplement.tsv",),
    ),
    Pack("isha_upanishad", "Īśa Upaniṣad", "IsU", transcribed=("isha_upanishad.tsv",)),
    Pack("kena_upanishad", "Kena Upaniṣad", "KeU", transcribed=("kena_upanishad.tsv",)),
    Pack("katha_upanishad", "Kaṭha Upaniṣad", "KaU", transcribed=("katha_upanishad.tsv",)),
    Pack("mundaka_upanishad", "Muṇḍaka Upaniṣad", "MuU", transcribed=("mundaka_upanishad.tsv",)),
    Pack("mandukya_upanishad", "Māṇḍūkya Upaniṣad", "MaU", transcribed=("mandukya_upanishad.tsv",)),
    Pack("prashna_upanishad", "Praśna Upaniṣad", "PrU", transcribed=("prashna_upanishad.tsv",)),
    Pack(
        "shvetashvatara_upanishad",
        "Śvetāśvatara Upaniṣad",
        "SvU",
        transcribed=("shvetashvatara_upanishad.tsv",),
    ),
    Pack(
        "taittiriya_upanishad",
        "Taittirīya Upaniṣad",
        "TaiU",
        transcribed=("taittiriya_upanishad.tsv",),
    ),
    Pack("aitareya_upanishad", "Aitareya Upaniṣad", "AiU", transcribed=("aitareya_upanishad.tsv",)),
    Pack(
        "chandogya_upanishad",
        "Chāndogya Upaniṣad (selected mantras)",
        "ChU",
        transcribed=("chandogya_upanishad.tsv",),
    ),
    Pack(
        "brihadaranyaka_upanishad",
        "Bṛhadāraṇyaka Upaniṣad (Kāṇva; selected mantras)",
        "BAU",
        transcribed=("brihadaranyaka_upanishad.tsv",),
    ),
    Pack("shanti_mantras", "Śānti mantras", "Shanti", transcribed=("shanti_mantras.tsv",)),
    Pack("guru_stotra", "Guru verses", "GuruStotra", transcribed=("guru_stotra.tsv",)),
    Pack("gita_dhyana", "Gītā dhyāna verses", "GitaDhyana", transcribed=("gita_dhyana.tsv",)),
    Pack(
        "patanjali_dhyana",
        "Patañjali invocations",
        "PatanjaliDhyana",
        transcribed=("patanjali_dhyana.tsv",),
    ),
    Pack(
        "bhaja_govindam",
        "Bhaja Govindam (Mohamudgara)",
        "BGov",
        transcribed=("bhaja_govindam.tsv",),
    ),
    Pack(
        "bhagavata_purana",
        "Śrīmad-Bhāgavatam (selected verses)",
        "SB",
        transcribed=("bhagavata_purana.tsv",),
    ),
    Pack(
        "brahma_samhita",
        "Brahma-saṃhitā (selected verses)",
        "BS",
        transcribed=("brahma_samhita.tsv",),
    ),
    Pack(
        "bhakti_rasamrita_sindhu",
        "Bhakti-rasāmṛta-sindhu (selected verses)",
        "BRS",
        transcribed=("bhakti_rasamrita_sindhu.tsv",),
    ),
    Pack(
        "vishnu_purana", "Viṣṇu Purāṇa (selected verses)", "VP", transcribed=("vishnu_purana.tsv",)
    ),
    Pack(
        "hare_krishna_mahamantra",
        "Hare Kṛṣṇa mahā-mantra (Kali-santaraṇa Upaniṣad)",
        "MahaMantra",
        transcribed=("hare_krishna_mahamantra.tsv",),
    ),
    Pack(
        "brihan_naradiya_purana",
        "Bṛhan-nāradīya Purāṇa (selected verses)",
        "BNP",
        transcribed=("brihan_naradiya_purana.tsv",),
    ),
)


def _chapter_numbers(citation: str) -> tuple[int, ...]:
    """Chapter numbers of a DCS citation: "YS, 4" → (4,); "ChU, 6, 8" → (6, 8)."""
    return tuple(int(n) for n in re.findall(r"\d+", citation.split(",", 1)[1]))


def read_dcs_file(path: Path) -> Iterator[Sentence]:
    """The sentences of one cached DCS file (full CoNLL-U or its comment-line extract).

    A sentence without counters (a treebank re-segmentation) belongs to the verse before it.
    """
    chapter: tuple[int, ...] = ()
    pending: str | None = None
    counter: int | None = None
    last: tuple[int, int] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _CHAPTER.match(line):
            chapter = _chapter_numbers(match["chapter"])
        elif match := _COMMENT.match(line):
            key, value = match["key"], match["value"].strip()
            if key == "text":
                if pending is not None and last is not None:
                    yield Sentence(chapter, *last, pending)
                pending, counter = nfc(value), None
            elif key == "sent_counter":
                counter = int(value)
            elif pending is not None and counter is not None:
                last = (counter, int(value))
                yield Sentence(chapter, *last, pending)
                pending = None
    if pending is not None and last is not None:
        yield Sentence(chapter, *last, pending)


def dcs_manifest() -> dict[str, tuple[str, str]]:
    """{relative path: (commit, sha256)} from scripts/verse_sources/dcs_files.tsv."""
    rows: dict[str, tuple[str, str]] = {}
    for line in (SOURCES_DIR / "dcs_files.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            path, commit, digest = line.split("\t")
            rows[path] = (commit, digest)
    return rows


def dcs_sentences(cache: Path, text: str) -> list[Sentence]:
    """All sentences of a DCS text, from the files the manifest lists, checked by hash."""
    sentences: list[Sentence] = []
    for rel, (_, digest) in sorted(dcs_manifest().items()):
        if not rel.startswith(f"{text}/"):
            continue
        path = cache / rel
        if not path.is_file():
            raise SystemExit(f"{path}: listed in dcs_files.tsv but not in the cache")
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != digest:
            raise SystemExit(f"{path}: sha256 {actual} differs from dcs_files.tsv")
        sentences.extend(read_dcs_file(path))
    return sentences


def join_parts(parts: list[str]) -> str:
    """One record's text from its DCS sentences, halves separated by " | "."""
    return " | ".join(part.strip(" |/") for part in parts if part.strip(" |/"))


def transcribed_rows(name: str) -> Iterator[tuple[str, str, str]]:
    """(ref, source key, IAST) rows of a transcription file."""
    path = SOURCES_DIR / name
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3:
            raise SystemExit(f"{path}:{number}: expected ref, source, iast")
        ref, source, iast = (nfc(cell.strip()) for cell in cells)
        yield ref, source, re.sub(r"\s+", " ", iast)


def corrections() -> dict[str, list[tuple[str, str]]]:
    """{id: [(from, to)]}: evident slips of the DCS text, each with its reason in the file."""
    fixes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    path = SOURCES_DIR / "dcs_corrections.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ident, old, new, _why = line.split("\t")
            fixes[ident].append((nfc(old), nfc(new)))
    return fixes


def devanagari(iast: str) -> str:
    """Devanāgarī from IAST: consonant-final words joined to the next, avagraha attached,
    compound members (hyphenated in some transcriptions) written as one word, no case."""
    tokens = iast.replace("-", "").lower().split()
    out: list[str] = []
    for i, token in enumerate(tokens):
        out.append(token)
        following = tokens[i + 1] if i + 1 < len(tokens) else "|"
        joins = token[-1] in _CONSONANTS and following[0] not in "|"
        if not joins and following[0] != "'":
            out.append(" ")
    text = "".join(out).strip().replace("||", "॥").replace("|", "।")
    return nfc(sanscript.transliterate(text, sanscript.IAST, sanscript.DEVANAGARI))


def record(pack: Pack, ref: str, iast: str, source: str) -> dict[str, str]:
    return {
        "id": f"{pack.prefix} {ref}",
        "work": pack.work,
        "ref": ref,
        "iast": iast,
        "devanagari": devanagari(iast),
        "source": source,
    }


def build(pack: Pack, cache: Path) -> list[dict[str, str]]:
    """The records of one pack, in reference order."""
    texts: dict[str, tuple[str, str]] = {}
    if pack.dcs_text is not None:
        ref_of = pack.ref_of or _plain_ref
        parts: dict[str, list[str]] = defaultdict(list)  # in file order
        for sentence in dcs_sentences(cache, pack.dcs_text):
            ref = ref_of(sentence.chapter, sentence.counter)
            if ref is not None:
                parts[ref].append(sentence.text)
        fixes = corrections()
        for ref, pieces in parts.items():
            text = join_parts(pieces)
            for old, new in fixes.get(f"{pack.prefix} {ref}", []):
                if old not in text:
                    raise SystemExit(f"{pack.prefix} {ref}: correction {old!r} not in {text!r}")
                text = text.replace(old, new)
            texts[ref] = (text, "dcs")
    for name in pack.transcribed:
        for ref, source, iast in transcribed_rows(name):
            if ref in texts:
                raise SystemExit(f"{name}: {pack.prefix} {ref} is already given by DCS")
            texts[ref] = (iast, source)
    refs = list(texts)  # named refs (śānti mantras) keep the order of their file
    if pack.order is not None or all(ref[0].isdigit() for ref in refs):
        refs.sort(key=pack.order or _ref_key)
    return [record(pack, ref, *texts[ref]) for ref in refs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dcs-cache", type=Path, default=DCS_CACHE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    for pack in PACKS:
        records = build(pack, args.dcs_cache)
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        (args.output / f"{pack.name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{pack.name}: {len(records)} records")


if __name__ == "__main__":
    main()
