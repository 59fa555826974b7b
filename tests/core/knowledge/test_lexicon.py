"""The lexicon: parsing records and looking terms up in every script users type (the build's
own pieces are tested in tests/scripts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.knowledge.lexicon import Entry, Lexicon, parse_lexicon
from server.runtime.loader import load_resources

RECORDS = [
    {
        "id": "krsna",
        "iast": "Kṛṣṇa",
        "devanagari": "कृष्ण",
        "kind": "deity",
        "meaning": "the Lord",
        "variants": ["krishna", "krishn", "krsna"],
    },
    {
        "id": "bhagavad-gita",
        "iast": "Bhagavad Gītā",
        "kind": "work",
        "meaning": None,
        "variants": ["bhagavad gita", "bhagavadgita", "bhagavad geeta"],
    },
    {"id": "samsara", "iast": "saṁsāra", "kind": "term", "variants": ["samsara"]},
    {"id": "atman", "iast": "ātman", "kind": "term", "variants": ["atman"]},
]


@pytest.fixture
def lexicon() -> Lexicon:
    return Lexicon(parse_lexicon("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS)))


def test_parse_lexicon_writes_anusvara_as_m_dot_below() -> None:
    entries = parse_lexicon(json.dumps(RECORDS[2], ensure_ascii=False))
    assert entries == [Entry("samsara", "saṃsāra", None, "term", None, ("samsara",))]


def test_parse_lexicon_names_the_bad_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_lexicon('{"id": "a", "iast": "a"}\n{"iast": "b"}')


@pytest.mark.parametrize("query", ["Kṛṣṇa", "kRSNa", "kRShNa", "कृष्ण", "krishna", "KRISHNA"])
def test_lookup_finds_krsna_in_every_script(lexicon: Lexicon, query: str) -> None:
    best = lexicon.lookup(query)[0]
    assert best.entry.id == "krsna"
    assert best.score >= 0.9


def test_lookup_says_how_it_matched(lexicon: Lexicon) -> None:
    assert lexicon.lookup("Kṛṣṇa")[0].how == "iast"
    assert lexicon.lookup("krishna")[0].how == "variant"
    assert lexicon.lookup("bagavad geeta")[0].how == "phonetic"
    fuzzy = lexicon.lookup("bhagavadgeetha")[0]
    assert fuzzy.entry.id == "bhagavad-gita"
    assert 0 < fuzzy.score < 1


def test_lookup_of_nothing_known_is_empty(lexicon: Lexicon) -> None:
    assert lexicon.lookup("zzzzzz") == []
    assert lexicon.lookup("") == []


def test_find_asr_spelling_only_when_iast_differs(lexicon: Lexicon) -> None:
    found = lexicon.find_asr_spelling("Bhagavad Gita")
    assert found is not None
    assert found.iast == "Bhagavad Gītā"
    assert lexicon.find_asr_spelling("unknown words") is None


def test_is_iast_form_ignores_anusvara_spelling(lexicon: Lexicon) -> None:
    assert lexicon.is_iast_form("saṁsāra")
    assert lexicon.is_iast_form("saṃsāra")
    assert not lexicon.is_iast_form("samsara")


def test_get_and_len(lexicon: Lexicon) -> None:
    assert len(lexicon) == 4
    entry = lexicon.get("atman")
    assert entry is not None
    assert entry.iast == "ātman"
    assert lexicon.get("missing") is None


def test_state_round_trip_keeps_lookups(lexicon: Lexicon) -> None:
    rebuilt = Lexicon.from_state(lexicon.to_state())
    assert rebuilt.lookup("krishna") == lexicon.lookup("krishna")
    assert rebuilt.entries == lexicon.entries


def test_find_asr_spelling_ignores_case_and_compound_joiners() -> None:
    lexicon = Lexicon(
        [Entry("karma-yoga", "karma-yoga", None, "term", None, ("karma yoga", "karmayoga"))]
    )
    assert lexicon.find_asr_spelling("Karma yoga") is None
    found = lexicon.find_asr_spelling("karmayoga")
    assert found is not None
    assert found.id == "karma-yoga"


def test_packaged_lexicon_knows_compound_members_and_neuter_brahma(tmp_path: Path) -> None:
    lexicon = load_resources(cache_dir=tmp_path).lexicon
    assert lexicon.is_iast_form("sarva")
    assert lexicon.is_iast_form("brahma")
    assert lexicon.is_iast_form("Brahmā")


def test_inflected_verse_forms_are_never_fuzzy_matches() -> None:
    records = [
        {"id": "bhramativa", "iast": "bhramatīva", "kind": "form", "variants": ["bhramativa"]},
        {"id": "bhagavata", "iast": "Bhāgavata", "kind": "work", "variants": ["bhagavata"]},
    ]
    lexicon = Lexicon(parse_lexicon("\n".join(json.dumps(r, ensure_ascii=False) for r in records)))
    assert lexicon.fuzzy("bramativ", threshold=70.0) == []
    assert [entry.id for entry, _ in lexicon.fuzzy("bagavat", threshold=70.0)] == ["bhagavata"]
    assert [m.entry.id for m in lexicon.lookup("bhramativa")] == ["bhramativa"]


def test_quoted_forms_are_found_by_spelling_never_by_sound_alone() -> None:
    records = [{"id": "bhaja", "iast": "bhaja", "kind": "quoted", "variants": ["bhaja"]}]
    lexicon = Lexicon(parse_lexicon("\n".join(json.dumps(r) for r in records)))
    assert lexicon.by_variant("bhaja") is not None
    assert not lexicon.by_key("bhaj") and not lexicon.by_key("bhaja")
    assert [m.entry.id for m in lexicon.lookup("bhaj")] == []  # the root, heard in prose


def test_bare_stems_are_found_only_as_stems() -> None:
    records = [
        {"id": "rupa", "iast": "Rūpa", "kind": "name", "variants": ["rupa"]},
        {"id": "rupa-2", "iast": "rūpa", "kind": "stem", "variants": []},
        {"id": "sastra", "iast": "śāstra", "kind": "term", "variants": ["shastra"]},
    ]
    lexicon = Lexicon(parse_lexicon("\n".join(json.dumps(r, ensure_ascii=False) for r in records)))
    assert [entry.id for entry in lexicon.by_key("rup")] == ["rupa"]  # the name only
    assert [entry.id for entry in lexicon.stems("rupa")] == ["rupa-2"]  # not the name
    assert [entry.id for entry in lexicon.stems("shastra")] == ["sastra"]  # terms are stems
    rebuilt = Lexicon.from_state(lexicon.to_state())
    assert [entry.id for entry in rebuilt.stems("rupa")] == ["rupa-2"]


def test_packaged_lexicon_reads_endings_on_lanman_stems(tmp_path: Path) -> None:
    lexicon = load_resources(cache_dir=tmp_path).lexicon
    assert "rūpa" in [entry.iast for entry in lexicon.stems("rupa")]
    assert all(entry.kind != "stem" for entry in lexicon.by_key("rup"))


def test_packaged_lexicon_writes_the_plural_of_bharata_as_prabhupada_does(tmp_path: Path) -> None:
    lexicon = load_resources(cache_dir=tmp_path).lexicon
    plural = lexicon.by_variant("bharatas")
    assert plural is not None
    assert plural.iast == "Bhāratas"
