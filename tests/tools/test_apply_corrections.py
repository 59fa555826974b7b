"""Issue 20 over MCP: process_transcript reports uncertain spans (paged), apply_corrections
takes an agent's decisions back, all or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.transcript import formats
from tests.support.mcp import MODES, Connect, error_text, structured
from tests.support.paths import REVIEW_LECTURE

RAW = REVIEW_LECTURE.read_text(encoding="utf-8")
CHOICES = {"sonyasi": "sannyāsī", "prampagar": "paramparā", "Demki": "Devakī"}


def decisions(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**{k: i[k] for k in ("segment", "span", "text")}, "replace": CHOICES[i["text"]]}
        for i in items
        if i["text"] in CHOICES
    ]


@pytest.mark.parametrize("mode", MODES)
async def test_an_agent_decides_the_uncertain_spans_and_applies_them(
    connect: Connect, root: Path, mode: str
) -> None:
    (root / "talk.srt").write_text(RAW, encoding="utf-8")
    async with connect(root, mode) as client:
        processed = structured(
            await client.call_tool(
                "process_transcript", {"path": "talk.srt", "output_path": "talk.fixed.srt"}
            )
        )
        items = processed["uncertain"]
        assert processed["uncertain_total"] == len(items) >= 3
        assert processed["uncertain_next_cursor"] is None
        result = await client.call_tool(
            "apply_corrections",
            {
                "path": "talk.fixed.srt",
                "decisions": decisions(items),
                "output_path": "talk.final.srt",
            },
        )
    applied = structured(result)
    assert applied["decisions"] == 3
    assert [c["after"] for c in applied["changes"]] == ["sannyāsī", "paramparā", "Devakī"]
    assert "3 decisions applied" in error_text(result)
    final = formats.parse((root / "talk.final.srt").read_text(encoding="utf-8")).transcript
    fixed = formats.parse((root / "talk.fixed.srt").read_text(encoding="utf-8")).transcript
    assert [s.timing for s in final.segments] == [s.timing for s in fixed.segments]
    assert final.texts[1].startswith("the sannyāsī gives up")
    assert sum(a != b for a, b in zip(final.texts, fixed.texts, strict=True)) == 3


async def test_uncertain_spans_are_paged_like_corrections(connect: Connect, root: Path) -> None:
    async with connect(root, "auto") as client:
        first = structured(await client.call_tool("process_transcript", {"text": RAW, "limit": 2}))
        assert len(first["uncertain"]) == 2 and first["uncertain_next_cursor"] == 2
        second = structured(
            await client.call_tool(
                "process_transcript", {"text": RAW, "limit": 2, "uncertain_cursor": 2}
            )
        )
    assert second["text"] is None  # a later page carries the list only
    assert first["uncertain_total"] == second["uncertain_total"] == 5
    assert [i["text"] for i in first["uncertain"]] == ["Kaṭha", "sonyasi"]
    assert [i["text"] for i in second["uncertain"]] == ["prampagar", "Demki"]
    assert second["uncertain_next_cursor"] == 4


async def test_a_stale_decision_fails_the_call_and_writes_nothing(
    connect: Connect, root: Path
) -> None:
    async with connect(root, "auto") as client:
        processed = structured(await client.call_tool("process_transcript", {"text": RAW}))
        chosen = decisions(processed["uncertain"])
        chosen[0]["text"] = "sannyāsī"
        result = await client.call_tool(
            "apply_corrections",
            {"text": processed["text"], "decisions": chosen, "output_path": "final.srt"},
        )
    assert result.is_error
    assert "decision 1" in error_text(result) and "stale" in error_text(result)
    assert "nothing was written" in error_text(result)
    assert not (root / "final.srt").exists()


async def test_inline_text_comes_back_inline(connect: Connect, root: Path) -> None:
    async with connect(root, "auto") as client:
        processed = structured(await client.call_tool("process_transcript", {"text": RAW}))
        applied = structured(
            await client.call_tool(
                "apply_corrections",
                {"text": processed["text"], "decisions": decisions(processed["uncertain"])},
            )
        )
    assert applied["format"] == "srt" and applied["output_path"] is None
    assert "came down by paramparā" in applied["text"]


async def test_the_summaries_count_one_thing_in_the_singular(connect: Connect, root: Path) -> None:
    one_cue = "1\n00:00:01,000 --> 00:00:04,000\num so krishna tells arjun\n"
    async with connect(root, MODES[0]) as client:
        processed = await client.call_tool("process_transcript", {"text": one_cue})
        summary = processed.content[0].text  # type: ignore[union-attr]
        assert summary.startswith("1 segment, 3 corrections in 1 segment, 0 verses recognised")
        (root / "talk.srt").write_text(RAW, encoding="utf-8")
        await client.call_tool("process_transcript", {"path": "talk.srt", "output_path": "o.srt"})
        one = {"segment": 2, "span": [4, 11], "text": "sonyasi", "replace": "sannyāsī"}
        applied = await client.call_tool(
            "apply_corrections", {"path": "o.srt", "decisions": [one], "output_path": "f.srt"}
        )
        text = applied.content[0].text  # type: ignore[union-attr]
        assert text.startswith("1 decision applied: 1 change in 1 segment;")
