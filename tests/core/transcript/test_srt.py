"""Tests for SRT reading and writing: encodings, timings kept verbatim, clear errors."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import TranscriptError
from core.transcript.encoding import decode, encode
from core.transcript.segments import Segment, Transcript
from core.transcript.srt import compose, parse

SAMPLE = (
    "1\n00:00:01,000 --> 00:00:04,200\nhello there\nsecond line\n\n"
    "2\n00:00:04,200 --> 00:00:09,850\nkrishna tells arjun\n"
)


def test_parse_reads_cues_with_positions_numbers_and_milliseconds() -> None:
    transcript = parse(SAMPLE, source="a.srt")
    first, second = transcript.segments
    assert (first.position, first.number, first.start_ms, first.end_ms) == (1, 1, 1000, 4200)
    assert first.text == "hello there\nsecond line"
    assert second.timing == "00:00:04,200 --> 00:00:09,850"
    assert second.text == "krishna tells arjun"


def test_compose_writes_back_what_was_read() -> None:
    assert compose(parse(SAMPLE)) == SAMPLE.replace("arjun\n", "arjun\n")


def test_timing_line_is_kept_verbatim_even_when_unusual() -> None:
    text = "7\n00:00:01.000 --> 00:00:02,000  X1:10 X2:20\nhi\n"
    transcript = parse(text)
    assert transcript.segments[0].timing == "00:00:01.000 --> 00:00:02,000  X1:10 X2:20"
    assert compose(transcript) == text


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + SAMPLE.encode(),
        SAMPLE.replace("\n", "\r\n").encode(),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf8-bom", "crlf", "utf16-le", "utf16-be"],
)
def test_decode_accepts_boms_utf16_and_crlf(data: bytes) -> None:
    decoded = decode(data)
    assert parse(decoded.text).texts == ["hello there\nsecond line", "krishna tells arjun"]


def test_crlf_and_bom_survive_a_round_trip() -> None:
    data = codecs.BOM_UTF8 + SAMPLE.replace("\n", "\r\n").encode()
    decoded = decode(data)
    assert encode(compose(parse(decoded.text)), bom=decoded.bom, newline=decoded.newline) == data


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("1\n00:00:01,000 -> 00:00:02,000\nhi\n", 2, "malformed timing line"),
        ("1\nhello\n", 2, "expected a timing line"),
        ("hello world\n", 1, "expected a cue number"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n", 5, "without a timing line"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n00:00:03,000 --> 00:00:04,000\nx\n", 5, "no cue"),
        ("\n\n   \n", 1, "no subtitle cues"),
    ],
)
def test_malformed_input_names_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        parse(text, source="bad.srt")
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"bad.srt:{line}: ")


def test_binary_and_non_utf8_input_is_refused_with_a_line() -> None:
    with pytest.raises(TranscriptError, match="NUL"):
        decode(b"1\n00:00:01,000 --> 00:00:02,000\n\x00\x01\x02")
    with pytest.raises(TranscriptError, match=r"<input>:2: not UTF-8"):
        decode(b"1\n\xff\xfe\xfa")


_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip() and not s.strip().isdigit())


@given(st.lists(st.tuples(_TEXT, st.integers(0, 10_000_000)), min_size=1, max_size=8))
def test_parse_compose_round_trips(cues: list[tuple[str, int]]) -> None:
    segments = tuple(
        Segment(
            position=i,
            number=i,
            timing=f"00:00:00,000 --> {ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:"
            f"{ms // 1000 % 60:02d},{ms % 1000:03d}",
            start_ms=0,
            end_ms=ms,
            text=text,
        )
        for i, (text, ms) in enumerate(cues, start=1)
    )
    transcript = Transcript(segments)
    assert parse(compose(transcript)) == transcript


def test_a_cue_too_long_to_be_a_subtitle_is_refused_with_its_line() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n" + "word " * 50_000 + "\n"
    with pytest.raises(TranscriptError, match="at most 200,000") as caught:
        parse(text, source="long.srt")
    assert caught.value.line == 3
