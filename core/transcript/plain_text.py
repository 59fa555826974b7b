"""Plain-text transcripts: each paragraph (a run of non-blank lines) is one segment.

No timings are read or invented; the blank lines between paragraphs are written back as
they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import TranscriptError
from core.transcript.blocks import blocks, check_length
from core.transcript.cue_lines import CueLines
from core.transcript.document import Document
from core.transcript.encoding import split_lines
from core.transcript.frame import Frame, FrameBuilder
from core.transcript.segments import Segment, Transcript


@dataclass(frozen=True, slots=True)
class TextLayout:
    """The blank lines around the paragraphs."""

    frame: Frame

    def write(self, transcript: Transcript) -> str:
        return self.frame.write(transcript.texts)


def parse(text: str, *, source: str = "<input>") -> Document:
    """Parse a plain-text transcript into paragraphs."""
    lines = split_lines(text)
    frame = FrameBuilder()
    segments: list[Segment] = []
    first: list[int] = []
    cursor = 0
    for start, block in blocks(lines):
        frame.literal(lines[cursor : start - 1])
        frame.cue()
        cursor = start - 1 + len(block)
        paragraph = "\n".join(block)
        check_length(paragraph, source=source, line=start, what="paragraph")
        position = len(segments) + 1
        segments.append(Segment(position, position, "", 0, 0, paragraph))
        first.append(start)
    frame.literal(lines[cursor:])
    if not segments:
        raise TranscriptError("the transcript has no text", source=source, line=1)
    starts = tuple(first)
    return Document(
        "txt",
        Transcript(tuple(segments), source),
        CueLines(starts, starts, starts),
        TextLayout(frame.build()),
    )


def compose(transcript: Transcript) -> str:
    """A subtitle's cue texts as plain text: one line per cue, its lines joined by spaces."""
    return "".join(" ".join(segment.text.split("\n")) + "\n" for segment in transcript.segments)
