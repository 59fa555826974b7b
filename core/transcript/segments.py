"""A transcript: numbered segments whose timing lines are kept exactly as read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    """One subtitle cue.

    `position` is the 1-based position in the file (what reports cite); `number` is the
    cue number written in the file. `timing` is the original timing line, copied verbatim
    so that no stage can ever change a timestamp; `start_ms`/`end_ms` are parsed from it.
    """

    position: int
    number: int
    timing: str
    start_ms: int
    end_ms: int
    text: str

    def with_text(self, text: str) -> Segment:
        if text == self.text:
            return self
        return Segment(self.position, self.number, self.timing, self.start_ms, self.end_ms, text)


@dataclass(frozen=True, slots=True)
class Transcript:
    """A parsed subtitle file."""

    segments: tuple[Segment, ...]
    source: str = "<input>"

    @property
    def texts(self) -> list[str]:
        return [segment.text for segment in self.segments]

    def with_texts(self, texts: list[str]) -> Transcript:
        if len(texts) != len(self.segments):
            raise ValueError("a stage must return one text per segment")
        return Transcript(
            tuple(s.with_text(t) for s, t in zip(self.segments, texts, strict=True)), self.source
        )
