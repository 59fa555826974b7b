"""SubViewer (SBV, YouTube's caption export) reading and writing.

A cue is a timing line `0:00:01.000,0:00:04.000` and its text lines; cues are separated by
blank lines. Timing lines and blank lines are written back verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import TranscriptError
from core.transcript.blocks import blocks, check_length, excerpt
from core.transcript.cue_lines import CueLines
from core.transcript.document import Document
from core.transcript.encoding import split_lines
from core.transcript.frame import Frame, FrameBuilder
from core.transcript.segments import Segment, Transcript
from core.transcript.srt import clock

_TIMESTAMP = r"(\d+):([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^\s*{_TIMESTAMP},{_TIMESTAMP}\s*$")


def looks_like(text: str) -> bool:
    """True when the first non-blank line is an SBV timing line."""
    head = next((line for line in split_lines(text[:500]) if line.strip()), "")
    return _TIMING.match(head) is not None


@dataclass(frozen=True, slots=True)
class SbvLayout:
    """The timing and blank lines around the cue texts."""

    frame: Frame

    def write(self, transcript: Transcript) -> str:
        return self.frame.write(transcript.texts)


def parse(text: str, *, source: str = "<input>") -> Document:
    """Parse SBV text; raise TranscriptError naming the line on bad input."""
    lines = split_lines(text)
    frame = FrameBuilder()
    segments: list[Segment] = []
    first: list[int] = []
    cursor = 0
    for start, block in blocks(lines):
        found = _TIMING.match(block[0])
        if found is None:
            raise TranscriptError(
                f"expected an SBV timing line (0:00:01.000,0:00:04.000), found {excerpt(block[0])}",
                source=source,
                line=start,
            )
        frame.literal(lines[cursor:start])
        frame.cue()
        cursor = start + len(block) - 1
        cue_text = "\n".join(block[1:])
        check_length(cue_text, source=source, line=start + 1)
        values = [int(part) for part in found.groups()]
        start_ms = ((values[0] * 60 + values[1]) * 60 + values[2]) * 1000 + values[3]
        end_ms = ((values[4] * 60 + values[5]) * 60 + values[6]) * 1000 + values[7]
        position = len(segments) + 1
        segments.append(Segment(position, position, block[0], start_ms, end_ms, cue_text))
        first.append(start)
    frame.literal(lines[cursor:])
    if not segments:
        raise TranscriptError("no cues found; is this an SBV file?", source=source, line=1)
    return Document(
        "sbv",
        Transcript(tuple(segments), source),
        CueLines(tuple(first), tuple(first), tuple(n + 1 for n in first)),
        SbvLayout(frame.build()),
    )


def compose(transcript: Transcript) -> str:
    """A new SBV file for cues read from another format."""
    parts = []
    for segment in transcript.segments:
        parts.append(timing_line(segment.start_ms, segment.end_ms))
        parts.extend([segment.text, ""] if segment.text else [""])
    return "\n".join(parts)


def timing_line(start_ms: int, end_ms: int) -> str:
    return f"{clock(start_ms, '.', hour_digits=1)},{clock(end_ms, '.', hour_digits=1)}"
