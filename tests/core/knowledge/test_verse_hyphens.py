"""Hyphens where a reciter said a compound's members apart."""

from __future__ import annotations

import pytest

from core.knowledge.verse_hyphens import hyphenate
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
