"""Where a sentence ends and begins, as every stage that writes a capital reads it."""

from __future__ import annotations

import pytest

from core.stages.sentences import (
    ends_sentence,
    opens_a_line_or_clause,
    sentence_starts_at,
    starts_sentence,
)


@pytest.mark.parametrize(
    ("text", "ends"),
    [("he said so.", True), ("“as it is written.”", True), ("and then…", True), ("", True),
     ("and then", False), ("Kṛṣṇa (the Lord", False), ("is it so?)", True)],
)  # fmt: skip
def test_a_cue_ends_a_sentence_at_its_last_mark_closing_quotes_aside(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


def test_a_word_starts_a_sentence_after_a_full_stop_or_at_an_opening_cue() -> None:
    text = "he said. “Kṛṣṇa is the Lord"
    assert starts_sentence(text, text.index("Kṛṣṇa"), opens_sentence=False)
    assert not starts_sentence(text, text.index("Lord"), opens_sentence=True)
    assert starts_sentence(text, 0, opens_sentence=True)
    assert not starts_sentence(text, 0, opens_sentence=False)


def test_a_sentence_closed_by_a_quotation_mark_still_ends_before_the_next_word() -> None:
    text = "until one attains samādhi.” samādhi is"
    assert starts_sentence(text, text.rindex("samādhi"), opens_sentence=False)
    quoted = "he said “yoga” means"
    assert not starts_sentence(quoted, quoted.index("means"), opens_sentence=False)


def test_the_cue_before_says_whether_the_first_word_starts_one() -> None:
    texts = ["as he said.”", "bhayam dvitiya", "and so", "bhayam dvitiya"]
    assert sentence_starts_at(texts, 0, 0)
    assert sentence_starts_at(texts, 1, 0)
    assert not sentence_starts_at(texts, 3, 0)


def test_a_capital_may_be_due_after_a_line_break_a_colon_or_an_opening_quote() -> None:
    text = "he said: Yoga is\nYoga and “Yoga” but Yoga"
    starts = [i for i in range(len(text)) if text.startswith("Yoga", i)]
    assert [opens_a_line_or_clause(text, i) for i in starts] == [True, True, True, False]
    assert opens_a_line_or_clause(text, 0)
