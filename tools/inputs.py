"""Transcript inputs and outputs shared by the tools: inline text or a path inside the roots,
and the tool errors an agent reads when something is refused."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import unquote, urlsplit

import anyio
import anyio.to_thread
from mcp import MCPDeprecationWarning, MCPError
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from core.errors import PathRefusedError
from server.runtime.correct import Loaded, Output, Source, load
from server.runtime.roots import AllowedRoots
from tools.errors import tool_errors

OVERWRITE_HINT = "pass overwrite=true to replace it"
InputFormat = Literal["srt", "vtt", "sbv", "json", "txt"]
OutputFormat = Literal["srt", "vtt", "sbv", "txt"]
FormatArgument = Annotated[
    InputFormat | None,
    Field(description="The input's format, when it should not be recognised from the content."),
]
"""The `format` argument every tool that reads a transcript takes."""
OverwriteArgument = Annotated[bool, Field(description="Replace output_path if it already exists.")]
"""The `overwrite` argument every tool that writes a transcript takes."""
ROOTS_TIMEOUT_S = 5.0


async def allowed_roots(ctx: Context[Any, Any], operator: AllowedRoots) -> AllowedRoots:
    """The roots a call may use: the operator's, narrowed to the client's MCP roots when the
    client declares them and the connection can ask (a 2025-11-25 session)."""
    client = await client_roots(ctx)
    return operator if client is None else operator.within(client)


async def client_roots(ctx: Context[Any, Any]) -> list[Path] | None:
    """The client's file:// roots, or None when it has none to tell (no capability, or no
    back-channel to ask on: the 2026-07-28 protocol deprecates roots)."""
    capabilities = ctx.client_capabilities
    if capabilities is None or capabilities.roots is None:
        return None
    try:
        with warnings.catch_warnings(), anyio.fail_after(ROOTS_TIMEOUT_S):
            warnings.simplefilter("ignore", MCPDeprecationWarning)
            listed = await ctx.session.list_roots()
    except (MCPError, TimeoutError):
        return None
    return [
        Path(unquote(urlsplit(str(root.uri)).path))
        for root in listed.roots
        if str(root.uri).startswith("file://")
    ]


def source_of(
    *,
    text: str | None,
    path: str | None,
    roots: AllowedRoots,
    text_arg: str = "text",
    path_arg: str = "path",
    format: str | None = None,
) -> Source:
    """Exactly one of inline text or a file path inside the roots, as a Source."""
    if (text is None) == (path is None):
        raise ToolError(
            f"pass exactly one of {text_arg!r} (transcript text) or {path_arg!r} (a file path)"
        )
    if text is not None:
        return Source(name=f"<{text_arg}>", text=text, format=format)
    assert path is not None
    resolved = resolve(roots, path, what=path_arg)
    return Source(
        name=str(resolved),
        path=resolved,
        confine=roots.confine(what=path_arg, raw=path),
        format=format,
    )


def transcript_source(
    *,
    text: str | None,
    srt: str | None,
    path: str | None,
    format: str | None,
    roots: AllowedRoots,
    text_arg: str,
    path_arg: str = "path",
    srt_arg: str = "srt",
) -> Source:
    """The input of a tool that takes `text` (any format), `path`, or the deprecated `srt`
    (SubRip text: `text` with format=srt)."""
    if text is not None and srt is not None:
        raise ToolError(f"pass {text_arg!r} or its old name {srt_arg!r}, not both")
    if srt is not None:
        return source_of(
            text=srt,
            path=path,
            roots=roots,
            text_arg=srt_arg,
            path_arg=path_arg,
            format=format or "srt",
        )
    return source_of(
        text=text, path=path, roots=roots, text_arg=text_arg, path_arg=path_arg, format=format
    )


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
