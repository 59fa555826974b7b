"""The MCP tools through the SDK's in-process client, in both protocol generations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp.types import CreateMessageResult

from core.engine import Resources, build_stages
from core.pipeline import PROGRESS_EVERY
from server.mcp.app import build_server
from server.runtime.loader import load_resources
from server.runtime.settings_sources import load_settings
from tests.support.mcp import MODES, Connect, error_text, structured

SRT = (
    "1\n00:00:01,000 --> 00:00:02,500\num so the the teacher says\n\n"
    "2\n00:00:02,500 --> 00:00:04,000\nuh listen\n"
)


def lecture(segments: int) -> str:
    """A synthetic lecture where every cue has a filler to remove."""
    return "".join(
        f"{i}\n00:{i // 60 % 60:02d}:{i % 60:02d},000 --> 00:{i // 60 % 60:02d}:{i % 60:02d},900\n"
        f"um this is line {i}\n\n"
        for i in range(1, segments + 1)
    )


@pytest.mark.parametrize("mode", MODES)
async def test_server_lists_every_tool_with_annotations_and_output_schema(
    connect: Connect, root: Path, mode: str
) -> None:
    async with connect(root, mode) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    assert set(tools) >= {
        "process_transcript",
        "lookup_term",
        "validate_quality",
        "update_config",
        "rollback_config",
        "process_batch",
        "batch_status",
    }
    for tool in tools.values():
        assert tool.description and tool.output_schema and tool.annotations
    assert tools["lookup_term"].annotations.read_only_hint is True  # type: ignore[union-attr]
    assert tools["rollback_config"].annotations.destructive_hint is True  # type: ignore[union-attr]
    assert set(tools["process_transcript"].input_schema["properties"]) >= {
        "srt",
        "path",
        "output_path",
        "dry_run",
        "overwrite",
        "corrections_cursor",
    }


@pytest.mark.parametrize("mode", MODES)
async def test_process_transcript_returns_corrected_srt_inline_with_timings_kept(
    connect: Connect, root: Path, mode: str
) -> None:
    async with connect(root, mode) as client:
        result = structured(await client.call_tool("process_transcript", {"srt": SRT}))
    assert "um" not in result["srt"].split()
    assert "00:00:01,000 --> 00:00:02,500" in result["srt"]
    assert result["summary"]["segments"] == 2
    assert result["corrections_total"] == len(result["corrections"]) >= 2
    assert result["next_cursor"] is None


@pytest.mark.parametrize("mode", MODES)
async def test_process_transcript_reports_progress(connect: Connect, root: Path, mode: str) -> None:
    seen: list[tuple[float, float | None]] = []

    async def progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, total))

    async with connect(root, mode) as client:
        await client.call_tool(
            "process_transcript", {"srt": lecture(1000)}, progress_callback=progress
        )
    stages = len(build_stages(load_resources(), load_settings()))
    total = stages * 1000
    assert seen[-1] == (total, total)
    assert {t for _, t in seen} == {total}
    values = [done for done, _ in seen]
    assert values == sorted(set(values))  # strictly growing
    # every stage, and every PROGRESS_EVERY segments inside the stages that walk every segment
    assert len(seen) > 2 * stages
    assert {value % 1000 for value in values} >= {0, PROGRESS_EVERY, 2 * PROGRESS_EVERY}


async def test_process_transcript_writes_output_and_refuses_to_overwrite_it(
    connect: Connect, root: Path
) -> None:
    (root / "in.srt").write_text(SRT, encoding="utf-8")
    async with connect(root, "auto") as client:
        first = structured(
            await client.call_tool(
                "process_transcript", {"path": "in.srt", "output_path": "out.srt"}
            )
        )
        again = await client.call_tool(
            "process_transcript", {"path": "in.srt", "output_path": "out.srt"}
        )
        forced = await client.call_tool(
            "process_transcript", {"path": "in.srt", "output_path": "out.srt", "overwrite": True}
        )
    assert first["output_path"] == str(root / "out.srt") and first["srt"] is None
    assert "listen" in (root / "out.srt").read_text(encoding="utf-8")
    assert again.is_error and "overwrite=true" in error_text(again)
    assert not forced.is_error


async def test_dry_run_writes_and_returns_no_srt(connect: Connect, root: Path) -> None:
    async with connect(root, "auto") as client:
        result = structured(
            await client.call_tool(
                "process_transcript", {"srt": SRT, "output_path": "out.srt", "dry_run": True}
            )
        )
    assert result["srt"] is None and result["output_path"] is None
    assert result["corrections_total"] >= 2
    assert not (root / "out.srt").exists()


async def test_corrections_are_paginated_with_a_cursor(
    connect: Connect, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHRUTI_LIMITS__CORRECTIONS_PAGE", "3")  # the operator's limit
    async with connect(root, "auto") as client:
        first = structured(await client.call_tool("process_transcript", {"srt": lecture(10)}))
        pages = [first["corrections"]]
        cursor = first["next_cursor"]
        while cursor is not None:
            page = structured(
                await client.call_tool(
                    "process_transcript", {"srt": lecture(10), "corrections_cursor": cursor}
                )
            )
            assert page["srt"] is None
            pages.append(page["corrections"])
            cursor = page["next_cursor"]
    assert [len(page) for page in pages] == [3, 3, 3, 1]
    assert [c["segment"] for page in pages for c in page] == list(range(1, 11))


async def test_large_output_is_not_inlined_and_the_agent_is_told_to_pass_output_path(
    connect: Connect, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHRUTI_LIMITS__INLINE_OUTPUT_BYTES", "1000")  # the operator's limit
    async with connect(root, "auto") as client:
        result = structured(await client.call_tool("process_transcript", {"srt": lecture(100)}))
    assert result["srt"] is None
    assert "output_path" in result["notice"] and "limits.inline_output_bytes" in result["notice"]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"path": "/etc/passwd"}, "outside the allowed roots"),
        ({"path": "../../x.srt"}, "outside the allowed roots"),
        ({"path": "a\x00b.srt"}, "NUL"),
        ({"srt": "this is not a subtitle file"}, "valid subtitle"),
        ({"srt": SRT, "path": "in.srt"}, "exactly one"),
        ({}, "exactly one"),
        ({"path": "missing.srt"}, "no such file"),
        ({"srt": SRT, "output_path": "/etc/shruti.srt"}, "outside the allowed roots"),
        ({"srt": SRT, "output_path": "nodir/out.srt"}, "does not exist"),
    ],
)
@pytest.mark.parametrize("mode", MODES)
async def test_bad_requests_are_clean_tool_errors_naming_what_to_change(
    connect: Connect, root: Path, mode: str, arguments: dict[str, Any], expected: str
) -> None:
    async with connect(root, mode) as client:
        result = await client.call_tool("process_transcript", arguments)
    assert result.is_error
    assert expected in error_text(result)
    assert "Traceback" not in error_text(result)


async def test_a_symlink_out_of_the_root_is_refused(
    connect: Connect, root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.srt"
    outside.write_text(SRT, encoding="utf-8")
    (root / "link.srt").symlink_to(outside)
    async with connect(root, "auto") as client:
        read = await client.call_tool("process_transcript", {"path": "link.srt"})
        write = await client.call_tool(
            "process_transcript", {"srt": SRT, "output_path": "link.srt", "overwrite": True}
        )
    assert read.is_error and "outside the allowed roots" in error_text(read)
    assert write.is_error and "outside the allowed roots" in error_text(write)
    assert outside.read_text(encoding="utf-8") == SRT


async def test_input_over_the_size_limit_is_refused(
    connect: Connect, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHRUTI_LIMITS__MAX_INPUT_BYTES", "1000")  # the operator's limit
    async with connect(root, "auto") as client:
        (root / "big.srt").write_text(lecture(100), encoding="utf-8")
        inline = await client.call_tool("process_transcript", {"srt": lecture(100)})
        on_disk = await client.call_tool("process_transcript", {"path": "big.srt"})
    assert inline.is_error and "limits.max_input_bytes" in error_text(inline)
    assert on_disk.is_error and "limits.max_input_bytes" in error_text(on_disk)


async def test_cancelled_processing_writes_nothing(connect: Connect, root: Path) -> None:
    async with connect(root, "auto") as client:
        with pytest.raises(MCPError):
            await client.call_tool(
                "process_transcript",
                {"srt": lecture(5_000), "output_path": "out.srt"},
                read_timeout_seconds=0.001,
            )
        after = structured(await client.call_tool("lookup_term", {"query": "yoga"}))
    assert after["query"] == "yoga"
    assert not (root / "out.srt").exists()
    assert [p for p in root.iterdir() if p.name.startswith(".out.srt")] == []


@pytest.mark.parametrize("mode", MODES)
async def test_validate_quality_scores_a_transcript_and_names_issues(
    connect: Connect, root: Path, mode: str
) -> None:
    long_line = "1\n00:00:01,000 --> 00:00:01,200\n" + "word " * 30 + "\n"
    async with connect(root, mode) as client:
        clean = structured(await client.call_tool("validate_quality", {"srt": SRT}))
        bad = structured(await client.call_tool("validate_quality", {"srt": long_line}))
        with_reference = structured(
            await client.call_tool("validate_quality", {"srt": SRT, "reference_srt": SRT})
        )
    assert bad["score"] < clean["score"] <= 100
    assert bad["issues_total"] >= 1 and bad["issues"][0]["segment"] == 1
    assert with_reference["metrics"]


async def test_validate_quality_refuses_a_reference_outside_the_roots(
    connect: Connect, root: Path
) -> None:
    async with connect(root, "auto") as client:
        result = await client.call_tool(
            "validate_quality", {"srt": SRT, "reference_path": "/etc/passwd"}
        )
    assert result.is_error and "reference_path" in error_text(result)


@pytest.mark.parametrize(
    ("query", "iast"),
    [("krishna", "Kṛṣṇa"), ("bagavad geeta", "Bhagavad Gītā"), ("योग", "yoga"), ("yoga", "yoga")],
)
async def test_lookup_term_finds_the_iast_form_from_any_spelling(
    connect: Connect, root: Path, query: str, iast: str
) -> None:
    async with connect(root, "auto") as client:
        result = structured(await client.call_tool("lookup_term", {"query": query}))
    assert result["matches"][0]["iast"] == iast
    assert result["matches"][0]["score"] >= 0.85


@pytest.mark.parametrize("mode", MODES)
async def test_lookup_term_finds_verses_by_id_and_by_fragment(
    connect: Connect, root: Path, mode: str
) -> None:
    async with connect(root, mode) as client:
        by_id = structured(await client.call_tool("lookup_term", {"query": "BG 2.47"}))
        by_words = structured(
            await client.call_tool("lookup_term", {"query": "karmanye vadhikaraste ma phaleshu"})
        )
        too_many = await client.call_tool("lookup_term", {"query": "krishna", "limit": 1000})
    assert by_id["verses"][0]["id"] == "BG 2.47" and by_id["verses"][0]["score"] == 1.0
    assert by_words["verses"][0]["id"] == "BG 2.47"
    assert by_words["verses"][0]["matched"].startswith("karmaṇy")
    assert too_many.is_error


async def test_timeout_cannot_leave_the_tool_unusable(connect: Connect, root: Path) -> None:
    async with connect(root, "auto") as client:
        with anyio.fail_after(10):
            result = structured(await client.call_tool("process_transcript", {"srt": SRT}))
    assert result["summary"]["segments"] == 2


@pytest.mark.slow
async def test_a_batch_job_started_through_the_server_finishes_with_every_file(
    connect: Connect, root: Path
) -> None:
    for name in ("a", "b"):
        (root / "in" / name).parent.mkdir(exist_ok=True)
        (root / "in" / f"{name}.srt").write_text(SRT, encoding="utf-8")
    async with connect(root, "auto") as client:
        started = structured(
            await client.call_tool(
                "process_batch", {"input_dir": "in", "output_dir": "out", "jobs": 1}
            )
        )
        status = {"state": "running"}
        with anyio.fail_after(60):
            while status["state"] == "running":
                status = structured(
                    await client.call_tool("batch_status", {"job_id": started["job_id"]})
                )
                await anyio.sleep(0.05)
    assert status["state"] == "finished"
    assert sorted(p.name for p in (root / "out").glob("*.srt")) == ["a.srt", "b.srt"]


async def never_asked(context: object, params: object) -> CreateMessageResult:
    raise AssertionError("the rules left nothing uncertain, so the model is not asked")


@pytest.mark.parametrize("mode", MODES)
async def test_with_the_sampling_backend_the_result_reports_the_model_stage(
    indexes: Resources, root: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHRUTI_MODEL__BACKEND", "sampling")  # the operator's choice
    server = build_server(start_dir=root, load=lambda: indexes)
    async with Client(server, mode=mode, sampling_callback=never_asked) as client:
        result = structured(await client.call_tool("process_transcript", {"srt": SRT}))
    assert result["summary"]["model"]["backend"] == "sampling"
    assert result["summary"]["model"]["calls"] == 0
    assert "so the teacher says" in result["srt"]
