"""Issue 19: tool and prompt arguments refused in plain words, one paging style, short
texts, schema texts that say what the tools do, and every format through the tools."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from mcp.shared.exceptions import MCPError
from mcp.types import TextContent

from core.quality.issues import SEVERITY
from tests.support.mcp import Connect, error_text, structured
from tests.support.paths import LECTURE, VTT_LECTURE

SRT = LECTURE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("tool", "arguments", "fragments"),
    [
        ("process_transcript", {"text": SRT, "output": "out.srt"}, ["'output'", "'output_path'"]),
        ("process_transcript", {"text": SRT, "dryRun": True}, ["'dryRun'", "'dry_run'"]),
        ("lookup_term", {"query": "krishna", "limt": 3}, ["'limt'", "'limit'"]),
    ],
)
async def test_unknown_arguments_are_refused_with_a_guess(
    connect: Connect, root: Path, tool: str, arguments: dict[str, Any], fragments: list[str]
) -> None:
    async with connect(root, "auto") as client:
        result = await client.call_tool(tool, arguments)
        listed = {t.name: t for t in (await client.list_tools()).tools}
    text = error_text(result)
    assert result.is_error and "did you mean" in text
    assert all(fragment in text for fragment in fragments)
    assert not (root / "out.srt").exists()
    assert all(t.input_schema.get("additionalProperties") is False for t in listed.values())


@pytest.mark.parametrize(
    ("tool", "arguments", "expected"),
    [
        ("lookup_term", {"query": "krishna", "limit": 0}, "argument 'limit' cannot be 0"),
        ("lookup_term", {}, "argument 'query' is required"),
        ("update_config", {"changes": {"style.anusvara": "ṁ"}}, "argument 'reason' is required"),
        ("validate_quality", {"text": SRT, "profile": "bbc"}, "'netflix', 'subtitle-edit'"),
        ("process_transcript", {"text": SRT, "dry_run": "perhaps"}, "true or false"),
    ],
)
async def test_argument_errors_are_one_sentence_naming_the_argument(
    connect: Connect, root: Path, tool: str, arguments: dict[str, Any], expected: str
) -> None:
    async with connect(root, "auto") as client:
        result = await client.call_tool(tool, arguments)
    text = error_text(result)
    assert result.is_error and expected in text
    assert "pydantic" not in text and "\n" not in text and "validation error" not in text


async def test_a_prompt_without_a_required_argument_says_which(
    connect: Connect, root: Path
) -> None:
    async with connect(root, "auto") as client:
        prompts = {p.name: p for p in (await client.list_prompts()).prompts}
        with pytest.raises(MCPError) as caught:
            await client.get_prompt("explain_correction", {"before": "krishna"})
    assert "'after' is required" in caught.value.error.message
    assert "Internal" not in caught.value.error.message
    for prompt in prompts.values():
        assert all(argument.description for argument in prompt.arguments or [])


async def test_schema_texts_and_descriptions_say_what_the_tools_do(
    connect: Connect, root: Path
) -> None:
    async with connect(root, "auto") as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    issue = tools["validate_quality"].output_schema["$defs"]["QualityIssue"]["properties"]  # type: ignore[index]
    named = set(re.findall(r"[a-z]+_[a-z_]+", issue["code"]["description"]))
    assert named and named <= set(SEVERITY)
    assert "where the cue starts" not in issue["line"]["description"]
    for tool in tools.values():
        assert not any(line.startswith(" ") for line in (tool.description or "").split("\n"))


async def test_every_list_pages_with_cursor_and_limit_and_old_names_still_work(
    connect: Connect, root: Path
) -> None:
    async with connect(root, "auto") as client:
        first = structured(await client.call_tool("process_transcript", {"text": SRT, "limit": 2}))
        second = structured(
            await client.call_tool("process_transcript", {"text": SRT, "cursor": 2, "limit": 2})
        )
        old = structured(
            await client.call_tool("process_transcript", {"srt": SRT, "corrections_cursor": 2})
        )
        issues = structured(await client.call_tool("validate_quality", {"text": SRT, "limit": 3}))
        more = structured(
            await client.call_tool(
                "validate_quality", {"text": SRT, "cursor": issues["next_cursor"], "limit": 3}
            )
        )
        old_issues = structured(
            await client.call_tool("validate_quality", {"srt": SRT, "max_issues": 3})
        )
    assert len(first["corrections"]) == 2 and first["next_cursor"] == 2
    assert second["corrections"][0] == old["corrections"][0] != first["corrections"][0]
    assert len(issues["issues"]) == 3 and issues["next_cursor"] == 3
    assert more["issues"][0] != issues["issues"][0]
    assert old_issues["issues"] == issues["issues"]
    segments = [c["segment"] for c in structured_all(first, second)]
    assert segments == sorted(segments)


def structured_all(*pages: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for page in pages for c in page["corrections"]]


async def test_corrections_come_in_segment_order(connect: Connect, root: Path) -> None:
    async with connect(root, "auto") as client:
        result = structured(await client.call_tool("process_transcript", {"text": SRT}))
    segments = [c["segment"] for c in result["corrections"]]
    assert segments == sorted(segments)
    assert len({c["stage"] for c in result["corrections"]}) > 1


async def test_validate_quality_reports_progress(connect: Connect, root: Path) -> None:
    seen: list[tuple[float, float | None]] = []

    async def progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, total))

    async with connect(root, "auto") as client:
        await client.call_tool("validate_quality", {"text": SRT}, progress_callback=progress)
    assert seen[0] == (0, 8) and seen[-1] == (8, 8)


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("process_transcript", {"text": SRT}),
        ("validate_quality", {"text": SRT}),
        ("lookup_term", {"query": "krishna"}),
        ("update_config", {"changes": {"style.anusvara": "ṁ"}, "reason": "house style"}),
    ],
)
async def test_the_text_content_is_a_short_summary_not_the_structured_result_again(
    connect: Connect, root: Path, tool: str, arguments: dict[str, Any]
) -> None:
    async with connect(root, "auto") as client:
        result = await client.call_tool(tool, arguments)
    (block,) = result.content
    assert isinstance(block, TextContent) and not result.is_error
    assert not block.text.lstrip().startswith("{") and len(block.text) < 400


async def test_webvtt_goes_through_the_tools_in_and_out(connect: Connect, root: Path) -> None:
    raw = VTT_LECTURE.read_text(encoding="utf-8")
    async with connect(root, "auto") as client:
        processed = structured(await client.call_tool("process_transcript", {"text": raw}))
        checked = structured(
            await client.call_tool("validate_quality", {"text": processed["text"]})
        )
        as_srt = structured(
            await client.call_tool("process_transcript", {"text": raw, "to": "srt", "wrap": 42})
        )
    assert processed["format"] == "vtt" and processed["text"].startswith("WEBVTT - Bhagavad")
    assert "NOTE the sūtra is recited" in processed["text"] and processed["srt"] is None
    assert (
        checked["format"] == "vtt"
        and checked["metrics"]["issues_by_code"].get("unrestored_term", 0) == 0
    )
    assert as_srt["format"] == "srt" and as_srt["text"].startswith("1\n00:00:01,000 --> ")
    assert all(len(line) <= 42 for line in as_srt["text"].split("\n"))
