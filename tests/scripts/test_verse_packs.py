"""The shipped verse packs (config/verses): well-formed, sourced, in the project's conventions."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKS = ROOT / "config" / "verses"
FIELDS = ("id", "work", "ref", "iast", "devanagari", "source")
IAST_LETTERS = frozenset("aāiīuūṛṝḷḹeokgṅcjñṭḍṇtdnpbmyrlvśṣshṃḥ")
IAST_MARKS = frozenset(" '|3")  # word space, avagraha, daṇḍa, pluta
DEVANAGARI_EXTRA = frozenset(" ३")


def _script() -> ModuleType:
    """scripts/build_verse_packs.py as a module (scripts/ is not a package)."""
    path = ROOT / "scripts" / "build_verse_packs.py"
    spec = importlib.util.spec_from_file_location("build_verse_packs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _pack_files() -> list[Path]:
    return sorted(PACKS.glob("*.jsonl"))


def _records() -> list[tuple[str, dict[str, str]]]:
    return [
        (path.name, json.loads(line))
        for path in _pack_files()
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def test_every_pack_line_is_a_json_object_with_the_record_fields() -> None:
    assert len(_pack_files()) >= 10
    for path in _pack_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines, path
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            assert isinstance(record, dict), (path, number)
            assert set(FIELDS) <= set(record), (path, number)
            assert all(isinstance(record[f], str) and record[f] for f in FIELDS), (path, number)


def test_each_id_is_the_pack_prefix_and_the_ref_and_one_work_per_pack() -> None:
    by_pack: dict[str, set[tuple[str, str]]] = {}
    for name, record in _records():
        prefix, _, ref = record["id"].partition(" ")
        assert ref == record["ref"], record["id"]
        assert re.fullmatch(r"[A-Za-z]+", prefix), record["id"]
        by_pack.setdefault(name, set()).add((prefix, record["work"]))
    assert all(len(pairs) == 1 for pairs in by_pack.values()), by_pack


def test_ids_are_unique_across_packs_and_none_is_a_gita_id() -> None:
    counts = Counter(record["id"] for _, record in _records())
    assert [ident for ident, n in counts.items() if n > 1] == []
    assert not any(ident.startswith("BG ") for ident in counts)


def test_all_text_is_nfc() -> None:
    for _, record in _records():
        for key, value in record.items():
            assert unicodedata.is_normalized("NFC", value), (record["id"], key)


def test_every_source_key_is_defined_in_sources_json_with_its_citation_and_licence() -> None:
    sources = json.loads((PACKS / "SOURCES.json").read_text(encoding="utf-8"))
    for key, entry in sources.items():
        assert {"citation", "edition", "licence", "url", "notes"} <= set(entry), key
        assert entry["citation"] and entry["licence"], key
    used = {record["source"] for _, record in _records()}
    assert used <= set(sources), used - set(sources)
    assert sources["dcs"]["licence"] == "CC-BY-4.0"
    assert (ROOT / "config" / "LICENSES" / "dcs.md").is_file()


def test_iast_uses_only_iast_letters_and_the_verse_marks() -> None:
    for _, record in _records():
        iast = record["iast"]
        stray = set(iast.lower()) - IAST_LETTERS - IAST_MARKS - {"-"}
        assert not stray, (record["id"], stray)
        assert not re.search(r"-(?![^\W\d_])|(?<![^\W\d_])-", iast), record["id"]  # joins letters
        if iast != iast.lower():  # capitals only where books print them: the mahā-mantra
            assert record["id"] == "MahaMantra 1", record["id"]


def test_dandas_stand_apart_and_a_verse_ends_with_a_double_danda() -> None:
    for _, record in _records():
        iast = record["iast"]
        assert not re.search(r"(?<![ |])\||\|(?![ |]|$)", iast), record["id"]
        assert "|||" not in iast and not iast.startswith("|"), record["id"]
        if "||" in iast:
            assert iast.endswith("||") or iast.rsplit("||", 1)[1].strip(), record["id"]


def test_devanagari_is_present_and_is_the_script_of_the_iast() -> None:
    to_devanagari = _script().devanagari
    for _, record in _records():
        text = record["devanagari"]
        ok = all("\u0900" <= ch <= "\u097f" or ch in DEVANAGARI_EXTRA for ch in text)
        assert ok, record["id"]
        assert text == to_devanagari(record["iast"]), record["id"]


def test_devanagari_joins_consonant_final_words_and_keeps_the_avagraha() -> None:
    to_devanagari = _script().devanagari
    assert to_devanagari("yogaś cittavṛttinirodhaḥ") == "योगश्चित्तवृत्तिनिरोधः"
    assert to_devanagari("tadā draṣṭuḥ svarūpe 'vasthānam") == "तदा द्रष्टुः स्वरूपेऽवस्थानम्"
    assert to_devanagari("tat tvam asi | aham brahmāsmi ||") == "तत्त्वमसि । अहम्ब्रह्मास्मि ॥"
    assert to_devanagari("oṃ pūrṇam adaḥ") == "ॐ पूर्णमदः"
    assert to_devanagari("Hare Kṛṣṇa sac-cid-ānanda-vigrahaḥ") == "हरे कृष्ण सच्चिदानन्दविग्रहः"


def test_the_yoga_sutra_has_its_195_sutras_in_four_padas() -> None:
    refs = [r["ref"] for n, r in _records() if n == "yoga_sutra.jsonl"]
    per_pada = Counter(ref.split(".")[0] for ref in refs)
    assert per_pada == {"1": 51, "2": 55, "3": 55, "4": 34}
    assert [int(ref.split(".")[1]) for ref in refs if ref.startswith("4.")] == list(range(1, 35))


@pytest.mark.parametrize(
    ("pack", "count"),
    [
        ("isha_upanishad", 18),
        ("kena_upanishad", 35),
        ("katha_upanishad", 119),
        ("prashna_upanishad", 67),
        ("mundaka_upanishad", 64),
        ("mandukya_upanishad", 12),
        ("taittiriya_upanishad", 51),
        ("aitareya_upanishad", 33),
        ("shvetashvatara_upanishad", 113),
        ("bhaja_govindam", 33),
    ],
)
def test_whole_works_have_every_verse_of_the_traditional_numbering(pack: str, count: int) -> None:
    assert sum(1 for n, _ in _records() if n == f"{pack}.jsonl") == count


def test_the_mahavakyas_and_the_named_prayers_are_there() -> None:
    texts = {r["id"]: r["iast"] for _, r in _records()}
    assert "tat tvam asi" in texts["ChU 6.8.7"]
    assert "ahaṃ brahmāsmīti" in texts["BAU 1.4.10"]
    assert "sarvaṃ khalv idaṃ brahma" in texts["ChU 3.14.1"]
    assert "prajñānaṃ brahma" in texts["AiU 3.1.3"]
    assert "brahmāyam ātmā brahma" in texts["MaU 2"]
    assert "asato mā sad gamaya" in texts["BAU 1.3.28"]
    assert texts["Shanti purnamadah"].startswith("oṃ pūrṇam adaḥ")
    assert texts["GuruStotra 1"].startswith("gurur brahmā gurur viṣṇur")
    assert texts["GitaDhyana 4"].startswith("sarvopaniṣado gāvo")
    assert texts["PatanjaliDhyana 1"].startswith("yogena cittasya")


def test_a_dcs_extract_is_read_into_verses_and_an_uncounted_sentence_joins_the_verse_before(
    tmp_path: Path,
) -> None:
    script = _script()
    extract = tmp_path / "Text-0000-T, 2-1.conllu.comments"
    extract.write_text(
        "## text: Text\n## chapter: T, 2\n"
        "# text = first half\n# sent_counter = 1\n# sent_subcounter = 1\n"
        "# text = second half\n# sent_counter = 1\n# sent_subcounter = 2\n"
        "# text = re-segmented tail\n# sent_id = 9_1\n"
        "# text = next verse\n# sent_counter = 2\n# sent_subcounter = 1\n",
        encoding="utf-8",
    )
    sentences = list(script.read_dcs_file(extract))
    assert [(s.chapter, s.counter, s.text) for s in sentences] == [
        ((2,), 1, "first half"),
        ((2,), 1, "second half"),
        ((2,), 1, "re-segmented tail"),
        ((2,), 2, "next verse"),
    ]
    assert script.join_parts(["first half", "second half"]) == "first half | second half"


def test_dcs_yoga_sutra_counters_after_4_15_are_shifted_to_the_traditional_numbers() -> None:
    ref_of = _script()._yoga_sutra_ref
    assert ref_of((4,), 15) == "4.15"
    assert ref_of((4,), 16) == "4.17"
    assert ref_of((3,), 16) == "3.16"


def test_the_packs_stay_under_two_megabytes() -> None:
    assert sum(p.stat().st_size for p in PACKS.iterdir()) < 2_000_000
