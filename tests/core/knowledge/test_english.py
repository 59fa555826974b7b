"""English word frequencies: the packaged format and the lookups the guard relies on."""

from __future__ import annotations

import pytest

from core.knowledge.english import EnglishWords, SortedZipfTable, parse_english_words


def test_parse_english_words_reads_the_sorted_format() -> None:
    words = parse_english_words(
        "# english zipf v1\nkarma man the\n" + chr(33 + 39) + chr(33 + 58) + chr(33 + 77) + "\n"
    )
    assert words.zipf("the") == pytest.approx(7.7)
    assert words.zipf("Man") == pytest.approx(5.8)
    assert words.zipf("karma") == pytest.approx(3.9)
    assert words.zipf("krishna") == 0.0
    assert len(words) == 3


def test_zipf_ignores_a_possessive() -> None:
    words = EnglishWords({"krishna": 3.5})
    assert words.zipf("Krishna's") == 3.5
    assert words.zipf("krishna’s") == 3.5


def test_is_common_compares_with_the_threshold() -> None:
    words = EnglishWords({"drama": 4.7, "atman": 2.2})
    assert words.is_common("drama", 3.0)
    assert not words.is_common("atman", 3.0)


def test_parse_english_words_rejects_another_format() -> None:
    with pytest.raises(ValueError, match="english zipf"):
        parse_english_words("the\t7.7\n")


def test_sorted_table_refuses_mismatched_codes() -> None:
    with pytest.raises(ValueError, match="codes"):
        SortedZipfTable(["a", "b"], "!")
