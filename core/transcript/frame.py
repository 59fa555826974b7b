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
        """The file with each cue's text (lines joined by "\\n") between the literal lines;
        an empty text takes no line."""
        if len(texts) != len(self.literal) - 1:
            raise ValueError("a frame is written with one text per cue")
        lines = list(self.literal[0])
        for text, after in zip(texts, self.literal[1:], strict=True):
            if text:
                lines.extend(text.split("\n"))
            lines.extend(after)
        return "\n".join(lines)


class FrameBuilder:
    """Collects literal lines and cue texts as a parser meets them."""

    def __init__(self) -> None:
        self._groups: list[tuple[str, ...]] = []
        self._current: list[str] = []

    def literal(self, lines: Sequence[str]) -> None:
        self._current.extend(lines)

    def cue(self) -> None:
        """The cue text comes here: the literal lines so far go before it."""
        self._groups.append(tuple(self._current))
        self._current = []

    def build(self) -> Frame:
        return Frame((*self._groups, tuple(self._current)))
