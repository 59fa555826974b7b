"""WebVTT reading and writing, exactly: what is not cue text is written back as it was.

The header and its metadata lines, NOTE, STYLE and REGION blocks, cue identifiers and
timing lines with their cue settings are kept verbatim (core.transcript.frame); cue text is
handed to the engine with its tags and character references set aside
(core.transcript.markup) and written back with them. A malformed file is reported as
`file:line: what is wrong`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import TranscriptError
from core.transcript.blocks import blocks, check_length, excerpt
from core.transcript.collect import CueCollector
from core.transcript.document import Document
from core.transcript.encoding import split_lines
from core.transcript.frame import Frame
from core.transcript.markup import Marked, escape, remark, unmark
from core.transcript.segments import Transcript
from core.transcript.srt import clock

_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_TIMESTAMP = r"(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t]+.*)?$")
_BLOCK_KEYWORD = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")
_STYLE_TAG = re.compile(r"(</?[ibu]>)")


def looks_like(text: str) -> bool:
    """True when the text opens with the WEBVTT signature."""
    return _HEADER.match(text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")) is not None


@dataclass(frozen=True, slots=True)
class VttLayout:
    """The file around the cue texts, and each cue's markup."""

    frame: Frame
    cues: tuple[Marked, ...]

    def write(self, transcript: Transcript) -> str:
        texts = [
            remark(marked, segment.text)
            for marked, segment in zip(self.cues, transcript.segments, strict=True)
        ]
        return self.frame.write(texts)


def parse(text: str, *, source: str = "<input>") -> Document:
    """Parse WebVTT text; raise TranscriptError naming the line on bad input."""
    lines = split_lines(text)
    if not _HEADER.match(lines[0]):
        raise TranscriptError(
            f"a WebVTT file starts with the line WEBVTT, found {excerpt(lines[0])}",
            source=source,
            line=1,
        )
    cues = CueCollector(lines)
    marks: list[Marked] = []
    for start, block in blocks(lines):
        if start == 1 or _BLOCK_KEYWORD.match(block[0]):  # the header, NOTE, STYLE, REGION
            continue
        at = 0 if "-->" in block[0] else 1
        _check_timing(block, at, start, source)
        payload = block[at + 1 :]
        raw = "\n".join(payload)
        check_length(raw, source=source, line=start + at + 1)
        marked = unmark(raw)
        marks.append(marked)
        cues.add(
            marked.plain,
            first=start,
            text_line=start + at + 1,
            text_lines=len(payload),
            timing=(start + at, block[at]),
            times=_read_timing(block[at]),
        )
    return cues.document(
        "vtt",
        source,
        lambda frame: VttLayout(frame, tuple(marks)),
        empty="no cues found after the WEBVTT header",
    )


def _check_timing(block: list[str], at: int, start: int, source: str) -> None:
    if at == 1 and (len(block) < 2 or "-->" not in block[1]):
        found = f"found {excerpt(block[1])}" if len(block) > 1 else "found none"
        raise TranscriptError(
            f"expected a cue timing line (00:00:01.000 --> 00:00:04.000) after the cue "
            f"identifier {excerpt(block[0])}, {found}",
            source=source,
            line=start + 1,
        )
    if not _TIMING.match(block[at]):
        raise TranscriptError(
            "malformed timing line; expected HH:MM:SS.mmm --> HH:MM:SS.mmm (hours optional), "
            "then any cue settings",
            source=source,
            line=start + at,
        )


def _read_timing(line: str) -> tuple[int, int]:
    found = _TIMING.match(line)
    assert found is not None  # checked by _check_timing
    values = [int(part) if part else 0 for part in found.groups()]
    start = ((values[0] * 60 + values[1]) * 60 + values[2]) * 1000 + values[3]
    end = ((values[4] * 60 + values[5]) * 60 + values[6]) * 1000 + values[7]
    return start, end


def compose(transcript: Transcript) -> str:
    """A new WebVTT file for cues read from another format (timings written afresh)."""
    parts = ["WEBVTT", ""]
    for segment in transcript.segments:
        parts.append(timing_line(segment.start_ms, segment.end_ms))
        parts.extend([_cue_text(segment.text), ""] if segment.text else [""])
    return "\n".join(parts)


def _cue_text(text: str) -> str:
    """Text from another format as WebVTT cue text: <i>, <b> and <u> (SubRip's too) stay
    tags, any other &, < and > are written as references."""
    return "".join(
        piece if _STYLE_TAG.fullmatch(piece) else escape(piece) for piece in _STYLE_TAG.split(text)
    )


def timing_line(start_ms: int, end_ms: int) -> str:
    return f"{clock(start_ms, '.')} --> {clock(end_ms, '.')}"
