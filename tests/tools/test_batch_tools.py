"""The batch tools from an in-process MCP client, and a job resumed after a server restart."""

from __future__ import annotations

import fcntl
import hashlib
import itertools
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client
from mcp.server import MCPServer
from typer.testing import CliRunner

from server.batch.jobs import REGISTRY_NAME, BatchJobs
from server.batch.journal import JOURNAL_NAME
from server.batch.runner import LOCK_NAME, BatchPlan
from server.cli.main import app
from server.mcp.app import AppContext, build_server
from server.runtime.settings_sources import load_settings
from tests.support.paths import LECTURE

pytestmark = pytest.mark.slow  # spawns processes or servers

FILES = 12


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No configuration store from the developer's machine: packaged defaults everywhere."""
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path / "home"))


def real_server(root: Path) -> MCPServer[AppContext]:
    """The project's server, with its configuration store (and job registry) under root."""
    return build_server(start_dir=root, store_path=root / "home" / "config.sqlite3")


def make_folder(root: Path) -> None:
    text = LECTURE.read_text(encoding="utf-8")
    for index in range(FILES):
        path = root / f"week{index % 2}" / f"talk{index:02}.srt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("krishna", f"krishna {index}"), encoding="utf-8")
    (root / "week0" / "broken.srt").write_text("1\nno timing here\n", encoding="utf-8")


def journal_claims(output: Path) -> dict[str, str]:
    with closing(sqlite3.connect(output / JOURNAL_NAME)) as db:
        rows = db.execute("SELECT path, output_hash FROM files WHERE status = 'done'")
        return dict(rows.fetchall())


async def test_process_batch_returns_at_once_and_status_ends_consistent_with_disk(
    tmp_path: Path,
) -> None:
    make_folder(tmp_path / "lectures")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.srt"
    outside.write_bytes(LECTURE.read_bytes())
    (tmp_path / "lectures" / "leak.srt").symlink_to(outside)
    server = real_server(tmp_path)
    seen: list[tuple[float, float | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, total))

    async with Client(server) as client:
        started = time.monotonic()
        result = await client.call_tool(
            "process_batch", {"input_dir": "lectures", "output_dir": "corrected", "jobs": 2}
        )
        assert time.monotonic() - started < 1.0
        assert not result.is_error, result.content
        assert result.structured_content is not None
        job_id = result.structured_content["job_id"]

        status: dict[str, Any] = {}
        with anyio.fail_after(60):
            while status.get("state") != "finished":
                answer = await client.call_tool(
                    "batch_status", {"job_id": job_id}, progress_callback=on_progress
                )
                assert answer.structured_content is not None
                status = answer.structured_content
                await anyio.sleep(0.05)

    output = tmp_path / "corrected"
    assert status["counts"]["done"] == FILES
    assert status["counts"]["failed"] == 1
    assert status["total"] == FILES + 1
    assert status["report"]["failed_files"] == [str(tmp_path / "lectures" / "week0/broken.srt")]
    assert Path(status["report_path"]).is_file()
    assert seen[-1] == (FILES + 1, FILES + 1)
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(seen))
    records = {Path(record["output"]).name: record for record in status["files"]}
    assert "week0/broken.srt:2:" in records["broken.srt"]["error"]
    claims = journal_claims(output)
    on_disk = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.srt"))
    assert sorted(claims) == on_disk
    assert len(on_disk) == FILES
    assert not (output / "leak.srt").exists()  # a symlink out of the roots is not followed
    for relative, output_hash in claims.items():
        assert hashlib.sha256((output / relative).read_bytes()).hexdigest() == output_hash
    single = tmp_path / "single.srt"
    source = tmp_path / "lectures" / "week1" / "talk03.srt"
    assert CliRunner().invoke(app, ["process", str(source), "-o", str(single)]).exit_code == 0
    assert (output / "week1" / "talk03.srt").read_bytes() == single.read_bytes()


