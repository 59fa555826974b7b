"""Tests for the normalize stage: fillers and stutters go, content words stay."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.knowledge.english import EnglishWords
from core.stages.normalize import (
    _STUTTER,
    make_filler_stage,
    make_stutter_stage,
    may_hold_stutter,
)
from core.transcript.edits import apply_edits

_WORDS = "the in to a of is very that you know like so actually he said this"
ENGLISH = EnglishWords(
    {**dict.fromkeys(_WORDS.split(), 6.0), "fruits": 4.0, "self": 4.5, "mind": 5.0, "best": 5.0}
)


def normalized(text: str, *, fillers: bool = True, stutters: bool = True) -> str:
    for stage in (
        make_filler_stage(enabled=fillers),
        make_stutter_stage(ENGLISH, enabled=stutters),
    ):
        (edits,) = stage([text]).edits
        text = apply_edits(text, edits)
    return text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("good morning everyone, um, today we", "good morning everyone, today we"),
        ("we discuss the, uh, Bhagavad Gita", "we discuss the Bhagavad Gita"),
        ("Um, today we will discuss", "Today we will discuss"),
        ("um today we", "today we"),
        ("chapter 2, verse 47, um,", "chapter 2, verse 47,"),
        ("this is er important", "this is important"),
        ("the self, hmm, is eternal.", "the self, is eternal."),
        ("it ends here uh.", "it ends here."),
        ("and so, you know, the mind", "and so, the mind"),
        ("um um", ""),
        ("so um um yes", "so yes"),
        ("Um, uh, today", "Today"),
        ("the self, um, uh, is", "the self, is"),
    ],
)
def test_fillers_are_removed_with_their_commas(before: str, after: str) -> None:
    assert normalized(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "it is like a dream, actually, so we go on",
        "you know the truth of the self",
        "the umbrella and the hummingbird",
        "an error, a hum, the ermine",
    ],
)
def test_content_words_are_never_removed(text: str) -> None:
    assert normalized(text) == text


def test_stutters_of_common_english_words_are_removed() -> None:
    assert normalized("never to the the fruits") == "never to the fruits"
    assert normalized("it is in the in the heart") == "it is in the heart"
    assert normalized("The the self") == "The self"


def test_repeated_sanskrit_words_and_rhetorical_repeats_are_kept() -> None:
    stage = make_stutter_stage(
        EnglishWords({"hare": 4.0, "he": 7.0, "does": 6.0}),
        enabled=True,
        is_sanskrit=lambda word: word == "hare",
    )
    for text in ["hare krishna hare hare", "he does, he does", "to Hare Hare is", "so, so"]:
        assert stage([text]).edits == [[]]


def test_function_words_repeated_are_stutters_whatever_is_around() -> None:
    assert normalized("This This platform") == "This platform"
    assert normalized("of of krsna") == "of krsna"
    assert normalized("destroy that that imperishable soul") == "destroy that imperishable soul"


def test_repetitions_inside_a_recited_line_are_kept() -> None:
    stage = make_stutter_stage(EnglishWords({"tam": 3.5, "yam": 3.5}), enabled=True)
    for text in ["tam tam evaiti kaunteya", "yam yam vāpi smaran"]:
        assert stage([text]).edits == [[]]


def test_a_filler_between_a_reference_word_and_its_number_leaves_no_comma() -> None:
    assert normalized("in chapter, um, two") == "in chapter two"


def test_emphatic_and_sanskrit_doubling_is_kept() -> None:
    assert normalized("this is very very important") == "this is very very important"
    assert normalized("he said that that is so") == "he said that that is so"
    assert normalized("yada yada hi dharmasya") == "yada yada hi dharmasya"


def test_disabled_stage_changes_nothing() -> None:
    text = "um the the fruits"
    assert normalized(text, fillers=False, stutters=False) == text


def test_a_stutter_with_a_filler_inside_is_removed_in_one_pass() -> None:
    assert normalized("the self is, um, is eternal") == "the self is eternal"


def test_a_stutter_left_by_removing_another_is_removed_in_the_same_pass() -> None:
    # "the the" goes first; what is left repeats "the mind", which a second pass would take
    once = normalized("the mind the the mind is\nthe best of friends")
    assert once == "the mind is\nthe best of friends"
    assert normalized(once) == once


def test_normalizing_twice_changes_nothing() -> None:
    once = normalized("Um, the the, uh, fruits of, um, action")
    assert normalized(once) == once


_PIECES = st.sampled_from(
    ["the", "The", "THE", "um", "hmm", "her", "you", "know",
     "in the", "don't", "'t", "'", "a'", "ſ", "İ", "Kṛṣṇa", "9", ",", ".", " ", "\t", "\n"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=10).map(" ".join) | st.lists(_PIECES, max_size=10).map("".join)


@given(_TEXTS)
def test_the_stutter_precheck_never_skips_a_repeated_word(text: str) -> None:
    if any(re.search("[A-Za-z]", m.group()) for m in _STUTTER.finditer(text)):
        assert may_hold_stutter(text)


def test_plain_english_without_repeated_words_skips_the_stutter_pattern() -> None:
    assert not may_hold_stutter("so Krishna tells Arjuna about the self, and every other thing")


def test_a_capitalised_filler_passes_its_capital_on_only_where_a_sentence_opens() -> None:
    stage = make_filler_stage(enabled=True)
    texts = ["We went home.", "Um, today we read", "the process of self", "Um realization, and"]
    output = stage(texts)
    assert [apply_edits(t, e) for t, e in zip(texts, output.edits, strict=True)] == [
        "We went home.",
        "Today we read",
        "the process of self",
        "realization, and",  # the cue goes on from the one before
    ]
