"""Hyphens where a reciter said a compound's members apart."""

from __future__ import annotations

import pytest

from core.knowledge.verse_hyphens import BookCompounds, hyphenate
from core.knowledge.verse_index import word_key


def _heard(text: str) -> list[str]:
    return [word_key(word) for word in text.split()]


@pytest.mark.parametrize(
    ("word", "heard", "written"),
    [
        ("dvandvamohanirmuktā", "dvandva moha nirmukta", "dvandva-moha-nirmuktā"),
        ("sarvabhūtānāṃ", "sarwa bhutanam", "sarva-bhūtānāṃ"),
        ("hṛddeśe", "hrid deshe", "hṛd-deśe"),
        ("dṛḍhavratāḥ", "dridha vrata", "dṛḍha-vratāḥ"),  # ḍh is one letter
        ("puṇyakarmaṇām", "punya karmanam", "puṇya-karmaṇām"),
    ],
)
def test_a_compound_is_cut_where_the_heard_words_meet(word: str, heard: str, written: str) -> None:
    assert hyphenate(word, _heard(heard)) == written


@pytest.mark.parametrize(
    ("word", "heard"),
    [
        ("sarvabhūtānāṃ", "sarvabhutanam"),  # heard as one word
        ("yogārūḍhasya", "yoga arudhasya"),  # yoga + ārūḍhasya merged by sandhi
        ("dvandvamohanirmuktā", "dvandva krishna"),  # the heard words are not its members
        # the ASR's own splits inside one word, not members meeting:
        ("akarmeti", "aka rmeti"),  # no member begins with r and a consonant
        ("brahmaṇo", "brah mano"),  # none ends in a bare h
        ("śṛṇvanto", "shrin vanto"),  # none ends in ṇ
        ("cittavṛttinirodhaḥ", "citta vrit ti nirodhah"),  # "ti" is a syllable, no member
    ],
)
def test_no_cut_without_a_clean_fit(word: str, heard: str) -> None:
    assert hyphenate(word, _heard(heard)) == word


BOOKS = BookCompounds(
    [
        ("dvandva-moha", "term"),
        ("moha-nirmukta", "term"),
        ("nirmuktā", "form"),
        ("anta-kāle", "term"),
        ("gataṃ", "form"),
        ("tat-samaḥ", "term"),  # a member "tat", and the pronoun tvam as a word
        ("tvam", "short"),
        ("tattva", "term"),
        ("bhagavān", "name"),
        ("bhaga-netra", "term"),
        ("vān", "form"),
        ("mokṣa-dharma", "term"),
        ("nir-mama", "term"),
        ("guṇa", "term"),
        ("sarva-bhūtānāṃ", "term"),
        ("sarvabhūtānāṃ", "form"),  # a verse text's joined form attests nothing
        ("yoga", "term"),
        ("ārūḍha", "form"),
        ("sa-guṇa", "term"),
        ("daiva", "term"),
    ]
)


@pytest.mark.parametrize(
    ("word", "printed"),
    [
        ("dvandvamohanirmuktā", "dvandva-moha-nirmuktā"),  # every member the books divide
        ("antagataṃ", "anta-gataṃ"),
        ("Antagataṃ", "Anta-gataṃ"),  # the case of the word kept
        ("sarvabhūtānāṃ", "sarva-bhūtānāṃ"),  # the lexicon prints it so
    ],
)
def test_a_joined_verse_word_is_printed_at_the_members_books_divide(
    word: str, printed: str
) -> None:
    assert BOOKS.printed(word) == printed


@pytest.mark.parametrize(
    "word",
    [
        "bhagavān",  # the lexicon's prose writes it joined
        "tattvam",  # a case of tattva, not tat + tvam
        "nirguṇa",  # nir is a prefix, not a member
        "sadaiva",  # nor is sa (sadā + eva)
        "yogārūḍha",  # a vowel after the cut was merged by sandhi
        "mokṣayiṣyāmi",  # no known word is left after mokṣa
    ],
)
def test_a_verse_word_books_print_whole_stays_whole(word: str) -> None:
    assert BOOKS.printed(word) == word
