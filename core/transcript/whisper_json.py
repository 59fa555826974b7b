"""Whisper JSON (openai-whisper, faster-whisper, whisper.cpp `-oj`) read as cues.

openai-whisper and faster-whisper write `{"segments": [{"start": s, "end": s, "text": ...,
"words": [...]}]}` (seconds; a bare list of segments is read too); whisper.cpp writes
`{"transcription": [{"offsets": {"from": ms, "to": ms}, "text": ...}]}`. Each segment becomes
a cue with a timing line written afresh; the file is written back as SRT or WebVTT, so
word-level timestamps are dropped, with a note saying how many.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, TypeGuard

from core.errors import TranscriptError
from core.transcript.blocks import check_length
from core.transcript.document import Document
from core.transcript.segments import Segment, Transcript
from core.transcript.srt import composed_lines, timing_line


def looks_like(text: str) -> bool:
    """True when the text opens a JSON object or array."""
    return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


def parse(text: str, *, source: str = "<input>") -> Document:
    """Parse Whisper JSON; raise TranscriptError (with the line for broken JSON)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TranscriptError(
            f"not valid JSON ({error.msg}, column {error.colno})", source=source, line=error.lineno
        ) from None
    except RecursionError:
        raise TranscriptError("JSON nested too deeply", source=source, line=1) from None
    items, unit = _segments(data, source)
    segments: list[Segment] = []
    words = 0
    for index, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise TranscriptError(f"segment {index} is not an object", source=source)
        start_ms, end_ms = _times(item, unit, index, source)
        text_value = item.get("text", "")
        if not isinstance(text_value, str):
            raise TranscriptError(f"segment {index} has no text string", source=source)
        cue_text = text_value.strip()
        check_length(cue_text, source=source, line=1, what="segment")
        words += _word_count(item)
        timing = timing_line(start_ms, end_ms)
        segments.append(Segment(index, index, timing, start_ms, end_ms, cue_text))
    if not segments:
        raise TranscriptError("the Whisper JSON has no segments", source=source, line=1)
    transcript = Transcript(tuple(segments), source)
    notes: tuple[str, ...] = ()
    if words:
        notes = (
            f"word-level timestamps ({words:,} words) were dropped: the output has one "
            "timing per cue, and corrected words no longer match the recognised ones",
        )
    return Document("json", transcript, composed_lines(transcript), None, notes)


def _segments(data: Any, source: str) -> tuple[list[Any], str]:
    """The segment list and its time unit: "s" (whisper, faster-whisper) or "ms" (cpp)."""
    if isinstance(data, list):
        return data, "s"
    if isinstance(data, Mapping):
        if isinstance(data.get("segments"), list):
            return data["segments"], "s"
        if isinstance(data.get("transcription"), list):
            return data["transcription"], "ms"
    raise TranscriptError(
        "not a Whisper transcript: expected a 'segments' list (openai-whisper, "
        "faster-whisper) or a 'transcription' list (whisper.cpp -oj)",
        source=source,
        line=1,
    )


def _times(item: Mapping[str, Any], unit: str, index: int, source: str) -> tuple[int, int]:
    if unit == "ms":
        offsets = item.get("offsets")
        raw = (offsets.get("from"), offsets.get("to")) if isinstance(offsets, Mapping) else ()
    else:
        raw = (item.get("start"), item.get("end"))
    times = [value for value in raw if _is_time(value)]
    if len(times) != 2:
        wanted = "offsets.from/to (ms)" if unit == "ms" else "start and end (seconds)"
        raise TranscriptError(f"segment {index} has no {wanted}", source=source)
    scale = 1 if unit == "ms" else 1000
    return round(times[0] * scale), round(times[1] * scale)


def _is_time(value: object) -> TypeGuard[float]:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value < 10**9
    )


def _word_count(item: Mapping[str, Any]) -> int:
    """Words (openai-whisper, faster-whisper) or tokens (whisper.cpp) with their own times."""
    for key in ("words", "tokens"):
        listed = item.get(key)
        if isinstance(listed, list) and listed and isinstance(listed[0], Mapping):
            return len(listed)
    return 0
