"""What the line-based parsers (WebVTT, SBV, plain text) gather as they read a file: the
cues, the lines around them (kept verbatim in a Frame) and where each cue's lines are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.errors import TranscriptError
from core.transcript.cue_lines import CueLines
from core.transcript.document import Document, Layout
from core.transcript.frame import Frame
from core.transcript.segments import Segment, Transcript


@dataclass(frozen=True, slots=True)
class FrameLayout:
    """A file whose cue texts are plain text: written back as its frame with the new texts."""

    frame: Frame

    def write(self, transcript: Transcript) -> str:
        return self.frame.write(transcript.texts)


class CueCollector:
    """Takes a file's lines cue by cue: the lines before a cue's text go to the frame."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._groups: list[tuple[str, ...]] = []
        self._cursor = 0  # lines before this index are in the frame or in a cue's text
        self._segments: list[Segment] = []
        self._where: list[tuple[int, int, int]] = []

    def add(
        self,
        text: str,
        *,
        first: int,
        text_line: int,
        text_lines: int,
        timing: tuple[int, str] = (0, ""),
        times: tuple[int, int] = (0, 0),
    ) -> None:
        """A cue whose block opens at file line `first`, whose text (`text` for the engine)
        is the `text_lines` lines from file line `text_line`; `timing` is its timing line's
        number and text (for plain text: none), `times` its start and end in ms."""
        self._groups.append(tuple(self._lines[self._cursor : text_line - 1]))
        self._cursor = text_line - 1 + text_lines
        position = len(self._segments) + 1
        line, timing_text = timing
        self._segments.append(Segment(position, position, timing_text, *times, text))
        self._where.append((first, line or first, text_line))

    def document(
        self, format: str, source: str, layout: Callable[[Frame], Layout], *, empty: str
    ) -> Document:
        """The document read; TranscriptError (line 1) saying `empty` when it has no cue."""
        if not self._segments:
            raise TranscriptError(empty, source=source, line=1)
        frame = Frame((*self._groups, tuple(self._lines[self._cursor :])))
        first, timing, text = zip(*self._where, strict=True)
        return Document(
            format,
            Transcript(tuple(self._segments), source),
            CueLines(first, timing, text),
            layout(frame),
        )
