"""Plain-text transcripts: each paragraph (a run of non-blank lines) is one segment.

No timings are read or invented; the blank lines between paragraphs are written back as
they were.
"""

from __future__ import annotations

from core.transcript.blocks import blocks, check_length
from core.transcript.collect import CueCollector, FrameLayout
from core.transcript.document import Document
from core.transcript.encoding import split_lines
from core.transcript.segments import Transcript


def parse(text: str, *, source: str = "<input>") -> Document:
    """Parse a plain-text transcript into paragraphs."""
    lines = split_lines(text)
    cues = CueCollector(lines)
    for start, block in blocks(lines):
        paragraph = "\n".join(block)
        check_length(paragraph, source=source, line=start, what="paragraph")
        cues.add(paragraph, first=start, text_line=start, text_lines=len(block))
    return cues.document("txt", source, FrameLayout, empty="the transcript has no text")


def compose(transcript: Transcript) -> str:
    """A subtitle's cue texts as plain text: one line per cue, its lines joined by spaces."""
    return "".join(" ".join(segment.text.split("\n")) + "\n" for segment in transcript.segments)
