"""SubRip (SRT) reading and writing.

Our own line scanner finds the cues and reports malformed input as `file:line: what is
wrong` (pysrt's own errors carry no line number); pysrt then reads each cue's timestamps.
The timing line is kept verbatim, so writing a transcript back cannot move a timestamp.
"""

from __future__ import annotations

import re

import pysrt

from core.errors import TranscriptError
from core.transcript.blocks import blocks, check_length, excerpt
from core.transcript.cue_lines import CueLines
from core.transcript.encoding import split_lines
from core.transcript.segments import Segment, Transcript

_TIMESTAMP = r"\d{1,3}:\d{1,2}:\d{1,2}[,.]\d{3}"
_TIMING_LINE = re.compile(rf"^\s*({_TIMESTAMP})\s*-->\s*({_TIMESTAMP})(?:\s.*)?$")
_LOOSE_TIMING = re.compile(r"-->|\d+:\d+:\d+")
_CUE_NUMBER = re.compile(r"^\s*(\d{1,9})\s*$")


def looks_like(text: str) -> bool:
    """True when the first non-blank lines are a cue number and an SRT timing line."""
    head = [line for line in split_lines(text[:2000]) if line.strip()][:2]
    return (
        len(head) == 2
        and _CUE_NUMBER.match(head[0]) is not None
        and _TIMING_LINE.match(head[1]) is not None
    )


def parse(text: str, *, source: str = "<input>") -> Transcript:
    """Parse SRT text into a transcript; raise TranscriptError naming the line on bad input."""
    segments: list[Segment] = []
    for first_line, block in blocks(split_lines(text)):
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
            what = f"expected a cue number, found {excerpt(block[0])}"
        raise TranscriptError(what, source=source, line=first_line)
    if len(block) < 2:
        raise TranscriptError("cue number without a timing line", source=source, line=first_line)
    timing = block[1].strip()
    if not _TIMING_LINE.match(timing):
        hint = (
            "malformed timing line; expected HH:MM:SS,mmm --> HH:MM:SS,mmm"
            if _LOOSE_TIMING.search(timing)
            else f"expected a timing line, found {excerpt(timing)}"
        )
        raise TranscriptError(hint, source=source, line=first_line + 1)
    try:
        start_ms, end_ms = _read_timing(timing)
    except (pysrt.Error, ValueError) as error:
        raise TranscriptError(f"unreadable cue ({error})", source=source, line=first_line) from None
    text = "\n".join(line.rstrip() for line in block[2:])
    check_length(text, source=source, line=first_line + 2)
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


def compose(transcript: Transcript, *, newline: str = "\n") -> str:
    """Write a transcript back as SRT, keeping cue numbers and timing lines verbatim."""
    parts = []
    for segment in transcript.segments:
        lines = [str(segment.number), segment.timing]
        if segment.text:
            lines.extend(segment.text.split("\n"))
        parts.append(newline.join(lines))
    return (newline + newline).join(parts) + newline


def timing_line(start_ms: int, end_ms: int) -> str:
    """An SRT timing line for cues that come from another format."""
    return f"{clock(start_ms, ',')} --> {clock(end_ms, ',')}"


def clock(ms: int, separator: str, *, hour_digits: int = 2) -> str:
    """HH:MM:SS<separator>mmm (SRT uses a comma, WebVTT a full stop)."""
    ms = max(0, ms)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:0{hour_digits}d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def cue_lines(text: str) -> CueLines:
    """Scan decoded SRT text as `parse` does and note where each cue starts."""
    return CueLines.numbered([first for first, _ in blocks(split_lines(text))])


def composed_lines(transcript: Transcript) -> CueLines:
    """The lines each cue would have in the file `compose` writes for it."""
    first: list[int] = []
    line = 1
    for segment in transcript.segments:
        first.append(line)
        text_lines = segment.text.count("\n") + 1 if segment.text else 0
        line += 2 + text_lines + 1
    return CueLines.numbered(first)
