"""Cue markup set aside for correction and put back beside the words it stood by."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given

from core.transcript.markup import remark, unmark
from tests.core.transcript.vtt_strategies import text_line

TAG = re.compile(r"<[^<>\n]*>")


@given(text_line())
def test_unmarked_text_is_written_back_as_it_was(raw: str) -> None:
    marked = unmark(raw)
    assert remark(marked, marked.plain) == raw


@given(text_line(), text_line())
def test_any_correction_keeps_every_tag_and_reads_back_as_the_corrected_text(
    raw: str, other: str
) -> None:
    marked = unmark(raw)
    corrected = unmark(other).plain
    written = remark(marked, corrected)
    assert unmark(written).plain == corrected
    assert Counter(TAG.findall(written)) == Counter(
        tag for _, tags in marked.tags for tag in TAG.findall(tags)
    )


def test_a_tag_stays_with_its_word_when_words_around_it_change() -> None:
    marked = unmark("um so <i>krishna</i> says")
    assert remark(marked, "so Kṛṣṇa says") == "so <i>Kṛṣṇa</i> says"
    assert remark(unmark("the <b>the</b> fruits"), "the fruits") == "<b>the</b> fruits"


def test_karaoke_timestamps_are_spread_over_a_restored_phrase_in_order() -> None:
    raw = "karmanye<00:00:04.500><c> vadhikaraste</c><00:00:05.000><c> ma</c>"
    written = remark(unmark(raw), "karmaṇy evādhikāras te mā")
    assert TAG.findall(written) == TAG.findall(raw)
    assert TAG.sub("", written) == "karmaṇy evādhikāras te mā"
    assert written.index("<00:00:04.500>") < written.index("<00:00:05.000>")


def test_references_are_decoded_for_the_engine_and_kept_where_untouched() -> None:
    marked = unmark("rock &amp; roll &lt;3 krishna")
    assert marked.plain == "rock & roll <3 krishna"
    assert remark(marked, "rock & roll <3 Kṛṣṇa") == "rock &amp; roll &lt;3 Kṛṣṇa"
    assert remark(marked, "rock & roll <3 & Kṛṣṇa").endswith("&lt;3 &amp; Kṛṣṇa")
