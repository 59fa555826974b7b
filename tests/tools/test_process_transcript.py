"""Pagination of corrections in process_transcript results."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mcp.server.mcpserver.exceptions import ToolError

from core.transcript.edits import Correction
from tools.process_transcript import PAGE_BUDGET_BYTES, _page


def correction(segment: int, text: str = "x") -> Correction:
    return Correction(segment, 0, 1, text, text.upper(), "terms", "lexicon", 0.9)


@given(st.integers(0, 60), st.integers(1, 25))
def test_pages_cover_every_correction_once_in_order(total: int, size: int) -> None:
    corrections = [correction(i) for i in range(total)]
    seen: list[int] = []
    cursor: int | None = 0
    while cursor is not None:
        page, cursor = _page(corrections, cursor, size)
        assert len(page) <= size
        seen.extend(item.segment for item in page)
    assert seen == list(range(total))


def test_a_page_stops_at_the_byte_budget() -> None:
    corrections = [correction(i, "w" * 1000) for i in range(100)]
    page, cursor = _page(corrections, 0, 100)
    assert 0 < len(page) < 100 and cursor == len(page)
    assert sum(len(item.model_dump_json()) for item in page) <= PAGE_BUDGET_BYTES * 1.5


def test_a_cursor_past_the_end_is_a_tool_error() -> None:
    with pytest.raises(ToolError, match="next_cursor"):
        _page([correction(1)], 5, 10)
