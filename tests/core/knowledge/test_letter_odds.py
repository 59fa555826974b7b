"""Letter odds: whether a word no source holds reads as Sanskrit or as English."""

from __future__ import annotations

import pytest

from core.engine import Resources
from core.knowledge.letter_odds import LetterOdds


@pytest.fixture(scope="module")
def odds(indexes: Resources) -> LetterOdds:
    return indexes.letter_odds()


@pytest.mark.parametrize(
    "word", ["srijami", "yogaroodha", "pradhana", "vaykuntha", "udasina", "kshamavan"]
)
def test_sanskrit_heard_without_marks_reads_as_sanskrit(odds: LetterOdds, word: str) -> None:
    assert odds.reads_as_sanskrit(word)


@pytest.mark.parametrize(
    "word",
    ["unmanifested", "transcendentally", "nescience", "beginningless", "outcaste", "hankers"],
)
def test_rare_english_reads_as_english(odds: LetterOdds, word: str) -> None:
    assert not odds.reads_as_sanskrit(word)


@pytest.mark.parametrize("word", ["", "don't", "Kṛṣṇa", "42"])
def test_what_the_spelling_rules_do_not_read_is_not_sanskrit(odds: LetterOdds, word: str) -> None:
    assert not odds.reads_as_sanskrit(word)
