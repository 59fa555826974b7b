"""One paging style for every list: cursor and limit in, a page and next_cursor out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mcp.server.mcpserver.exceptions import ToolError

from core.transcript.edits import Correction
from tools.paging import either, page
from tools.process_transcript import PAGE_BUDGET_BYTES


def correction(segment: int, text: str = "x") -> Correction:
    return Correction(segment, 0, 1, text, text.upper(), "terms", "lexicon", 0.9)


@given(st.integers(0, 60), st.integers(1, 25))
def test_pages_cover_every_item_once_in_order(total: int, size: int) -> None:
    items = list(range(total))
    seen: list[int] = []
    cursor: int | None = 0
    while cursor is not None:
        chosen, cursor = page(items, cursor, size)
        assert len(chosen) <= size
        seen.extend(chosen)
    assert seen == items


def test_a_page_stops_at_the_byte_budget() -> None:
    corrections = [correction(i, "w" * 1000) for i in range(100)]
    chosen, cursor = page(
        corrections, 0, 100, budget_bytes=PAGE_BUDGET_BYTES, size=Correction.as_dict
    )
    assert 0 < len(chosen) < 100 and cursor == len(chosen)


def test_a_cursor_past_the_end_is_a_tool_error() -> None:
    with pytest.raises(ToolError, match="next_cursor"):
        page([correction(1)], 5, 10)


def test_an_old_argument_name_counts_and_may_not_contradict_the_new_one() -> None:
    assert either("cursor", None, "corrections_cursor", 3) == 3
    assert either("cursor", 3, "corrections_cursor", 3) == 3
    with pytest.raises(ToolError, match="not both"):
        either("cursor", 2, "corrections_cursor", 3)
