"""Pausal forms: a final m before a pause, aḥ where a quotation stops on a sandhi o."""

from __future__ import annotations

import pytest

from core.knowledge.pausal import pausal, pausal_m
from core.knowledge.verse_index import word_key


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("nityānāṃ", "nityānām"),
        ("tapasāṁ", "tapasām"),  # either anusvāra sign
        ("oṃ", "oṃ"),  # the syllable keeps its anusvāra
        ("Oṃ", "Oṃ"),
        ("dharma", "dharma"),
    ],
)
def test_a_final_anusvara_is_m_before_a_pause(word: str, expected: str) -> None:
    assert pausal_m(word) == expected


@pytest.mark.parametrize(
    ("word", "heard", "expected"),
    [
        ("vedyo", "vedya", "vedyaḥ"),  # heard with a: the speaker paused on vedyaḥ
        ("vedyo", "vedyah", "vedyaḥ"),
        ("vedyo", "vedyo", "vedyo"),  # heard with o: kept as said
        ("yajñatapasāṃ", "yajnatapasam", "yajñatapasām"),
        ("ca", "cha", "ca"),
        ("no", "na", "no"),  # too short to be an aḥ stem's sandhi form
        ("padāravindayor", "padaravindayor", "padāravindayoḥ"),  # r before a voiced sound
        ("kṛṣṇaś", "krishnas", "kṛṣṇaḥ"),  # ś before c
        ("syād", "syad", "syāt"),  # voiced before a vowel, voiceless at the pause
        ("vāg", "vag", "vāk"),
        ("tat", "tat", "tat"),  # already pausal
        ("ahaṃ", "aham", "aham"),
    ],
)
def test_a_quotation_ends_on_the_pausal_form_of_its_last_word(
    word: str, heard: str, expected: str
) -> None:
    assert pausal(word, word_key(heard)) == expected
