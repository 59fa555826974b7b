"""What the line-based formats share: runs of non-blank lines, excerpts, the cue size cap."""

from __future__ import annotations

from collections.abc import Iterator

from core.errors import TranscriptError

MAX_CUE_CHARS = 200_000
"""A cue longer than this is not a subtitle; refusing it bounds time and memory per cue."""


def blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield (1-based first line number, lines) for each run of non-blank lines."""
    start: int | None = None
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if start is None:
                start = number
        elif start is not None:
            yield start, lines[start - 1 : number - 1]
            start = None
    if start is not None:
        yield start, lines[start - 1 :]


def excerpt(line: str, width: int = 40) -> str:
    """A line as an error message quotes it: stripped, cut at `width` characters."""
    shown = line.strip()
    return repr(shown if len(shown) <= width else shown[:width] + "…")


def check_length(text: str, *, source: str, line: int, what: str = "cue") -> None:
    """Refuse a cue (or paragraph) too long to correct as one piece, naming its line."""
    if len(text) > MAX_CUE_CHARS:
        raise TranscriptError(
            f"{len(text):,} characters in one {what}; at most {MAX_CUE_CHARS:,} are corrected "
            f"as one piece (is this a transcript without {what} breaks?)",
            source=source,
            line=line,
        )
