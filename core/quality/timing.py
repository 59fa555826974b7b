"""Timing checks: durations, gaps, overlaps, order, numbering and reading speed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from core.quality.issues import Issue
from core.quality.layout import visible_text
from core.quality.profiles import Profile
from core.transcript.cue_lines import CueLines
from core.transcript.segments import Segment


def reading_chars(segment: Segment) -> int:
    """Characters a viewer reads, spaces and punctuation included, line breaks not."""
    return len(visible_text(segment.text).replace("\n", "").strip())


def cps(segment: Segment) -> float | None:
    """Characters per second, or None when the cue has no positive duration."""
    duration = segment.end_ms - segment.start_ms
    return reading_chars(segment) * 1000 / duration if duration > 0 else None


def check_timing(segments: Sequence[Segment], lines: CueLines, profile: Profile) -> Iterator[Issue]:
    """Yield the timing issues of every cue, each compared with the cue before it."""
    previous: Segment | None = None
    for segment in segments:
        yield from _numbering(segment, previous, lines)
        yield from _duration(segment, lines, profile)
        if previous is not None:
            yield from _against_previous(segment, previous, lines, profile)
        previous = segment


def _numbering(segment: Segment, previous: Segment | None, lines: CueLines) -> Iterator[Issue]:
    expected = 1 if previous is None else previous.number + 1
    if segment.number != expected:
        yield Issue(
            segment.position,
            lines.number_line(segment.position),
            "bad_numbering",
            f"cue number {segment.number}, expected {expected}",
            f"renumber it {expected}",
        )


def _duration(segment: Segment, lines: CueLines, profile: Profile) -> Iterator[Issue]:
    position, line = segment.position, lines.timing_line(segment.position)
    duration = segment.end_ms - segment.start_ms
    if duration <= 0:
        yield Issue(
            position,
            line,
            "negative_duration",
            f"ends at {_clock(segment.end_ms)}, not after its start {_clock(segment.start_ms)}",
            "fix the end time",
        )
        return
    if duration < profile.min_duration_ms:
        yield Issue(
            position,
            line,
            "too_short",
            f"shown {duration} ms; the {profile.name} minimum is {profile.min_duration_ms} ms",
            "extend the end time or merge with a neighbour",
        )
    if duration > profile.max_duration_ms:
        yield Issue(
            position,
            line,
            "too_long",
            f"shown {duration} ms; the {profile.name} maximum is {profile.max_duration_ms} ms",
            "split the cue",
        )
    speed = cps(segment)
    if speed is not None and speed > profile.max_cps:
        needed_ms = round(reading_chars(segment) * 1000 / profile.max_cps)
        yield Issue(
            position,
            line,
            "reading_speed",
            f"{speed:.1f} characters per second; the {profile.name} limit is {profile.max_cps:g}",
            f"shorten the text or show it for at least {needed_ms} ms",
        )


def _against_previous(
    segment: Segment, previous: Segment, lines: CueLines, profile: Profile
) -> Iterator[Issue]:
    position, line = segment.position, lines.timing_line(segment.position)
    if segment.start_ms < previous.start_ms:
        yield Issue(
            position,
            line,
            "out_of_order",
            f"starts at {_clock(segment.start_ms)}, before cue {previous.position} "
            f"({_clock(previous.start_ms)})",
            "sort the cues by start time",
        )
        return
    gap = segment.start_ms - previous.end_ms
    if gap < 0:
        yield Issue(
            position,
            line,
            "overlap",
            f"starts {-gap} ms before cue {previous.position} ends ({_clock(previous.end_ms)})",
            f"end cue {previous.position} at {_clock(segment.start_ms - profile.min_gap_ms)}",
        )
    elif gap < profile.min_gap_ms:
        yield Issue(
            position,
            line,
            "gap_too_small",
            f"{gap} ms after cue {previous.position}; the {profile.name} minimum gap is "
            f"{profile.min_gap_ms} ms",
            f"end cue {previous.position} at {_clock(segment.start_ms - profile.min_gap_ms)}",
        )


def _clock(ms: int) -> str:
    sign, ms = ("-", -ms) if ms < 0 else ("", ms)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"
