"""Layout checks: line length, line count, empty cues and stray markup."""

from __future__ import annotations

from collections.abc import Iterator

from core.quality.issues import Issue
from core.quality.profiles import Profile
from core.transcript.cue_lines import CueLines
from core.transcript.markup import OVERRIDE as _OVERRIDE
from core.transcript.markup import TAG as _TAG
from core.transcript.markup import visible_text
from core.transcript.segments import Segment

__all__ = ["check_layout", "visible_text"]

_STYLE_TAGS = frozenset({"i", "b", "u"})


def check_layout(segment: Segment, lines: CueLines, profile: Profile) -> Iterator[Issue]:
    """Yield the layout issues of one cue."""
    position = segment.position
    if not visible_text(segment.text).strip():
        yield Issue(
            position,
            lines.number_line(position),
            "empty_text",
            "the cue has no text",
            "delete the cue or add its text",
        )
        return
    text_lines = segment.text.split("\n")
    for index, line in enumerate(text_lines):
        length = len(visible_text(line).strip())
        if length > profile.max_line_chars:
            yield Issue(
                position,
                lines.text_line(position, index),
                "line_too_long",
                f"{length} characters; the {profile.name} limit is {profile.max_line_chars}",
                "break the line or split the cue",
            )
    if len(text_lines) > profile.max_lines:
        yield Issue(
            position,
            lines.text_line(position, profile.max_lines),
            "too_many_lines",
            f"{len(text_lines)} lines; the {profile.name} limit is {profile.max_lines}",
            "merge the lines or split the cue",
        )
    yield from _markup(segment, lines)


def _markup(segment: Segment, lines: CueLines) -> Iterator[Issue]:
    """Overrides, tags other than <i>/<b>/<u>, and <i>/<b>/<u> left open or closed twice."""
    position = segment.position
    open_tags: list[tuple[str, int]] = []
    for index, line in enumerate(segment.text.split("\n")):
        file_line = lines.text_line(position, index)
        for override in _OVERRIDE.finditer(line):
            yield Issue(
                position,
                file_line,
                "markup",
                f"positioning/style override {override.group()} is not plain SRT",
                "remove it",
            )
        for tag in _TAG.finditer(line):
            name = tag.group(1).lower()
            closing = tag.group().startswith("</")
            if name not in _STYLE_TAGS:
                yield Issue(position, file_line, "markup", f"tag {tag.group()}", "remove it")
            elif not closing:
                open_tags.append((name, file_line))
            elif open_tags and open_tags[-1][0] == name:
                open_tags.pop()
            else:
                yield Issue(
                    position, file_line, "markup", f"{tag.group()} closes no open tag", "remove it"
                )
    for name, file_line in open_tags:
        yield Issue(position, file_line, "markup", f"<{name}> is never closed", f"add </{name}>")
