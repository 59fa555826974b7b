"""The batch tools from an in-process MCP client, and a job resumed after a server restart."""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
from mcp import Client
from mcp.server import MCPServer
from typer.testing import CliRunner

from core.journal import JOURNAL_NAME
from core.settings import Settings, load_settings
from server.batch import BatchPlan
from server.batch_jobs import REGISTRY_NAME, BatchJobs
from server.cli import app
from server.security import AllowedRoots
from tools import batch_status, process_batch

LECTURE = Path(__file__).parents[2] / "examples" / "lecture.srt"
FILES = 12


@dataclass(frozen=True, slots=True)
class Host:
    """The part of the server's lifespan state the batch tools use."""

    batch: BatchJobs
    settings: Callable[[], Settings]
    start_dir: Path

    def roots(self, settings: Settings) -> AllowedRoots:
        return AllowedRoots.from_settings(settings.paths.allowed_roots, start_dir=self.start_dir)


def build_server(root: Path, registry: Path) -> MCPServer[Host]:
    @asynccontextmanager
    async def lifespan(_: MCPServer[Host]) -> AsyncIterator[Host]:
        jobs = BatchJobs(registry, settings=load_settings)
        try:
            yield Host(jobs, load_settings, root)
        finally:
            await anyio.to_thread.run_sync(jobs.close)

    server: MCPServer[Host] = MCPServer("batch-test", lifespan=lifespan)
    server.add_tool(process_batch.process_batch, annotations=process_batch.ANNOTATIONS)
    server.add_tool(batch_status.batch_status, annotations=batch_status.ANNOTATIONS)
    return server


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
    server = build_server(tmp_path, tmp_path / "state" / REGISTRY_NAME)
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
    server = build_server(tmp_path / "root", tmp_path / "state" / REGISTRY_NAME)
    async with Client(server) as client:
        result = await client.call_tool(
            "process_batch", {"input_dir": str(tmp_path), "output_dir": "out"}
        )
        unknown = await client.call_tool("batch_status", {"job_id": "nope"})
    assert result.is_error
    assert "outside the allowed roots" in str(result.content)
    assert unknown.is_error
    assert "no batch job 'nope'" in str(unknown.content)


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
