"""Case endings read on known stems: the grammar of the endings, and the terms stage using it."""

from __future__ import annotations

import json

import pytest

from core.knowledge.english import EnglishWords
from core.knowledge.inflection import analyses, inflect, read_inflected, retroflex_n
from core.knowledge.lexicon import Entry, Lexicon, parse_lexicon
from core.knowledge.phonetic import phonetic_key
from core.stages.terms import TermMatcher, TermOptions
from core.transcript.edits import apply_edits


def _read(word: str, *stems: str, member: bool = False) -> str | None:
    known = [Entry(stem, stem, None, "stem", None, ()) for stem in stems]

    def heard_as(heard: str) -> list[Entry]:  # as Lexicon.stems compares them
        return [entry for entry in known if phonetic_key(entry.iast) == phonetic_key(heard)]

    reading = read_inflected(word, heard_as, member=member)
    return None if reading is None else reading[1]


@pytest.mark.parametrize(
    ("heard", "stem", "written"),
    [
        ("rupani", "rūpa", "rūpāṇi"),  # neuter plural: the n after r is ṇ
        ("shastraih", "śāstra", "śāstraiḥ"),
        ("shastrai", "śāstra", "śāstraiḥ"),  # the visarga not heard
        ("mataish", "mata", "mataiś"),  # before c: "mataish ca"
        ("dviteeyan", "dvitīya", "dvitīyaṃ"),  # a final m heard as n is the anusvāra
        ("dviteeyam", "dvitīya", "dvitīyam"),
        ("kamena", "kāma", "kāmena"),  # no r or ṣ: the n stays dental
        ("karmena", "karma", "karmeṇa"),  # r ... m (a labial lets it through): ṇ
        ("arthena", "artha", "arthena"),  # th (a dental) blocks it
        ("yogeshu", "yoga", "yogeṣu"),
        ("sattvikataya", "sāttvikatā", "sāttvikatayā"),  # ā-stem instrumental
        ("prakritayah", "prakṛti", "prakṛtayaḥ"),  # i-stem plural
        ("atmana", "ātman", "ātmanā"),  # an-stem instrumental
    ],
)
def test_endings_follow_the_grammar_not_the_asr_spelling(
    heard: str, stem: str, written: str
) -> None:
    assert _read(heard, stem) == written


def test_a_stem_of_another_class_is_not_inflected() -> None:
    assert _read("rupani", "rūpin") is None  # no rule reads "ani" on an in-stem
    assert _read("prakritayah", "prakṛta") is None  # ayaḥ is an i-stem's ending only


def test_agent_nominatives_in_ta_are_no_feminine_stems() -> None:
    # kartā is the nominative of kartṛ: "kartam" is not its accusative kartām
    assert _read("kartam", "kartā") is None
    assert _read("devatam", "devatā") == "devatām"


def test_a_final_m_that_must_be_heard_as_m() -> None:
    # "vidyayan" is no vidyāyāṃ ("cintayan" is a participle): ā-stem endings in m need an m
    assert _read("vidyayan", "vidyā") is None
    assert _read("vidyayam", "vidyā") == "vidyāyām"


def test_a_compound_member_takes_only_the_longer_endings() -> None:
    assert _read("bhavat", "bhava") == "bhavāt"
    assert _read("bhavat", "bhava", member=True) is None  # sam-abhavat is a verb
    assert _read("charitai", "carita", member=True) == "caritaiḥ"


def test_a_bare_stem_is_not_given_an_ending_it_was_not_heard_with() -> None:
    assert _read("padma", "padma") is None  # not padmaḥ
    assert _read("padmah", "padma") == "padmaḥ"


def test_short_heard_stems_are_not_read() -> None:
    assert list(analyses("tani")) == []  # "ta" + ni: too short to be a stem
    readings = {analysis.ending.written: analysis for analysis in analyses("rupani")}
    assert inflect("rūpa", readings["āni"]) == "rūpāṇi"
    assert inflect("rūpa", readings["ani"]) is None  # the an-stems' locative


def test_retroflex_n_counts_only_from_the_ending() -> None:
    assert retroflex_n("rāmena", start=4) == "rāmeṇa"
    assert retroflex_n("rāmana", start=5) == "rāmana"  # the stem's own n is left as it is


_RECORDS = [
    {"id": "rupa", "iast": "Rūpa", "kind": "name", "variants": ["rupa", "roopa"]},
    {"id": "carita", "iast": "carita", "kind": "term", "variants": ["charita"]},
    {"id": "rupa-2", "iast": "rūpa", "kind": "stem", "variants": []},
    {"id": "sastra", "iast": "śāstra", "kind": "term", "variants": ["shastra"]},
]


_ENGLISH = {"the": 7.0, "and": 7.0, "of": 7.0, "it": 7.0, "said": 6.0}


def _correct(text: str, english: dict[str, float] | None = None) -> str:
    lexicon = Lexicon(parse_lexicon("\n".join(json.dumps(r, ensure_ascii=False) for r in _RECORDS)))
    stage = TermMatcher(
        lexicon,
        EnglishWords({**_ENGLISH, **(english or {})}),
        TermOptions(min_confidence=0.85, fuzzy_threshold=88.0, english_zipf=3.0, anusvara="ṃ"),
    )
    return apply_edits(text, stage([text]).edits[0])


def test_the_terms_stage_reads_endings_on_stems_and_terms() -> None:
    assert _correct("trini rupani and the shastraih") == "trini rūpāṇi and the śāstraiḥ"


def test_a_bare_stem_never_stands_for_a_word_of_its_own() -> None:
    # "rupa" is the name Rūpa; the stem rūpa is only ever read before an ending
    assert _correct("the rupa of it") == "the Rūpa of it"


def test_a_word_english_knows_keeps_its_ending() -> None:
    assert _correct("the shastrena said", english={"shastrena": 2.5}) == "the shastrena said"


def test_a_compound_reads_the_ending_of_its_last_member_and_the_stem_of_a_name() -> None:
    # rūpa-caritaiḥ: the first member is the common stem, not the name Rūpa
    assert _correct("the roopacharitai of it") == "the rūpa-caritaiḥ of it"
