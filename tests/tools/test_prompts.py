"""Prompt templates load from their text files and fill every placeholder."""

from __future__ import annotations

import pytest

from prompts import load_prompt, render_prompt


@pytest.mark.parametrize("name", ["review_transcript", "explain_correction"])
def test_each_prompt_file_loads(name: str) -> None:
    assert len(load_prompt(name)) > 100


def test_render_fills_placeholders_and_refuses_missing_ones() -> None:
    text = render_prompt(
        "explain_correction", segment="3", before="a", after="b", stage="s", source="x"
    )
    assert "Segment: 3" in text and "$" not in text
    with pytest.raises(KeyError):
        render_prompt("explain_correction", segment="3")
