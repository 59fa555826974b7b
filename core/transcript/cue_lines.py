"""Where each cue sits in its file: line numbers for quality reports.

Each parser notes, for every segment, the line that opens its cue (an SRT cue number, a
WebVTT identifier or timing line, the first line of a paragraph), its timing line and its
first text line; the cue's other text lines follow that one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CueLines:
    """The file lines of each segment's opening, timing and first text line, in order."""

    first: Sequence[int]
    timing: Sequence[int]
    text: Sequence[int]

    @classmethod
    def numbered(cls, first: Sequence[int]) -> CueLines:
        """Cues laid out as in SRT: number, timing line, then the text."""
        return cls(tuple(first), tuple(n + 1 for n in first), tuple(n + 2 for n in first))

    def number_line(self, position: int) -> int:
        return self.first[position - 1]

    def timing_line(self, position: int) -> int:
        return self.timing[position - 1]

    def text_line(self, position: int, index: int = 0) -> int:
        """The file line of text line `index` (0-based) of the cue."""
        return self.text[position - 1] + index
