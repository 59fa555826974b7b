"""SubViewer (SBV, YouTube's caption export) reading and writing.

A cue is a timing line `0:00:01.000,0:00:04.000` and its text lines; cues are separated by
blank lines. Timing lines and blank lines are written back verbatim.
"""

from __future__ import annotations

import re

from core.errors import TranscriptError
from core.transcript.blocks import blocks, check_length, excerpt
from core.transcript.collect import CueCollector, FrameLayout
from core.transcript.document import Document
from core.transcript.encoding import split_lines
from core.transcript.segments import Transcript
from core.transcript.srt import clock

_TIMESTAMP = r"(\d+):([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^\s*{_TIMESTAMP},{_TIMESTAMP}\s*$")


def looks_like(text: str) -> bool:
    """True when the first non-blank line is an SBV timing line."""
    head = next((line for line in split_lines(text[:500]) if line.strip()), "")
    return _TIMING.match(head) is not None


def parse(text: str, *, source: str = "<input>") -> Document:
    """Parse SBV text; raise TranscriptError naming the line on bad input."""
    lines = split_lines(text)
    cues = CueCollector(lines)
    for start, block in blocks(lines):
        found = _TIMING.match(block[0])
        if found is None:
            raise TranscriptError(
                f"expected an SBV timing line (0:00:01.000,0:00:04.000), found {excerpt(block[0])}",
                source=source,
                line=start,
            )
        cue_text = "\n".join(block[1:])
        check_length(cue_text, source=source, line=start + 1)
        values = [int(part) for part in found.groups()]
        start_ms = ((values[0] * 60 + values[1]) * 60 + values[2]) * 1000 + values[3]
        end_ms = ((values[4] * 60 + values[5]) * 60 + values[6]) * 1000 + values[7]
        cues.add(
            cue_text,
            first=start,
            text_line=start + 1,
            text_lines=len(block) - 1,
            timing=(start, block[0]),
            times=(start_ms, end_ms),
        )
    return cues.document("sbv", source, FrameLayout, empty="no cues found; is this an SBV file?")


def compose(transcript: Transcript) -> str:
    """A new SBV file for cues read from another format."""
    parts = []
    for segment in transcript.segments:
        parts.append(timing_line(segment.start_ms, segment.end_ms))
        parts.extend([segment.text, ""] if segment.text else [""])
    return "\n".join(parts)


def timing_line(start_ms: int, end_ms: int) -> str:
    return f"{clock(start_ms, '.', hour_digits=1)},{clock(end_ms, '.', hour_digits=1)}"
