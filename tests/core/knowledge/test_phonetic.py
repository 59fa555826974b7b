"""Phonetic keys: ASR spellings and IAST of one word coincide."""

from __future__ import annotations

import pytest

from core.knowledge.phonetic import fold, phonetic_key, term_key


def test_fold_strips_diacritics() -> None:
    assert fold("Kṛṣṇa") == "krsna"
    assert fold("saṁsāra") == "samsara"


@pytest.mark.parametrize(
    ("asr", "iast"),
    [
        ("krishna", "kṛṣṇa"),
        ("arjun", "arjuna"),
        ("bhagavad geeta", "bhagavad-gītā"),
        ("gyana", "jñāna"),
        ("shankaracharya", "śaṅkarācārya"),
        ("vishnu", "viṣṇu"),
        ("samsaara", "saṃsāra"),
    ],
)
def test_asr_spelling_and_iast_share_a_key(asr: str, iast: str) -> None:
    assert phonetic_key(asr) == phonetic_key(iast)


def test_different_words_keep_different_keys() -> None:
    assert phonetic_key("drama") != phonetic_key("rāma")


@pytest.mark.parametrize(
    ("asr", "iast"),
    [
        ("krushna", "kṛṣṇa"),
        ("bhagwad", "bhagavad"),
        ("bhagwan", "bhagavān"),
        ("mana", "manaḥ"),
        ("paran", "paraṃ"),
    ],
)
def test_term_key_also_merges_ru_syncope_visarga_and_final_m(asr: str, iast: str) -> None:
    assert term_key(asr) == term_key(iast)
    assert term_key(asr) != term_key("drama")
