"""SubRip (SRT) reading and writing.

Our own line scanner finds the cues and reports malformed input as `file:line: what is
wrong` (pysrt's own errors carry no line number); pysrt then reads each cue's timestamps.
The timing line is kept verbatim, so writing a transcript back cannot move a timestamp.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pysrt

from core.errors import TranscriptError
from core.transcript.segments import Segment, Transcript

_TIMESTAMP = r"\d{1,3}:\d{1,2}:\d{1,2}[,.]\d{3}"
_TIMING_LINE = re.compile(rf"^\s*({_TIMESTAMP})\s*-->\s*({_TIMESTAMP})(?:\s.*)?$")
_LOOSE_TIMING = re.compile(r"-->|\d+:\d+:\d+")
_CUE_NUMBER = re.compile(r"^\s*(\d{1,9})\s*$")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with what is needed to write it back the same way."""

    text: str
    newline: str
    bom: bool


def decode(data: bytes, *, source: str = "<input>") -> Decoded:
    """Decode SRT bytes: UTF-8 with or without BOM, or UTF-16 with a BOM."""
    bom = False
    if data.startswith(codecs.BOM_UTF8):
        encoding, data, bom = "utf-8", data[len(codecs.BOM_UTF8) :], True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, bom = "utf-16", True
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TranscriptError(
            f"not {encoding.upper()} text (byte {error.start}); save the file as UTF-8",
            source=source,
            line=line,
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise TranscriptError(
            "binary data (NUL byte); is this an SRT file?", source=source, line=line
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    return Decoded(text=text, newline=newline, bom=bom)


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield (1-based first line number, lines) for each run of non-blank lines."""
    start: int | None = None
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if start is None:
                start = number
        elif start is not None:
            yield start, lines[start - 1 : number - 1]
            start = None
    if start is not None:
        yield start, lines[start - 1 :]


MAX_CUE_CHARS = 200_000
"""A cue longer than this is not a subtitle; refusing it bounds time and memory per cue."""


def parse(text: str, *, source: str = "<input>") -> Transcript:
    """Parse SRT text into a transcript; raise TranscriptError naming the line on bad input."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    segments: list[Segment] = []
    for first_line, block in _blocks(lines):
        segments.append(_parse_cue(block, first_line, len(segments) + 1, source))
    if not segments:
        raise TranscriptError("no subtitle cues found; is this an SRT file?", source=source, line=1)
    return Transcript(tuple(segments), source)


def _parse_cue(block: list[str], first_line: int, position: int, source: str) -> Segment:
    number_match = _CUE_NUMBER.match(block[0])
    if number_match is None:
        if _TIMING_LINE.match(block[0]):
            what = "cue has a timing line but no cue number before it"
        else:
            what = f"expected a cue number, found {_excerpt(block[0])}"
        raise TranscriptError(what, source=source, line=first_line)
    if len(block) < 2:
        raise TranscriptError("cue number without a timing line", source=source, line=first_line)
    timing = block[1].strip()
    if not _TIMING_LINE.match(timing):
        hint = (
            "malformed timing line; expected HH:MM:SS,mmm --> HH:MM:SS,mmm"
            if _LOOSE_TIMING.search(timing)
            else f"expected a timing line, found {_excerpt(timing)}"
        )
        raise TranscriptError(hint, source=source, line=first_line + 1)
    try:
        start_ms, end_ms = _read_timing(timing)
    except (pysrt.Error, ValueError) as error:
        raise TranscriptError(f"unreadable cue ({error})", source=source, line=first_line) from None
    text = "\n".join(line.rstrip() for line in block[2:])
    if len(text) > MAX_CUE_CHARS:
        raise TranscriptError(
            f"cue text has {len(text):,} characters; a subtitle cue may have at most "
            f"{MAX_CUE_CHARS:,} (is this a transcript without cue breaks?)",
            source=source,
            line=first_line + 2,
        )
    return Segment(
        position=position,
        number=int(number_match.group(1)),
        timing=timing,
        start_ms=start_ms,
        end_ms=end_ms,
        text=text,
    )


def _read_timing(timing: str) -> tuple[int, int]:
    """Start and end in ms, read by pysrt as SubRipItem.from_lines would (its two timestamp
    steps alone: the cue number and text are ours already, and a whole item costs twice)."""
    start, end, _ = pysrt.SubRipItem.split_timestamps(timing)
    return pysrt.SubRipTime.from_string(start).ordinal, pysrt.SubRipTime.from_string(end).ordinal


def _excerpt(line: str, width: int = 40) -> str:
    shown = line.strip()
    return repr(shown if len(shown) <= width else shown[:width] + "…")


def compose(transcript: Transcript, *, newline: str = "\n") -> str:
    """Write a transcript back as SRT, keeping cue numbers and timing lines verbatim."""
    parts = []
    for segment in transcript.segments:
        lines = [str(segment.number), segment.timing]
        if segment.text:
            lines.extend(segment.text.split("\n"))
        parts.append(newline.join(lines))
    return (newline + newline).join(parts) + newline


def encode(text: str, *, bom: bool = False) -> bytes:
    """Encode output as UTF-8 (with a BOM only if the input had one)."""
    return (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