async def test_process_batch_refuses_folders_outside_the_allowed_roots(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    server = real_server(tmp_path / "root")
    async with Client(server) as client:
        result = await client.call_tool(
            "process_batch", {"input_dir": str(tmp_path), "output_dir": "out"}
        )
        unknown = await client.call_tool("batch_status", {"job_id": "nope"})
    assert result.is_error
    assert "outside the allowed roots" in str(result.content)
    assert unknown.is_error
    assert "no batch job 'nope'" in str(unknown.content)


async def test_a_restarted_server_resumes_the_job_the_previous_one_left_unfinished(
    tmp_path: Path,
) -> None:
    make_folder(tmp_path / "lectures")
    arguments = {"input_dir": "lectures", "output_dir": "corrected", "jobs": 1}
    async with Client(real_server(tmp_path)) as client:
        started = await client.call_tool("process_batch", arguments)
        assert started.structured_content is not None
        job_id = started.structured_content["job_id"]
    # The server stopped mid-job (its lifespan stopped the job); a new one takes over.
    status: dict[str, Any] = {}
    async with Client(real_server(tmp_path)) as client:
        with anyio.fail_after(60):
            while status.get("state") != "finished":
                answer = await client.call_tool("batch_status", {"job_id": job_id, "limit": 500})
                assert answer.structured_content is not None, answer.content
                status = answer.structured_content
                await anyio.sleep(0.05)
    assert status["counts"]["done"] + status["counts"]["skipped"] == FILES
    assert status["counts"]["failed"] == 1
    assert len(list((tmp_path / "corrected").rglob("*.srt"))) == FILES


def test_a_job_interrupted_by_a_server_stop_is_resumed_by_the_next_server(
    tmp_path: Path,
) -> None:
    make_folder(tmp_path / "lectures")
    registry = tmp_path / "state" / REGISTRY_NAME
    plan = BatchPlan(tmp_path / "lectures", tmp_path / "corrected", 2)
    first = BatchJobs(registry, settings=load_settings)
    job_id = first.start(plan).job_id
    deadline = time.monotonic() + 60
    while first.status(job_id).counts["done"] < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    first.close()
    stopped = first.status(job_id)
    assert stopped.state == "stopped"
    assert stopped.counts["done"] >= 3

    second = BatchJobs(registry, settings=load_settings)
    assert second.resume_unfinished() == [job_id]
    deadline = time.monotonic() + 60
    while second.status(job_id).state == "running" and time.monotonic() < deadline:
        time.sleep(0.05)
    final = second.status(job_id, limit=500)
    second.close()
    assert final.state == "finished"
    assert final.counts["done"] + final.counts["skipped"] == FILES
    assert final.counts["skipped"] == stopped.counts["done"]
    assert len(list((tmp_path / "corrected").rglob("*.srt"))) == FILES

    third = BatchJobs(registry, settings=load_settings)
    remembered = third.status(job_id, limit=500)
    assert remembered.state == "finished"
    assert remembered.counts == final.counts
    assert remembered.files == final.files


def test_a_job_another_server_process_is_running_is_reported_not_taken_over(
    tmp_path: Path,
) -> None:
    make_folder(tmp_path / "lectures")
    registry = tmp_path / "state" / REGISTRY_NAME
    plan = BatchPlan(tmp_path / "lectures", tmp_path / "corrected", 2)
    first = BatchJobs(registry, settings=load_settings)
    job_id = first.start(plan).job_id
    deadline = time.monotonic() + 60
    while first.status(job_id).counts["done"] < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    first.close()
    done_so_far = first.status(job_id).counts["done"]

    second = BatchJobs(registry, settings=load_settings)
    with (tmp_path / "corrected" / LOCK_NAME).open("a") as held:  # "another process" runs it
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert second.resume_unfinished() == []
        seen = second.status(job_id)
    assert seen.state == "running"
    assert seen.note is not None
    assert "another server process" in seen.note
    assert seen.counts["done"] == done_so_far

    third = BatchJobs(registry, settings=load_settings)  # the lock is free again: resume
    assert third.resume_unfinished() == [job_id]
    while third.status(job_id).state == "running" and time.monotonic() < deadline:
        time.sleep(0.05)
    final = third.status(job_id)
    third.close()
    assert final.state == "finished"
    assert final.counts["done"] + final.counts["skipped"] == FILES
