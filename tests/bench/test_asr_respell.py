import pytest

from bench.asr.respell import looks_sanskrit, respell, respell_word


@pytest.mark.parametrize(
    ("iast", "spoken"),
    [
        ("Kṛṣṇa", "Krishna"),
        ("śāstra", "shaastra"),
        ("ātmā", "aatmaa"),
        ("Gītā", "Geeta"),
        ("Dhṛtarāṣṭra", "Dhritaraashtra"),
        ("Śrī", "Shree"),
        ("jñāna", "gyaana"),
        ("Ṛṣi", "Rishi"),
        ("ucchiṣṭa", "uchchhishta"),
    ],
)
def test_iast_words_are_respelled_as_an_english_reader_says_them(iast: str, spoken: str) -> None:
    assert respell_word(iast) == spoken


def test_a_compound_is_spoken_as_separate_words_keeping_punctuation() -> None:
    assert respell("the Bhagavad-gītā, and karma-yoga.") == "the Bhagavad geeta, and karma-yoga."
    assert respell("jñāna-yoga;") == "gyaana yoga;"


def test_english_words_and_numbers_are_left_alone() -> None:
    text = "In chapter 2, verse 47, because each act counts"
    assert respell(text) == text


def test_possessives_and_decomposed_unicode_still_respell() -> None:
    assert respell("Kṛṣṇa’s mercy") == "Krishna’s mercy"
    assert respell("Kr\u0323s\u0323n\u0323a") == "Krishna"


def test_plain_words_of_a_recited_verse_are_respelled_too() -> None:
    verse = "dharma-kṣetre kuru-kṣetre samavetā yuyutsavaḥ māmakāḥ pāṇḍavāś caiva"
    assert respell(verse, all_sanskrit=True) == (
        "dharma kshetre kuru kshetre samavetaa yuyutsavah maamakaah paandavaash chaiva"
    )
    assert respell("ca vacana") == "ca vacana"
    assert respell("ca vacana", all_sanskrit=True) == "cha vachana"


def test_only_words_with_iast_marks_or_known_plain_names_look_sanskrit() -> None:
    assert looks_sanskrit("Kṛṣṇa,")
    assert looks_sanskrit("Caitanya")
    assert not looks_sanskrit("Arjuna")
    assert not looks_sanskrit("cause")
