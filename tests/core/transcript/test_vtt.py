"""WebVTT: read and written back exactly; cue text corrected with its markup kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import TranscriptError
from core.transcript import vtt
from core.transcript.formats import compose, parse
from core.transcript.markup import unmark
from tests.core.transcript.vtt_strategies import text_line, vtt_file

LECTURE = """WEBVTT - Gītā class
Kind: captions
Language: en

NOTE recorded at the ashram,
second line of the note

STYLE
::cue { color: yellow }

intro
00:00:01.000 --> 00:00:04.000 align:start position:10%
so <i>krishna</i> tells arjun &amp; all

00:04.000 --> 00:00:06.500 line:0
karmanye<00:00:04.500><c> vadhikaraste</c><00:00:05.000><c> ma</c>
"""


def test_cues_come_with_ids_settings_and_markup_set_aside() -> None:
    document = parse(LECTURE, source="talk.vtt")
    first, second = document.transcript.segments
    assert document.format == "vtt"
    assert first.text == "so krishna tells arjun & all"
    assert first.timing == "00:00:01.000 --> 00:00:04.000 align:start position:10%"
    assert (first.start_ms, first.end_ms, second.start_ms, second.end_ms) == (
        1000,
        4000,
        4000,
        6500,
    )
    assert second.text == "karmanye vadhikaraste ma"
    assert document.lines.number_line(1) == 11 and document.lines.timing_line(1) == 12
    assert document.lines.text_line(2) == 16


def test_a_corrected_cue_keeps_its_tags_beside_its_words() -> None:
    document = parse(LECTURE)
    corrected = document.transcript.with_texts(
        ["so Kṛṣṇa tells Arjuna & all", "karmaṇy evādhikāras te mā"]
    )
    written = compose(document, corrected)
    assert "so <i>Kṛṣṇa</i> tells Arjuna &amp; all\n" in written
    assert "<00:00:04.500><c>" in written and "<00:00:05.000><c>" in written
    assert written.startswith(LECTURE.split("intro")[0])  # header, NOTE and STYLE verbatim
    assert "intro\n00:00:01.000 --> 00:00:04.000 align:start position:10%\n" in written


@given(vtt_file())
def test_parse_then_compose_gives_the_file_back_byte_for_byte(text: str) -> None:
    document = parse(text)
    assert compose(document, document.transcript) == text


@given(vtt_file(), st.data())
def test_corrected_texts_are_written_exactly_and_nothing_else_moves(
    text: str, data: st.DataObject
) -> None:
    document = parse(text)
    corrected = text_line().map(lambda line: unmark(line).plain).filter(str.strip)
    new_texts = [data.draw(st.one_of(st.just(old), corrected)) for old in document.transcript.texts]
    reread = parse(compose(document, document.transcript.with_texts(new_texts)))
    assert reread.transcript.texts == new_texts
    assert [s.timing for s in reread.transcript.segments] == [
        s.timing for s in document.transcript.segments
    ]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n", 1, "starts with the line WEBVTT"),
        ("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nhi\n", 3, "malformed timing line"),
        ("WEBVTT\n\nintro\nhello there\n", 4, "expected a cue timing line"),
        ("WEBVTT\n\nNOTE only a note\n", 1, "no cues"),
    ],
)
def test_malformed_webvtt_names_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        vtt.parse(text, source="talk.vtt")
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"talk.vtt:{line}: ")


def test_cues_from_another_format_get_webvtt_timing_and_escapes() -> None:
    document = parse("1\n00:00:01,000 --> 01:00:02,500\n<i>Kṛṣṇa</i> & Arjuna <3\n")
    assert compose(document, document.transcript, to="vtt") == (
        "WEBVTT\n\n00:00:01.000 --> 01:00:02.500\n<i>Kṛṣṇa</i> &amp; Arjuna &lt;3\n"
    )
