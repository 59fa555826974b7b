"""Formats recognised from the content, the output format chosen, and each small format."""

from __future__ import annotations

import json

import pytest

from core.errors import TranscriptError, UsageError
from core.transcript import formats, plain_text, sbv, whisper_json
from core.transcript.wrap import wrap_text

SRT = "1\n00:00:01,000 --> 00:00:02,500\nso krishna says\n"


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        (SRT, None, "srt"),
        ("\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", None, "vtt"),
        ("0:00:01.000,0:00:02.500\nso krishna says\n", None, "sbv"),
        ('{"segments": []}', None, "json"),
        ("so krishna says\n\nand arjuna listens\n", None, "txt"),
        (SRT, "txt", "srt"),  # the content wins over the extension
        ("hello world\n", "srt", "srt"),  # ...which decides when the content cannot
        (
            "1\n00:00:01,00 --> 00:00:02,000\nhi\n",
            None,
            "srt",
        ),  # a subtitle attempt gets SubRip's errors
    ],
)
def test_the_format_is_recognised_from_the_content(
    text: str, hint: str | None, expected: str
) -> None:
    assert formats.detect(text, hint=hint) == expected


@pytest.mark.parametrize(
    ("read", "to", "name", "expected"),
    [
        ("vtt", None, None, "vtt"),
        ("vtt", None, "out.srt", "srt"),
        ("vtt", "txt", "out.srt", "txt"),
        ("json", None, None, "srt"),
        ("json", None, "out.vtt", "vtt"),
        ("srt", None, "out.fixed", "srt"),
    ],
)
def test_the_output_format_follows_to_then_the_extension_then_the_input(
    read: str, to: str | None, name: str | None, expected: str
) -> None:
    assert formats.output_format(read, to=to, output_name=name) == expected


def test_what_cannot_be_written_is_refused_saying_what_can() -> None:
    with pytest.raises(UsageError, match="cannot write Whisper JSON"):
        formats.output_format("srt", output_name="out.json")
    with pytest.raises(UsageError, match="no timings"):
        formats.output_format("txt", to="srt")


def test_sbv_is_written_back_exactly_and_converted_with_fresh_timings() -> None:
    text = "0:00:01.000,0:00:02.500\nso krishna\nsays\n\n\n0:00:03.000,0:00:04.000\nhi\n"
    document = sbv.parse(text)
    assert document.transcript.texts == ["so krishna\nsays", "hi"]
    assert formats.compose(document, document.transcript) == text
    assert formats.compose(document, document.transcript, to="srt").startswith(
        "1\n00:00:01,000 --> 00:00:02,500\nso krishna\nsays\n\n2\n"
    )
    with pytest.raises(TranscriptError, match="expected an SBV timing line") as caught:
        sbv.parse("0:00:01.000,0:00:02.500\nhi\n\nnot a time\n")
    assert caught.value.line == 4


def test_plain_text_keeps_its_paragraphs_and_blank_lines() -> None:
    text = "so krishna says\nto arjuna\n\n\n  \nand the gita\n"
    document = plain_text.parse(text)
    assert document.transcript.texts == ["so krishna says\nto arjuna", "and the gita"]
    assert not document.timed and document.lines.text_line(2) == 6
    assert formats.compose(document, document.transcript) == text


@pytest.mark.parametrize(
    "data",
    [
        {"segments": [{"start": 1.0, "end": 2.5, "text": " so krishna says"}]},
        [{"start": 1.0, "end": 2.5, "text": "so krishna says"}],
        {"transcription": [{"offsets": {"from": 1000, "to": 2500}, "text": " so krishna says"}]},
    ],
    ids=["openai-whisper", "segment-list", "whisper.cpp"],
)
def test_whisper_json_segments_become_cues(data: object) -> None:
    document = whisper_json.parse(json.dumps(data))
    (segment,) = document.transcript.segments
    assert (segment.start_ms, segment.end_ms, segment.text) == (1000, 2500, "so krishna says")
    assert formats.compose(document, document.transcript) == (
        "1\n00:00:01,000 --> 00:00:02,500\nso krishna says\n"
    )
    assert document.notes == ()


@pytest.mark.parametrize(
    ("text", "fragment", "line"),
    [
        ('{"segments": [', "not valid JSON", 1),
        ('{"other": 1}', "expected a 'segments' list", 1),
        ('{"segments": [{"start": 1, "text": "x"}]}', "segment 1 has no start and end", None),
    ],
)
def test_broken_whisper_json_says_what_is_wrong(text: str, fragment: str, line: int | None) -> None:
    with pytest.raises(TranscriptError, match=fragment) as caught:
        whisper_json.parse(text, source="talk.json")
    assert caught.value.line == line


def test_rewrapping_splits_long_lines_at_word_boundaries_into_balanced_lines() -> None:
    text = "so Kṛṣṇa tells Arjuna in the Bhagavad Gītā chapter 2, verse 47, that"
    wrapped = wrap_text(text, 42)
    assert wrapped.replace("\n", " ") == text
    assert all(len(line) <= 42 for line in wrapped.split("\n")) and wrapped.count("\n") == 1
    assert wrap_text(wrapped, 42) == wrapped
    assert wrap_text("short\nlines", 42) == "short\nlines"
