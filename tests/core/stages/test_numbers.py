"""Tests for the numbers stage: scripture references to digits, prose numbers kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.knowledge.spoken_numbers import words_to_int
from core.stages.numbers import (
    _DOTTED,
    _REFERENCE,
    may_hold_reference,
    reference_edits,
)
from core.transcript.edits import apply_edits


def converted(text: str) -> str:
    return apply_edits(text, reference_edits(text))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("the gita chapter two verse forty seven, um,", "the gita chapter 2, verse 47, um,"),
        ("chapter two, verse forty-seven", "chapter 2, verse 47"),
        ("verse twenty-five of chapter two", "verse 25 of chapter 2"),
        ("the bhagavad gita two point forty seven says", "the bhagavad gita 2.47 says"),
        ("in the yoga sutras one point two", "in the yoga sutras 1.2"),
        ("Chapter Eighteen, verse sixty-six", "Chapter 18, verse 66"),
        ("verses forty seven and forty eight", "verses 47 and 48"),
        ("verse one hundred and twenty", "verse 120"),
        ("sutra one point two", "sutra 1.2"),
        ("now look at geetaa four point twenty two", "now look at geetaa 4.22"),
        ("the upanishads two point one", "the upanishads 2.1"),
        ("verse one of chapter nine", "verse 1 of chapter 9"),
        ("This is Bhagavad Peter one point fourteen.", "This is Bhagavad Peter 1.14."),  # Gītā
    ],
)
def test_spoken_references_become_digits(before: str, after: str) -> None:
    assert converted(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "one of the most profound statements",
        "one should act without attachment",
        "in this chapter one should see the lord",
        "two thousand years ago",
        "the second chapter",
        "he has two point of view",
        "the score was two point five",
        "As Peter one point two said",  # a name, not a title heard as English
    ],
)
def test_prose_numbers_are_left_alone(text: str) -> None:
    assert converted(text) == text


def test_written_references_are_stable() -> None:
    for text in ["chapter 2, verse 47", "verse 25 of chapter 2", "gita 2.47"]:
        assert converted(text) == text


@given(st.integers(min_value=0, max_value=999))
def test_words_to_int_reads_back_spoken_numbers(value: int) -> None:
    units = "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    units += "fourteen fifteen sixteen seventeen eighteen nineteen"
    unit_words = units.split()
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def below_100(n: int) -> str:
        if n < 20:
            return unit_words[n]
        return tens[n // 10 - 2] + ("" if n % 10 == 0 else "-" + unit_words[n % 10])

    hundreds, rest = divmod(value, 100)
    spoken = below_100(rest) if hundreds == 0 else f"{unit_words[hundreds]} hundred"
    if hundreds and rest:
        spoken += f" and {below_100(rest)}"
    assert words_to_int(spoken) == value


def test_words_to_int_rejects_non_numbers() -> None:
    assert words_to_int("forty winks") is None
    assert words_to_int("") is None


_HINT_PIECES = st.sampled_from(
    ["chapter", "VERSE", "Sūtra", "ŚLOKA", "poİnt", "POıNT", "ſutra", "Pāda", "dot", "gita",
     "two", "forty seven", "one", "point", "of", "and", ",", "the", "İ", "ı", "ſ", "\u0307"]
)  # fmt: skip


@given(st.lists(_HINT_PIECES, max_size=8).map(" ".join))
def test_the_cheap_hint_never_skips_a_text_the_patterns_match(text: str) -> None:
    if _DOTTED.search(text) or _REFERENCE.search(text):
        assert may_hold_reference(text)


@pytest.mark.parametrize("text", ["POİNT", "ſutra two", "CHAPTER", "Śloka"])
def test_the_hint_is_as_lenient_as_ignorecase(text: str) -> None:
    assert may_hold_reference(text)


def test_texts_without_a_reference_word_are_skipped() -> None:
    assert not may_hold_reference("so krishna tells arjun about the self, um, twenty times")


def test_a_work_heard_with_an_added_r_is_a_work() -> None:
    text = "This is Bhagwat Gitar three point twenty-three."
    assert apply_edits(text, reference_edits(text)) == "This is Bhagwat Gitar 3.23."
