"""A parsed transcript file: the cues the engine corrects, and what writes the file back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from core.transcript.cue_lines import CueLines
from core.transcript.segments import Transcript


class Layout(Protocol):
    """What a format kept of a file beyond its cue texts, able to write the file again."""

    def write(self, transcript: Transcript) -> str:
        """The file with the transcript's (corrected) cue texts, lines ended by "\\n"."""
        ...


@dataclass(frozen=True, slots=True)
class Document:
    """`format` is srt, vtt, sbv, json or txt; `layout` writes the file back in its own
    format (None: the format is read, not written); `notes` say what was left out."""

    format: str
    transcript: Transcript
    lines: CueLines
    layout: Layout | None = None
    notes: tuple[str, ...] = ()

    @property
    def timed(self) -> bool:
        """False for plain text: its paragraphs have no timings to check or write."""
        return self.format != "txt"
