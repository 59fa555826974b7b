"""A file's lines around its cue texts, kept verbatim, so it is written back exactly.

WebVTT headers and NOTE/STYLE/REGION blocks, cue identifiers, timing lines with their
settings, SBV timing lines, the blank lines between paragraphs: everything a parser did
not hand to the engine as cue text is a literal line here, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Frame:
    """`literal[k]` are the lines before cue k's text (the last entry: after the last cue)."""

    literal: tuple[tuple[str, ...], ...]

    def write(self, texts: Sequence[str]) -> str:
        """The file with each cue's text (lines joined by "\\n") between the literal lines.
        A blank line would end the cue early, so a text's blank lines (an empty text's
        too) take no line."""
        if len(texts) != len(self.literal) - 1:
            raise ValueError("a frame is written with one text per cue")
        lines = list(self.literal[0])
        for text, after in zip(texts, self.literal[1:], strict=True):
            lines.extend(line for line in text.split("\n") if line.strip())
            lines.extend(after)
        return "\n".join(lines)
