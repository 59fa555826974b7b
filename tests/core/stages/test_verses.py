"""Tests for the verse index and the verses stage: noisy recitations in, canonical IAST out."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import DataError
from core.knowledge.english import EnglishWords, parse_english_words
from core.knowledge.house_style import HouseStyle
from core.knowledge.verse_hyphens import BookCompounds
from core.stages.verses import (
    CompoundStyle,
    Verse,
    VerseIndex,
    VerseWords,
    build_verse_index,
    make_verses_stage,
    parse_verse_records,
)
from core.transcript.edits import Finding, apply_edits


def _packaged_text(name: str) -> str:
    return (resources.files("config") / name).read_text(encoding="utf-8")


GITA = parse_verse_records(_packaged_text("verses_bg.jsonl").splitlines(), source="verses_bg")
INDEX = build_verse_index(GITA)
ENGLISH = parse_english_words(
    gzip.decompress((resources.files("config") / "english_words.tsv.gz").read_bytes()).decode()
)
YOGA_SUTRA = {
    "id": "YS 1.2",
    "work": "Yoga Sūtra",
    "ref": "1.2",
    "iast": "yogaś cittavṛttinirodhaḥ",
    "devanagari": "योगश्चित्तवृत्तिनिरोधः",
}


def restore(
    texts: list[str],
    *,
    index: VerseIndex = INDEX,
    english: EnglishWords = ENGLISH,
    anusvara: str = "ṃ",
    min_confidence: float = 0.6,
    compounds_as_heard: bool = False,
    quotations_as_heard: bool = False,
    printed: Callable[[str], str] | None = None,
) -> tuple[list[str], list[Finding]]:
    compounds: CompoundStyle = "joined"
    if compounds_as_heard:
        compounds = "as_heard"
    elif quotations_as_heard:
        compounds = "as_heard_in_quotations"
    stage = make_verses_stage(
        index,
        VerseWords(index, english),
        min_confidence=min_confidence,
        min_words=3,
        style=HouseStyle(anusvara=anusvara),
        compounds=compounds,
        printed=printed,
    )
    output = stage(texts)
    verses = [finding for finding in output.findings if finding.kind == "verse"]
    return [apply_edits(t, e) for t, e in zip(texts, output.edits, strict=True)], verses


def test_verse_spans_locate_the_canonical_text_in_the_output() -> None:
    texts = [
        "so krishna says karmanye vadhikaraste",
        "ma phaleshu kadachana and then he goes on",
        "he says karmaṇy evādhikāras te mā phaleṣu kadācana",
    ]
    stage = make_verses_stage(
        INDEX, VerseWords(INDEX, ENGLISH), min_confidence=0.6, min_words=3, style=HouseStyle()
    )
    output = stage(texts)
    restored = [apply_edits(t, e) for t, e in zip(texts, output.edits, strict=True)]
    spans = [f for f in output.findings if f.kind == "verse_span"]
    assert [(f.segment, restored[f.segment - 1][f.start : f.end]) for f in spans] == [
        (1, "karmaṇy evādhikāras te"),
        (2, "mā phaleṣu kadācana"),
        (3, "karmaṇy evādhikāras te mā phaleṣu kadācana"),
    ]


def test_packaged_index_holds_every_gita_verse_word_separated() -> None:
    verse = INDEX.get("BG 2.47")
    assert len(INDEX) == 701
    assert verse is not None
    assert verse.iast == (
        "karmaṇy evādhikāras te mā phaleṣu kadācana | "
        "mā karmaphalahetur bhūr mā te saṅgo 'stv akarmaṇi ||"
    )
    assert verse.devanagari is not None and verse.devanagari.startswith("कर्मण्येवाधिकारस्ते")


@pytest.mark.parametrize("verse_id", ["BG 2.47", "BG2.47", "bg 2.47", " bg2.47 "])
def test_get_accepts_the_usual_ways_of_writing_an_id(verse_id: str) -> None:
    verse = INDEX.get(verse_id)
    assert verse is not None and verse.id == "BG 2.47"


def test_get_returns_none_for_an_unknown_id() -> None:
    assert INDEX.get("BG 19.1") is None


def test_half_verse_is_restored_and_the_english_around_it_kept() -> None:
    texts, findings = restore(["he says karmanye vadhikaraste ma phaleshu kadachana which means"])
    assert texts == ["he says karmaṇy evādhikāras te mā phaleṣu kadācana which means"]
    assert [(f.kind, f.ref, f.segment, f.restored) for f in findings] == [
        ("verse", "BG 2.47", 1, True)
    ]


@pytest.mark.parametrize(
    ("heard", "verse_id", "canonical"),
    [
        (
            "yada yada hi dharmasya glanir bhavati bharata",
            "BG 4.7",
            "yadā yadā hi dharmasya glānir bhavati bhārata",
        ),
        (
            "dharma kshetre kuru kshetre samaveta yuyutsavah",
            "BG 1.1",
            "dharmakṣetre kurukṣetre samavetā yuyutsavaḥ",
        ),
        (
            "dehino smin yatha dehe kaumaram yauvanam jara",
            "BG 2.13",
            "dehino 'smin yathā dehe kaumāraṃ yauvanaṃ jarā",
        ),
        (
            "nainam chindanti shastrani nainam dahati pavakah",
            "BG 2.23",
            "nainaṃ chindanti śastrāṇi nainaṃ dahati pāvakaḥ",
        ),
        (
            "man mana bhava mad bhakto mad yaji mam namaskuru",
            "BG 9.34",
            "manmanā bhava madbhakto madyājī māṃ namaskuru",
        ),
        (
            "mattah parataram nanyat kinchid asti dhananjaya",
            "BG 7.7",
            "mattaḥ parataraṃ nānyat kiñcid asti dhanañjaya",
        ),
        (
            "paritranaya sadhunam vinashaya cha dushkritam",
            "BG 4.8",
            "paritrāṇāya sādhūnāṃ vināśāya ca duṣkṛtām",
        ),
    ],
)
def test_recitations_heard_by_english_asr_are_recognised(
    heard: str, verse_id: str, canonical: str
) -> None:
    texts, findings = restore([heard])
    assert texts == [canonical]
    assert [f.ref for f in findings] == [verse_id]


def test_whole_verse_in_one_segment_keeps_its_line_break() -> None:
    heard = (
        "yada yada hi dharmasya glanir bhavati bharata\n"
        "abhyutthanam adharmasya tadatmanam srijamyaham"
    )
    texts, findings = restore([heard])
    assert texts == [
        "yadā yadā hi dharmasya glānir bhavati bhārata\n"
        "abhyutthānam adharmasya tadātmānaṃ sṛjāmy aham"
    ]
    assert [f.ref for f in findings] == ["BG 4.7"]


def test_verse_split_over_two_segments_restores_each_part_in_place() -> None:
    texts, findings = restore(
        ["so krishna says karmanye vadhikaraste", "ma phaleshu kadachana and then he goes on"]
    )
    assert texts == [
        "so krishna says karmaṇy evādhikāras te",
        "mā phaleṣu kadācana and then he goes on",
    ]
    assert [(f.ref, f.segment) for f in findings] == [("BG 2.47", 1)]


def test_consecutive_verses_are_each_recognised() -> None:
    texts, findings = restore(
        [
            "abhyutthanam adharmasya tadatmanam srijamyaham",
            "paritranaya sadhunam vinashaya cha dushkritam",
        ]
    )
    assert texts[1] == "paritrāṇāya sādhūnāṃ vināśāya ca duṣkṛtām"
    assert [(f.ref, f.segment) for f in findings] == [("BG 4.7", 1), ("BG 4.8", 2)]


def test_below_the_threshold_a_verse_is_reported_but_not_restored() -> None:
    heard = "he says karmanye vadhikaraste ma phaleshu kadachana which means"
    texts, findings = restore([heard], min_confidence=1.0 + 1e-9)
    assert texts == [heard]
    assert [(f.ref, f.restored) for f in findings] == [("BG 2.47", False)]


def test_anusvara_follows_the_style_setting_and_stays_put() -> None:
    texts, _ = restore(["paritranaya sadhunam vinashaya cha dushkritam"], anusvara="ṁ")
    assert texts == ["paritrāṇāya sādhūnāṁ vināśāya ca duṣkṛtām"]
    again, findings = restore(texts, anusvara="ṃ")
    assert again == texts
    assert [f.ref for f in findings] == ["BG 4.8"]


def test_canonical_text_with_a_capital_is_left_alone() -> None:
    text = "Karmaṇy evādhikāras te mā phaleṣu kadācana"
    texts, findings = restore([text])
    assert texts == [text]
    assert [f.ref for f in findings] == ["BG 2.47"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(GITA), st.booleans())
def test_canonical_verse_text_is_recognised_and_never_edited(verse: Verse, half: bool) -> None:
    text = verse.iast.split("|")[0].strip() if half else verse.iast.replace("|", " ")
    text = " ".join(text.split())
    texts, findings = restore([text])
    assert texts == [text]
    found = [INDEX.get(f.ref) for f in findings]
    assert any(v is not None and text in " ".join(v.iast.replace("|", " ").split()) for v in found)


def test_processing_restored_output_again_changes_nothing() -> None:
    first, _ = restore(
        [
            "he says karmanye vadhikaraste ma phaleshu kadachana which means",
            "so krishna says sarva dharman parityajya",
            "mam ekam sharanam vraja and that is surrender",
        ]
    )
    second, _ = restore(first)
    assert second == first


_ENGLISH_WORDS = (
    "the self is eternal and the mind is restless so we practise yoga every day with "
    "devotion to the lord krishna who teaches arjuna about duty karma and dharma in the "
    "battle of life when we act without attachment to the fruits of our work we find peace "
    "a teacher said this atman brahman maya bhakti guru mantra meditation chapter verse"
).split()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ENGLISH_WORDS), min_size=1, max_size=16), st.integers(1, 3))
def test_english_lecture_text_is_never_edited(words: list[str], segments: int) -> None:
    texts = [" ".join(words[i::segments]) for i in range(segments)]
    output, findings = restore(texts)
    assert output == texts
    assert findings == []


@pytest.mark.parametrize(
    "text",
    [
        "the atman is brahman says the upanishad",
        "so the atman is brahman and maya is the power of brahman",
        "we do karma yoga and bhakti yoga and jnana yoga every day",
        "the lord krishna tells arjuna about dharma and karma in the gita",
        "Sanatana dharma, vedanta, samkhya, nyaya and mimamsa are darshanas.",
    ],
)
def test_sanskrit_terms_in_english_are_not_taken_for_a_verse(text: str) -> None:
    assert restore([text]) == ([text], [])


def test_names_listed_in_prose_over_two_cues_are_not_a_recitation() -> None:
    # BG 1.5 names these warriors; a translation lists them with commas, one closing a cue
    text = [
        "heroic, powerful fighters like Dhṛṣṭaketu, Cekitāna,",
        "Kāśirāja, Purujit, and Śaibya.",
    ]
    assert restore(text) == (text, [])


def test_search_finds_a_fragment_in_asr_spelling_and_its_span() -> None:
    (best, *_) = INDEX.search("karmanye vadhikaraste ma phaleshu")
    assert best.verse.id == "BG 2.47"
    assert best.verse.iast[best.start : best.end] == "karmaṇy evādhikāras te mā phaleṣu"
    assert best.score > 0.9


@pytest.mark.parametrize("query", ["कर्मण्येवाधिकारस्ते", "karmaNyevAdhikAraste", "karmaṇy evādhikāras"])
def test_search_accepts_devanagari_harvard_kyoto_and_iast(query: str) -> None:
    assert INDEX.search(query, limit=1)[0].verse.id == "BG 2.47"


def test_search_of_nothing_finds_nothing() -> None:
    assert INDEX.search("  ") == []


def _pack(directory: Path) -> list[Verse]:
    verses: list[Verse] = []
    for path in sorted(directory.glob("*.jsonl")):
        verses += parse_verse_records(
            path.read_text(encoding="utf-8").splitlines(), source=path.name
        )
    return verses


def test_a_pack_from_a_directory_adds_its_verses(tmp_path: Path) -> None:
    (tmp_path / "yoga_sutra.jsonl").write_text(
        json.dumps(YOGA_SUTRA, ensure_ascii=False) + "\n\n", encoding="utf-8"
    )
    index = build_verse_index([*GITA, *_pack(tmp_path)])
    texts, findings = restore(["patanjali says yoga chitta vritti nirodha"], index=index)
    assert index.get("ys 1.2") is not None
    assert len(index) == 702
    assert texts == ["patanjali says yogaś cittavṛttinirodhaḥ"]
    assert [f.ref for f in findings] == ["YS 1.2"]


def test_a_duplicate_id_keeps_the_first_verse() -> None:
    copy = Verse("BG 2.47", "Bhagavad Gītā", "2.47", "something else", None)
    index = build_verse_index([*GITA, copy])
    assert len(index) == 701
    assert index.get("BG 2.47") == INDEX.get("BG 2.47")


def test_a_malformed_record_names_its_source_and_line() -> None:
    lines = [json.dumps(YOGA_SUTRA), '{"id": "YS 1.3"}']
    with pytest.raises(DataError, match=r"yoga_sutra.jsonl:2"):
        parse_verse_records(lines, source="yoga_sutra.jsonl")


def test_an_empty_index_changes_nothing() -> None:
    text = "karmanye vadhikaraste ma phaleshu kadachana"
    assert restore([text], index=build_verse_index([])) == ([text], [])


def test_compounds_heard_apart_are_joined_as_the_verse_text_has_them_by_default() -> None:
    heard = ["te dvandva moha nirmukta bhajante mam dridha vrata"]
    out, verses = restore(heard)
    assert out == ["te dvandvamohanirmuktā bhajante māṃ dṛḍhavratāḥ"]
    assert [v.ref for v in verses] == ["BG 7.28"]


def test_compounds_heard_apart_can_be_hyphenated_where_the_words_meet() -> None:
    heard = ["te dvandva moha nirmukta bhajante mam dridha vrata"]
    out, _ = restore(heard, compounds_as_heard=True)
    assert out == ["te dvandva-moha-nirmuktā bhajante māṃ dṛḍha-vratāḥ"]
    again, _ = restore(out, compounds_as_heard=True)
    assert again == out  # processing the output again changes nothing
    said_joined = ["te dvandvamohanirmukta bhajante mam dridhavrata"]
    joined, _ = restore(said_joined, compounds_as_heard=True)
    assert joined == ["te dvandvamohanirmuktā bhajante māṃ dṛḍhavratāḥ"]  # heard joined: kept


def test_only_a_verse_quoted_inside_a_sentence_is_hyphenated_as_heard_when_so_set() -> None:
    recited = ["te dvandva moha nirmukta bhajante mam dridha vrata"]
    out, _ = restore(recited, quotations_as_heard=True)
    assert out == ["te dvandvamohanirmuktā bhajante māṃ dṛḍhavratāḥ"]  # on its own: the text
    quoted = ["they are freed, te dvandva moha nirmukta bhajante mam dridha vrata, and so"]
    out, _ = restore(quoted, quotations_as_heard=True)
    assert out == ["they are freed, te dvandva-moha-nirmuktā bhajante māṃ dṛḍha-vratāḥ, and so"]
    over_two_lines = ["te dvandva moha nirmukta\nbhajante mam dridha vrata"]
    out, _ = restore(over_two_lines, quotations_as_heard=True)
    assert out == ["te dvandvamohanirmuktā\nbhajante māṃ dṛḍhavratāḥ"]  # two lines, no prose


def test_a_quotation_heard_joined_is_printed_as_books_print_it() -> None:
    books = BookCompounds(
        [("sarva-bhūtāni", "term"), ("hṛd-roga", "term"), ("deśe", "form"), ("bhūtānāṃ", "form")]
    )
    quoted = ["as Kṛṣṇa says, ishvarah sarvabhutanam hriddeshe rjuna tishthati, and so"]
    out, _ = restore(quoted, quotations_as_heard=True, printed=books.printed)
    assert out == ["as Kṛṣṇa says, īśvaraḥ sarva-bhūtānāṃ hṛd-deśe 'rjuna tiṣṭhati, and so"]
    recited = ["ishvarah sarvabhutanam hriddeshe rjuna tishthati"]
    out, _ = restore(recited, quotations_as_heard=True, printed=books.printed)
    assert out == ["īśvaraḥ sarvabhūtānāṃ hṛddeśe 'rjuna tiṣṭhati"]  # on its own: the text


def test_a_word_split_mid_syllable_is_not_cut_as_a_compound() -> None:
    # BG 4.16 "kiṃ karma kim akarmeti": "aka rmeti" is the ASR's split, no compound's members
    heard = ["kim karma kim aka rmeti kavayo py atra mohitah"]
    out, _ = restore(heard, compounds_as_heard=True)
    assert out[0].startswith("kiṃ karma kim akarmeti kavayo")


def test_a_quotation_stopping_inside_a_line_ends_on_the_pausal_form() -> None:
    # BG 15.15 reads "... aham eva vedyo vedāntakṛd ..."; quoted up to vedyaḥ and a full stop
    out, verses = restore(["as it says: vedaish ca sarvair aham eva vedya."])
    assert out == ["as it says: vedaiś ca sarvair aham eva vedyaḥ."]
    assert [v.ref for v in verses] == ["BG 15.15"]
    assert restore(out)[0] == out
    # BG 5.29 "bhoktāraṃ yajñatapasāṃ sarvaloka...": a final m before the pause
    out, _ = restore(["the Lord is bhoktaram yajnatapasam sarva loka maheshvaram."])
    assert "sarvalokamaheśvaram." in out[0]  # the line's own end is pausal already
    out, _ = restore(["of all kinds of yagyas: bhoktaram yajnatapasam."])
    assert out == ["of all kinds of yagyas: bhoktāraṃ yajñatapasām."]


def test_a_recitation_going_on_in_the_next_cue_keeps_its_sandhi() -> None:
    heard = ["te dvandva moha nirmukta bhajante mam", "dridha vrata and so"]
    out, _ = restore(heard)
    assert out[0] == "te dvandvamohanirmuktā bhajante māṃ"


def _pack_index(*names: str) -> VerseIndex:
    records = [
        line for name in names for line in _packaged_text(f"verses/{name}.jsonl").splitlines()
    ]
    return build_verse_index([*GITA, *parse_verse_records(records, source="packs")])


VAISHNAVA = _pack_index("brahma_samhita", "brihan_naradiya_purana", "hare_krishna_mahamantra")


def test_a_cue_opening_with_the_verse_word_itself_keeps_it_though_a_danda_follows() -> None:
    # BS 5.33 "... nava-yauvanaṃ ca | vedeṣu ...": the second cue opens with "ca"
    heard = [
        "advaitam acyutam anadim anant rupam adyan puran-purusham navayauwanan",
        "ca vedesu durlabham adurlabham atmabhaktau govindam",
    ]
    out, verses = restore(heard, index=VAISHNAVA)
    assert out[1].startswith("ca vedeṣu durlabham adurlabham ātma-bhaktau")
    assert out[0].endswith("nava-yauvanaṃ")
    assert {v.ref for v in verses} == {"BS 5.33"}


def test_the_maha_mantra_is_its_own_verse_not_the_verse_on_the_holy_name() -> None:
    heard = ["chanting Hare krishna Hare krisna krishna", "krusna Hare Hare Hare raama Hare rama"]
    out, verses = restore(heard, index=VAISHNAVA)
    assert out == ["chanting Hare Kṛṣṇa Hare Kṛṣṇa Kṛṣṇa", "Kṛṣṇa Hare Hare Hare Rāma Hare Rāma"]
    assert {v.ref for v in verses} == {"MahaMantra 1"}
    assert restore(out, index=VAISHNAVA)[0] == out  # and so it stays


def test_a_quotation_opening_a_sentence_keeps_the_capital_it_was_heard_with() -> None:
    heard = ["as it is said.", "Ishvara parama krishna sach chid ananda vigraha"]
    out, _ = restore(heard, index=VAISHNAVA)
    assert out[1] == "Īśvaraḥ paramaḥ kṛṣṇaḥ sac-cid-ānanda-vigrahaḥ"
    out, _ = restore(
        ["it is said ishvara parama krishna sach chid ananda vigraha"], index=VAISHNAVA
    )
    assert out == ["it is said īśvaraḥ paramaḥ kṛṣṇaḥ sac-cid-ānanda-vigrahaḥ"]
