"""Re-wrap cue text to a line width at word boundaries; timings are never touched.

A cue whose lines all fit is left as it is (so re-wrapping twice changes nothing); one with
a longer line gets the fewest lines that fit, balanced so that its longest line is as short
as it can be (a word longer than the width stands on a line of its own).
"""

from __future__ import annotations

import itertools

from core.transcript.markup import visible_text
from core.transcript.segments import Transcript

MAX_BALANCED_WORDS = 200
"""Longer cues are wrapped greedily: balancing costs the square of their words."""


def rewrap(transcript: Transcript, width: int, *, timed: bool = True) -> tuple[Transcript, str]:
    """The transcript with over-long cue lines re-wrapped, and a note saying how many."""
    if not timed:
        return transcript, "plain text is not re-wrapped: its paragraphs have no line width"
    texts = [wrap_text(text, width) for text in transcript.texts]
    changed = sum(new != old for new, old in zip(texts, transcript.texts, strict=True))
    return transcript.with_texts(texts), f"{changed} cues re-wrapped to {width} characters a line"


def wrap_text(text: str, width: int) -> str:
    """One cue's text, re-wrapped if any of its lines is longer than `width`."""
    if all(_length(line) <= width for line in text.split("\n")):
        return text
    words = text.split()
    lines = _greedy(words, width)
    if len(words) <= MAX_BALANCED_WORDS and len(lines) > 1:
        lines = _balanced(words, width, len(lines))
    return "\n".join(" ".join(line) for line in lines)


def _length(words_or_line: str | list[str]) -> int:
    line = words_or_line if isinstance(words_or_line, str) else " ".join(words_or_line)
    return len(visible_text(line).strip())


def _greedy(words: list[str], width: int) -> list[list[str]]:
    lines: list[list[str]] = [[]]
    for word in words:
        if lines[-1] and _length([*lines[-1], word]) > width:
            lines.append([])
        lines[-1].append(word)
    return lines


def _balanced(words: list[str], width: int, count: int) -> list[list[str]]:
    """`count` lines whose longest is as short as possible (ties: the last line longer)."""
    size = len(words)
    best: dict[tuple[int, int], tuple[int, list[int]]] = {}

    def solve(start: int, left: int) -> tuple[int, list[int]]:
        """(longest line, break points) for words[start:] on `left` lines."""
        if left == 1:
            return _length(words[start:]), []
        key = (start, left)
        if key not in best:
            options = []
            for end in range(start + 1, size - left + 2):
                head = _length(words[start:end])
                if head > width and end > start + 1:
                    break
                longest, breaks = solve(end, left - 1)
                options.append((max(head, longest), end, [end, *breaks]))
            choice = min(options)
            best[key] = (choice[0], choice[2])
        return best[key]

    breaks = [0, *solve(0, count)[1], size]
    return [words[a:b] for a, b in itertools.pairwise(breaks) if a < b]


def respaced_span(before: str, after: str, start: int, end: int) -> tuple[int, int]:
    """Where [start, end) of `before` stands in `after`, the same words spaced otherwise
    (re-wrapped): the span's first and last non-space characters are found again."""
    first = _nonspace_index(before, start)
    count = _nonspace_index(before, end)
    positions = [i for i, ch in enumerate(after) if not ch.isspace()]
    if first >= len(positions) or count == 0:
        return len(after), len(after)
    return positions[first], positions[count - 1] + 1


def _nonspace_index(text: str, position: int) -> int:
    """How many non-space characters come before `position`."""
    return sum(1 for ch in text[:position] if not ch.isspace())
