"""The engine's errors as tool errors: one message an agent can act on, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from mcp.server.mcpserver.exceptions import ToolError

from core.errors import ShrutiError, TranscriptError


@contextmanager
def tool_errors() -> Iterator[None]:
    """Turn the engine's errors into tool errors whose message says what to change."""
    try:
        yield
    except TranscriptError as error:
        raise ToolError(f"{error}; pass a valid subtitle file or text") from None
    except ShrutiError as error:
        raise ToolError(str(error)) from None
