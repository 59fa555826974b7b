"""Which format a transcript is in, and parsing and writing it in any format Śruti knows.

Read: SubRip (srt), WebVTT (vtt), YouTube SBV (sbv), Whisper JSON (json), plain text (txt).
Written: srt, vtt, sbv, txt. The format is recognised from the content (WEBVTT, a cue number
and timing line, an SBV timing line, a JSON object); the file name's extension decides only
when the content does not (so a broken .srt file gets SubRip's line-numbered errors), and
anything else is plain text. A file written in its own format keeps everything it had
(core.transcript.document.Layout); written in another, its cues get timing lines afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePath

from core.errors import UsageError
from core.transcript import plain_text, sbv, srt, vtt, whisper_json
from core.transcript.document import Document
from core.transcript.segments import Transcript

READ = ("srt", "vtt", "sbv", "json", "txt")
WRITTEN = ("srt", "vtt", "sbv", "txt")
NAMES = {
    "srt": "SubRip",
    "vtt": "WebVTT",
    "sbv": "SBV",
    "json": "Whisper JSON",
    "txt": "plain text",
}


class FormatError(UsageError):
    """A format that cannot be read or written as asked; the message says what to do."""


def of_name(name: str | None) -> str | None:
    """The format a file name's extension names (".vtt" → "vtt"), if any."""
    if not name:
        return None
    suffix = PurePath(name).suffix.lower().lstrip(".")
    return suffix if suffix in READ else None


def detect(text: str, *, hint: str | None = None) -> str:
    """The format of a transcript's text; `hint` (from the file name) when the text is not
    recognisably any of them."""
    for name, looks_like in (
        ("vtt", vtt.looks_like),
        ("srt", srt.looks_like),
        ("sbv", sbv.looks_like),
        ("json", whisper_json.looks_like),
    ):
        if looks_like(text):
            return name
    if hint is not None:
        return hint
    return "srt" if "-->" in text else "txt"


def parse(
    text: str, *, source: str = "<input>", format: str | None = None, hint: str | None = None
) -> Document:
    """Parse a transcript in `format` (detected from the text when None)."""
    chosen = format or detect(text, hint=hint)
    if chosen not in READ:
        raise FormatError(f"unknown format {chosen!r}; Śruti reads {', '.join(READ)}")
    if chosen == "srt":
        transcript = srt.parse(text, source=source)
        return Document("srt", transcript, srt.cue_lines(text), _SrtLayout())
    readers: dict[str, Callable[..., Document]] = {
        "vtt": vtt.parse,
        "sbv": sbv.parse,
        "json": whisper_json.parse,
        "txt": plain_text.parse,
    }
    return readers[chosen](text, source=source)


def output_format(read: str, *, to: str | None = None, output_name: str | None = None) -> str:
    """The format to write: `to` if given, else the output file's extension, else the
    input's (SubRip for Whisper JSON); FormatError for what cannot be written."""
    chosen = to or of_name(output_name) or ("srt" if read == "json" else read)
    if chosen not in WRITTEN:
        raise FormatError(
            f"cannot write {NAMES.get(chosen, chosen)}; write {', '.join(WRITTEN)} "
            "(choose with --to, or the output's extension)"
        )
    if read == "txt" and chosen != "txt":
        raise FormatError(
            f"a plain-text transcript has no timings to write as {NAMES[chosen]}; write it as "
            "text (--to txt, or a .txt output)"
        )
    return chosen


def compose(document: Document, transcript: Transcript, *, to: str | None = None) -> str:
    """The corrected transcript as text in `to` (default: the document's own format, SubRip
    for Whisper JSON)."""
    target = to or output_format(document.format)
    if target == document.format and document.layout is not None:
        return document.layout.write(transcript)
    if target == "txt":
        return plain_text.compose(transcript)
    timing = {"srt": srt.timing_line, "vtt": vtt.timing_line, "sbv": sbv.timing_line}[target]
    retimed = Transcript(
        tuple(
            replace(s, number=s.position, timing=timing(s.start_ms, s.end_ms))
            for s in transcript.segments
        ),
        transcript.source,
    )
    writers = {"srt": srt.compose, "vtt": vtt.compose, "sbv": sbv.compose}
    return writers[target](retimed)


class _SrtLayout:
    """SubRip keeps cue numbers and timing lines in the segments themselves."""

    def write(self, transcript: Transcript) -> str:
        return srt.compose(transcript)
