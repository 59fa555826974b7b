"""Reading MCP results in tests: structured content, error text, JSON resources."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from mcp import Client
from mcp.types import CallToolResult, TextContent, TextResourceContents

Connect = Callable[[Path, str], AbstractAsyncContextManager[Client]]
"""Open an in-process client (protocol mode "auto" or "legacy") on a server rooted at a path."""

MODES = ["auto", "legacy"]


def structured(result: CallToolResult) -> dict[str, Any]:
    """The structured result of a call that must have succeeded."""
    assert not result.is_error, error_text(result)
    content = result.structured_content
    assert isinstance(content, dict)
    return content


def error_text(result: CallToolResult) -> str:
    """The text blocks of a result, joined (what an agent reads of an error)."""
    return " ".join(block.text for block in result.content if isinstance(block, TextContent))


async def read_json(client: Client, uri: str) -> Any:
    """A resource's JSON body."""
    result = await client.read_resource(uri)
    content = result.contents[0]
    assert isinstance(content, TextResourceContents)
    return json.loads(content.text)
