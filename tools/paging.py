"""One paging style for every list a tool returns, and the old argument names it replaced.

A call takes `cursor` (the `next_cursor` of the page before; 0 or none for the first page)
and `limit` (items per page); the result carries the page, `<items>_total` and
`next_cursor` (null on the last page). Cursors are offsets into the list, stable for the
same input. Older names (`corrections_cursor`, `offset`, `max_issues`) are still accepted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from mcp.server.mcpserver.exceptions import ToolError

T = TypeVar("T")
CURSOR_DESCRIPTION = "next_cursor from the previous page (same input); omit for the first page."


def either(new: str, new_value: T | None, old: str, old_value: T | None) -> T | None:
    """An argument given under its new name or its old one (not both, unless equal)."""
    if new_value is not None and old_value is not None and new_value != old_value:
        raise ToolError(f"pass {new!r} or its old name {old!r}, not both")
    return new_value if new_value is not None else old_value


def page(
    items: Sequence[T],
    cursor: int,
    limit: int,
    *,
    budget_bytes: int | None = None,
    size: Callable[[T], Any] | None = None,
) -> tuple[list[T], int | None]:
    """Up to `limit` items from `cursor` (cut short when their JSON passes `budget_bytes`,
    measured on `size(item)`), and the next cursor (None after the last item)."""
    if cursor > len(items):
        raise ToolError(
            f"cursor {cursor} is past the last item ({len(items)}); pass a next_cursor "
            "returned for the same input"
        )
    chosen: list[T] = []
    used = 0
    for item in items[cursor : cursor + limit]:
        if budget_bytes is not None and size is not None:
            used += len(json.dumps(size(item), ensure_ascii=False))
            if chosen and used > budget_bytes:
                break
        chosen.append(item)
    end = cursor + len(chosen)
    return chosen, (end if end < len(items) else None)
