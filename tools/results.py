"""Tool results: the structured result an agent's client validates, and a short text for
the model to read instead of the same JSON again (which would double what a host sends)."""

from __future__ import annotations

from typing import Any

from mcp.types import CallToolResult, TextContent
from pydantic import BaseModel

MAX_LISTED = 100
"""Items of a summary list (verses found, ...) a result carries; the rest are counted, and
the full report goes to report_path: every result stays far below 512 KiB."""


def tool_result(result: BaseModel, text: str) -> CallToolResult:
    """`result` as structured content, with `text` as the readable part."""
    return CallToolResult(
        content=[TextContent(type="text", text=text)],
        structured_content=result.model_dump(mode="json"),
    )


def capped(items: list[Any], *, limit: int = MAX_LISTED) -> tuple[list[Any], int]:
    """The first `limit` items and how many there were in all."""
    return items[:limit], len(items)
