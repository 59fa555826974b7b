"""Transcript inputs and outputs shared by the tools: inline SRT or a path inside the roots."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread
from mcp.server.mcpserver.exceptions import ToolError

from core.errors import PathRefusedError, TranscriptError
from core.transcript.segments import Transcript
from core.transcript.srt import Decoded, decode, parse
from server.runtime.files import read_transcript
from server.runtime.roots import AllowedRoots


@dataclass(frozen=True, slots=True)
class LoadedTranscript:
    transcript: Transcript
    decoded: Decoded
    path: Path | None


async def load_transcript(
    *,
    srt: str | None,
    path: str | None,
    roots: AllowedRoots,
    max_bytes: int,
    srt_arg: str = "srt",
    path_arg: str = "path",
) -> LoadedTranscript:
    """Read exactly one of inline SRT text or a file path; every refusal is a ToolError."""
    if (srt is None) == (path is None):
        raise ToolError(f"pass exactly one of {srt_arg!r} (SRT text) or {path_arg!r} (a file path)")
    if srt is not None:
        size = len(srt.encode("utf-8"))
        if size > max_bytes:
            raise ToolError(
                f"{srt_arg} is {size:,} bytes, above the {max_bytes:,}-byte input limit "
                "(setting limits.max_input_bytes); pass a smaller transcript"
            )
        try:
            return await anyio.to_thread.run_sync(_parse_inline, srt, f"<{srt_arg}>")
        except TranscriptError as error:
            raise ToolError(f"{error}; pass valid SRT text") from None
    assert path is not None
    resolved = resolve(roots, path, what=path_arg)
    if not resolved.exists():
        raise ToolError(f"{path_arg} {path!r}: no such file ({resolved}); check the path")
    try:
        transcript, decoded = await anyio.to_thread.run_sync(
            lambda: read_transcript(resolved, max_bytes=max_bytes)
        )
    except TranscriptError as error:
        raise ToolError(f"{error}; pass a valid SRT file") from None
    except OSError as error:
        raise ToolError(f"{path_arg} {path!r}: cannot read ({error.strerror or error})") from None
    return LoadedTranscript(transcript, decoded, resolved)


def _parse_inline(srt: str, source: str) -> LoadedTranscript:
    decoded = decode(srt.encode("utf-8"), source=source)
    return LoadedTranscript(parse(decoded.text, source=source), decoded, None)


def resolve(roots: AllowedRoots, raw: str, *, what: str) -> Path:
    """A path inside the allowed roots, or a ToolError naming the roots."""
    try:
        return roots.resolve(raw, what=what)
    except PathRefusedError as error:
        raise ToolError(str(error)) from None


def check_output(
    roots: AllowedRoots, raw: str, *, overwrite: bool, input_path: Path | None
) -> Path:
    """Where to write output: inside the roots, in an existing directory, not clobbering."""
    target = resolve(roots, raw, what="output_path")
    if input_path is not None and target == input_path:
        raise ToolError("output_path is the input file; choose another output_path")
    if target.is_dir():
        raise ToolError(
            f"output_path {raw!r} is a directory; name a file such as lecture.fixed.srt"
        )
    if target.exists() and not overwrite:
        raise ToolError(f"output_path {raw!r} exists; pass overwrite=true to replace it")
    if not target.parent.is_dir():
        raise ToolError(f"output_path {raw!r}: directory {target.parent} does not exist")
    return target
