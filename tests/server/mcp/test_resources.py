"""Resources, prompts and the configuration tools through the in-process client."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mcp.shared.exceptions import MCPError
from mcp.types import TextContent

from server.runtime.config_store import ConfigStore, default_store_path
from tests.support.mcp import MODES, Connect, read_json, structured

SRT = "".join(f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\num line {i}\n\n" for i in range(1, 6))


@pytest.mark.parametrize("mode", MODES)
async def test_resources_and_templates_are_listed(connect: Connect, root: Path, mode: str) -> None:
    async with connect(root, mode) as client:
        resources = {str(r.uri) for r in (await client.list_resources()).resources}
        templates = {
            t.uri_template for t in (await client.list_resource_templates()).resource_templates
        }
    assert resources >= {"config://current", "config://history", "metrics://server"}
    assert templates >= {"lexicon://{term}", "verse://{verse_id}"}


@pytest.mark.parametrize("mode", MODES)
async def test_update_then_rollback_config_shows_in_current_and_history(
    connect: Connect, root: Path, mode: str
) -> None:
    async with connect(root, mode) as client:
        updated = structured(
            await client.call_tool(
                "update_config", {"changes": {"style.anusvara": "ṁ"}, "reason": "ISO style"}
            )
        )
        current = await read_json(client, "config://current")
        rolled = structured(await client.call_tool("rollback_config", {"reason": "back to IAST"}))
        history = await read_json(client, "config://history")
    assert updated["config"]["style"]["anusvara"] == "ṁ"
    assert current["version"] == updated["version"]
    assert current["config"]["style"]["anusvara"] == "ṁ"
    assert rolled["restored_from"] == updated["version"] - 1
    assert rolled["config"]["style"]["anusvara"] == "ṃ"
    assert [v["reason"] for v in history["versions"]][-2:] == ["ISO style", "back to IAST"]


@pytest.mark.parametrize(
    ("tool", "arguments", "expected"),
    [
        ("update_config", {"changes": {"style.anusvara": "m"}, "reason": "x"}, "style.anusvara"),
        ("update_config", {"changes": {"no.such_key": 1}, "reason": "x"}, "no.such_key"),
        ("rollback_config", {"to_version": 99, "reason": "x"}, "to_version"),
        ("update_config", {"changes": {"paths.allowed_roots": ["/"]}, "reason": "x"}, "operator"),
    ],
)
async def test_invalid_config_changes_are_tool_errors_and_change_nothing(
    connect: Connect, root: Path, tool: str, arguments: dict[str, Any], expected: str
) -> None:
    async with connect(root, "auto") as client:
        before = await read_json(client, "config://current")
        result = await client.call_tool(tool, arguments)
        after = await read_json(client, "config://current")
    text = " ".join(b.text for b in result.content if isinstance(b, TextContent))
    assert result.is_error and expected in text and "nothing was changed" in text
    assert after["version"] == before["version"]


async def test_server_picks_up_a_version_written_by_the_cli_on_its_next_call(
    connect: Connect, root: Path
) -> None:
    async with connect(root, "legacy") as client:
        first = structured(await client.call_tool("process_transcript", {"srt": SRT}))
        subprocess.run(
            [
                str(Path(sys.executable).parent / "shruti"),
                "config",
                "set",
                "limits.corrections_page=2",
                "--reason",
                "smaller pages",
            ],
            check=True,
            env={**os.environ},
            capture_output=True,
        )
        second = structured(await client.call_tool("process_transcript", {"srt": SRT}))
        current = await read_json(client, "config://current")
    assert first["next_cursor"] is None and len(first["corrections"]) == 5
    assert len(second["corrections"]) == 2 and second["next_cursor"] == 2
    assert current["config"]["limits"]["corrections_page"] == 2


async def test_server_picks_up_a_version_written_through_the_store(
    connect: Connect, root: Path
) -> None:
    async with connect(root, "auto") as client:
        await client.call_tool("process_transcript", {"srt": SRT})
        ConfigStore(default_store_path()).update(
            {"limits.corrections_page": 4}, reason="other process", author="test"
        )
        result = structured(await client.call_tool("process_transcript", {"srt": SRT}))
    assert len(result["corrections"]) == 4


@pytest.mark.parametrize("mode", MODES)
async def test_metrics_count_calls_and_errors_by_tool(
    connect: Connect, root: Path, mode: str
) -> None:
    async with connect(root, mode) as client:
        await client.call_tool("lookup_term", {"query": "yoga"})
        await client.call_tool("lookup_term", {"query": "yoga"})
        await client.call_tool("process_transcript", {"path": "/etc/passwd"})
        metrics = await read_json(client, "metrics://server")
    assert metrics["tools"]["lookup_term"]["calls"] == 2
    assert metrics["tools"]["lookup_term"]["errors"] == 0
    assert metrics["tools"]["process_transcript"] == metrics["tools"]["process_transcript"] | {
        "calls": 1,
        "errors": 1,
    }
    assert metrics["tools"]["lookup_term"]["latency_ms"]["max"] >= 0


async def test_unknown_verse_and_term_are_resource_errors(connect: Connect, root: Path) -> None:
    async with connect(root, "auto") as client:
        with pytest.raises(MCPError) as verse:
            await client.read_resource("verse://XX99.99")
        with pytest.raises(MCPError) as term:
            await client.read_resource("lexicon://qqqqzzzz")
    assert "verse" in verse.value.error.message
    assert "lookup_term" in term.value.error.message


@pytest.mark.parametrize("mode", MODES)
async def test_prompts_render_from_their_text_files(
    connect: Connect, root: Path, mode: str
) -> None:
    async with connect(root, mode) as client:
        names = {p.name for p in (await client.list_prompts()).prompts}
        review = await client.get_prompt("review_transcript", {"transcript": "talk.srt"})
        explain = await client.get_prompt(
            "explain_correction", {"before": "krishna", "after": "Kṛṣṇa", "source": "lexicon"}
        )
    assert names == {"review_transcript", "explain_correction"}
    review_text = review.messages[0].content
    explain_text = explain.messages[0].content
    assert isinstance(review_text, TextContent) and isinstance(explain_text, TextContent)
    assert "talk.srt" in review_text.text and "process_transcript" in review_text.text
    assert "Before: krishna" in explain_text.text and "After: Kṛṣṇa" in explain_text.text


@pytest.mark.parametrize("mode", MODES)
async def test_verse_and_lexicon_resources_give_canonical_text(
    connect: Connect, root: Path, mode: str
) -> None:
    async with connect(root, mode) as client:
        verse = await read_json(client, "verse://BG2.47")
        term = await read_json(client, "lexicon://krishna")
    assert verse["id"] == "BG 2.47" and verse["iast"].startswith("karmaṇy evādhikāras te")
    assert term["iast"] == "Kṛṣṇa" and term["devanagari"]
