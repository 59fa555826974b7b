"""Transcript inputs and outputs shared by the tools: inline text or a path inside the roots,
and the tool errors an agent reads when something is refused."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import anyio.to_thread
from mcp.server.mcpserver.exceptions import ToolError

from core.errors import InputError, OutputError, PathRefusedError, ShrutiError, TranscriptError
from server.runtime.correct import Loaded, Output, Source, load
from server.runtime.roots import AllowedRoots

OVERWRITE_HINT = "pass overwrite=true to replace it"


@contextmanager
def tool_errors() -> Iterator[None]:
    """Turn the engine's errors into tool errors whose message says what to change."""
    try:
        yield
    except TranscriptError as error:
        raise ToolError(f"{error}; pass a valid subtitle file or text") from None
    except (InputError, OutputError, PathRefusedError) as error:
        raise ToolError(str(error)) from None
    except ShrutiError as error:
        raise ToolError(str(error)) from None


def source_of(
    *,
    text: str | None,
    path: str | None,
    roots: AllowedRoots,
    text_arg: str = "srt",
    path_arg: str = "path",
) -> Source:
    """Exactly one of inline text or a file path inside the roots, as a Source."""
    if (text is None) == (path is None):
        raise ToolError(
            f"pass exactly one of {text_arg!r} (subtitle text) or {path_arg!r} (a file path)"
        )
    if text is not None:
        return Source(name=f"<{text_arg}>", text=text)
    assert path is not None
    resolved = resolve(roots, path, what=path_arg)
    return Source(name=str(resolved), path=resolved, confine=roots.confine(what=path_arg, raw=path))


async def load_transcript(source: Source, *, max_bytes: int) -> Loaded:
    """Read and parse a source off the event loop; refusals are tool errors."""
    with tool_errors():
        return await anyio.to_thread.run_sync(lambda: load(source, max_bytes=max_bytes))


def resolve(roots: AllowedRoots, raw: str, *, what: str) -> Path:
    """A path inside the allowed roots, or a ToolError naming the roots."""
    try:
        return roots.resolve(raw, what=what)
    except PathRefusedError as error:
        raise ToolError(str(error)) from None


def output_of(roots: AllowedRoots, raw: str, *, overwrite: bool, what: str) -> Output:
    """Where a tool may write: inside the roots, checked again where it is written."""
    target = resolve(roots, raw, what=what)
    return Output(
        target,
        overwrite=overwrite,
        overwrite_hint=OVERWRITE_HINT,
        confine=roots.confine(what=what, raw=raw),
    )
