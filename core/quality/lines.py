"""Where each cue sits in its file: line numbers for quality reports.

`core.transcript.srt.parse` splits the text into runs of non-blank lines and makes one
segment of each; `cue_lines` scans the same way, so its n-th number is the first line of
the n-th segment. The cue's timing line follows it, then its text lines, one file line each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.transcript.segments import Transcript


@dataclass(frozen=True, slots=True)
class CueLines:
    """The first file line (the cue number) of each segment, in order."""

    first: Sequence[int]

    def number_line(self, position: int) -> int:
        return self.first[position - 1]

    def timing_line(self, position: int) -> int:
        return self.first[position - 1] + 1

    def text_line(self, position: int, index: int = 0) -> int:
        """The file line of text line `index` (0-based) of the cue."""
        return self.first[position - 1] + 2 + index


def cue_lines(text: str) -> CueLines:
    """Scan decoded SRT text as `core.transcript.srt.parse` does and note where each cue starts."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first: list[int] = []
    in_block = False
    for number, line in enumerate(lines, start=1):
        blank = not line.strip()
        if not blank and not in_block:
            first.append(number)
        in_block = not blank
    return CueLines(tuple(first))


def composed_lines(transcript: Transcript) -> CueLines:
    """The lines each cue would have in the file `core.transcript.srt.compose` writes for it."""
    first: list[int] = []
    line = 1
    for segment in transcript.segments:
        first.append(line)
        text_lines = segment.text.count("\n") + 1 if segment.text else 0
        line += 2 + text_lines + 1
    return CueLines(tuple(first))
