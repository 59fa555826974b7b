"""One code path corrects a file: the CLI, the MCP tool and the batch worker all go through
server.runtime.correct, the only module of the front ends that runs the engine."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from mcp import Client
from typer.testing import CliRunner

from core import engine
from core.engine import Resources
from server.batch.worker import Task, process_file
from server.cli.main import app
from server.mcp.app import build_server
from server.runtime import correct as correct_module
from server.runtime.settings_sources import load_settings
from tests.support.mcp import structured
from tests.support.paths import LECTURE, REPO


@pytest.fixture
def engine_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every run of the engine made through the use case, by the transcript it corrected."""
    runs: list[str] = []
    real = engine.process

    def counted(transcript: Any, *args: Any, **kwargs: Any) -> Any:
        runs.append(transcript.source)
        return real(transcript, *args, **kwargs)

    monkeypatch.setattr(correct_module, "process", counted)
    return runs


def test_the_cli_corrects_through_the_use_case(engine_runs: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["process", str(LECTURE), "-o", str(tmp_path / "out.srt")])
    assert result.exit_code == 0, result.output
    assert engine_runs == [str(LECTURE)]


async def test_the_tool_corrects_through_the_use_case(
    engine_runs: list[str], indexes: Resources, tmp_path: Path
) -> None:
    async with Client(build_server(start_dir=tmp_path, load=lambda: indexes)) as client:
        text = LECTURE.read_text(encoding="utf-8")
        structured(await client.call_tool("process_transcript", {"srt": text}))
    assert engine_runs == ["<srt>"]


def test_the_batch_worker_corrects_through_the_use_case(
    engine_runs: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "talk.srt"
    task = Task("talk.srt", LECTURE, target, load_settings(), root=tmp_path / "out")
    (tmp_path / "out").mkdir()
    outcome = process_file(task)
    assert outcome.error is None and target.exists()
    assert engine_runs == [str(LECTURE)]


def _calls_of(path: Path, name: str) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "core.engine":
            found += [node.lineno for alias in node.names if alias.name == name]
    return found


@pytest.mark.parametrize("name", ["process", "build_stages"])
def test_no_front_end_module_runs_the_engine_itself(name: str) -> None:
    modules = [
        path
        for folder in ("server", "tools")
        for path in sorted((REPO / folder).rglob("*.py"))
        if _calls_of(path, name)
    ]
    assert [path.relative_to(REPO).as_posix() for path in modules] == (
        ["server/runtime/correct.py"] if name == "process" else []
    )
