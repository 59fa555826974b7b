from hypothesis import given
from hypothesis import strategies as st

from bench.golden import GoldenSet, GoldSegment, Recitation
from bench.metrics import RecognisedVerse, aligned, english_damage, score, term_counts
from bench.tokens import score_tokens

TIMING = "00:00:01,000 --> 00:00:02,000"
REFERENCE = "So Kṛṣṇa tells Arjuna in chapter 2, verse 47,"
INPUT = "so krishna tells arjun in chapter two verse forty seven, um"


def _tokens(text: str) -> list[tuple[str, str]]:
    kinds = {"Kṛṣṇa": "sanskrit", "Arjuna": "sanskrit", "2": "number", "47": "number"}
    return [(t, kinds.get(t, "english")) for t in score_tokens(text)]


def _golden() -> GoldenSet:
    segments = [
        GoldSegment(
            1,
            TIMING,
            REFERENCE,
            INPUT,
            _tokens(REFERENCE),
            fillers=["um"],
            references=[{"expected": "chapter 2, verse 47"}],
        ),
        GoldSegment(2, TIMING, "karmaṇy evādhikāras te", "karmanye vadhikaraste", []),
    ]
    recitation = Recitation("BG2.47", "first half", (2,), "karmaṇy evādhikāras te")
    return GoldenSet("tiny", 0, segments, [recitation])


def test_term_accuracy_is_one_when_output_equals_reference() -> None:
    counts = term_counts(_tokens(REFERENCE), REFERENCE)
    assert counts.total == 2
    assert counts.found == counts.found_cased == 2


def test_a_dropped_diacritic_is_a_miss() -> None:
    counts = term_counts(_tokens(REFERENCE), REFERENCE.replace("Kṛṣṇa", "Krsna"))
    assert counts.found == 1


def test_a_lower_case_name_counts_only_without_case() -> None:
    counts = term_counts(_tokens(REFERENCE), REFERENCE.replace("Kṛṣṇa", "kṛṣṇa"))
    assert (counts.found, counts.found_cased) == (2, 1)


def test_either_anusvara_spelling_counts() -> None:
    tokens = [("saṃsāra", "sanskrit")]
    assert term_counts(tokens, "saṁsāra").found == 1


def test_damage_counts_an_english_word_right_in_input_and_changed_in_output() -> None:
    tokens = _tokens(REFERENCE)
    right, damaged = english_damage(tokens, INPUT, REFERENCE.replace("tells", "tell"))
    assert damaged == 1
    # "So" was lower-cased in the input, so changing it is not damage.
    assert right == len([t for t, k in tokens if k == "english"]) - 1
    assert english_damage(tokens, INPUT, REFERENCE)[1] == 0


def test_alignment_maps_equal_tokens_only() -> None:
    assert aligned(["a", "b", "c"], ["a", "x", "c"]) == [0, None, 2]


def test_perfect_output_scores_perfectly() -> None:
    golden = _golden()
    outputs = [segment.reference for segment in golden.segments]
    scores = score(golden, outputs, [TIMING, TIMING], [RecognisedVerse(2, "BG 2.47")])
    assert scores.term_accuracy == scores.term_accuracy_cased == 1.0
    assert scores.verse_accuracy == scores.numbers_accuracy == 1.0
    assert scores.fillers_left == 0
    assert scores.damage_per_1000 == 0.0
    assert scores.wer_output == 0.0
    assert scores.wer_input > 0.0
    assert scores.timings_kept == 1.0
    assert scores.segment_count_unchanged


def test_unprocessed_input_scores_low_and_counts_leftover_filler() -> None:
    golden = _golden()
    outputs = [segment.input for segment in golden.segments]
    scores = score(golden, outputs, [TIMING, "00:00:01,000 --> 00:00:02,001"], [])
    assert scores.term_accuracy == 0.0
    assert scores.verse_accuracy == 0.0
    assert scores.numbers_accuracy == 0.0
    assert scores.fillers_left == 1
    assert scores.timings_kept == 0.5


def test_a_verse_with_the_wrong_id_is_not_counted() -> None:
    golden = _golden()
    outputs = [segment.reference for segment in golden.segments]
    scores = score(golden, outputs, [TIMING, TIMING], [RecognisedVerse(2, "BG 2.48")])
    assert scores.verse_accuracy == 0.0
    assert scores.verses_restored == 1.0


_WORDS = st.lists(st.sampled_from(["Kṛṣṇa", "the", "yoga", "saṃsāra", "of", "2"]), max_size=12)


@given(_WORDS)
def test_a_sequence_aligns_with_itself_token_for_token(words: list[str]) -> None:
    assert aligned(words, words) == list(range(len(words)))


@given(_WORDS)
def test_output_equal_to_reference_finds_every_term(words: list[str]) -> None:
    tokens = [(w, "sanskrit" if w in {"Kṛṣṇa", "saṃsāra"} else "english") for w in words]
    text = " ".join(words)
    counts = term_counts(tokens, text)
    assert counts.found == counts.found_cased == counts.total
    assert english_damage(tokens, text, text)[1] == 0


def test_a_half_verse_restored_to_the_whole_verse_is_wrong() -> None:
    golden = _golden()
    outputs = [REFERENCE, "karmaṇy evādhikāras te mā phaleṣu kadācana"]
    scores = score(golden, outputs, [TIMING, TIMING], [RecognisedVerse(2, "BG 2.47")])
    assert scores.verses_restored == 0.0
    assert scores.verses_recognised == 1.0
