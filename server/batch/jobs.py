"""Batch jobs for the MCP server: started in the background, polled by id, resumed after a restart.

A job runs `run_batch` in a thread; its registration (id, folders, width) is kept in a small
SQLite registry in the state dir, and its progress in the output folder's journal, so a
restarted server resumes an unfinished job when asked about it (or at start, through
`resume_unfinished`) and redoes nothing that was finished.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from core.errors import BatchBusyError, ShrutiError, UnknownJobError
from core.settings import Settings
from server.batch.journal import Status
from server.batch.journal_store import JournalStore
from server.batch.report import ReportWriter
from server.batch.runner import (
    BatchHooks,
    BatchPlan,
    FileResult,
    FileStatus,
    Tally,
    check_plan,
    is_busy,
    run_batch,
)
from server.runtime.roots import AllowedRoots
from server.runtime.state_files import open_database

log = logging.getLogger(__name__)

JobState = Literal["running", "finished", "failed", "stopped"]
REGISTRY_NAME = "batch-jobs.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    input_dir TEXT NOT NULL,
    output_dir TEXT NOT NULL,
    jobs INTEGER NOT NULL,
    pattern TEXT NOT NULL,
    state TEXT NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
"""


class BatchHost(Protocol):
    """What the batch tools need from the server's lifespan context."""

    @property
    def batch(self) -> BatchJobs: ...

    @property
    def settings(self) -> Callable[[], Settings]: ...

    def roots(self, settings: Settings) -> AllowedRoots: ...


@dataclass(frozen=True, slots=True)
class JobStatus:
    """A snapshot of one job: counts, a page of per-file results and, once over, the report."""

    job_id: str
    state: JobState
    input_dir: str
    output_dir: str
    total: int | None
    counts: dict[str, int]
    segments_per_s: float
    files: list[dict[str, Any]]
    files_total: int
    report_path: str | None
    summary: dict[str, Any] | None
    error: str | None = None
    note: str | None = None


@dataclass(slots=True)
class _Job:
    job_id: str
    plan: BatchPlan
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    state: JobState = "running"
    total: int | None = None
    tally: Tally = field(default_factory=Tally)
    results: list[FileResult] = field(default_factory=list)
    summary: dict[str, Any] | None = None
    error: str | None = None
    note: str | None = None
    thread: threading.Thread | None = None

    @property
    def report_path(self) -> Path:
        return self.plan.output_dir / f".shruti-batch-{self.job_id}.json"

    def on_total(self, total: int) -> None:
        with self.lock:
            self.total = total
            self.tally.total = total

    def on_result(self, result: FileResult) -> None:
        with self.lock:
            self.tally.add(result)
            self.results.append(result)

    def snapshot(self, *, offset: int, limit: int) -> JobStatus:
        with self.lock:
            page = [result.as_dict() for result in self.results[offset : offset + limit]]
            return JobStatus(
                job_id=self.job_id,
                state=self.state,
                input_dir=str(self.plan.input_dir),
                output_dir=str(self.plan.output_dir),
                total=self.total,
                counts=_counts(self.tally),
                segments_per_s=round(self.tally.segments_per_s(time.monotonic()), 1),
                files=page,
                files_total=len(self.results),
                report_path=str(self.report_path) if self.summary is not None else None,
                summary=self.summary,
                error=self.error,
                note=self.note,
            )


def _counts(tally: Tally) -> dict[str, int]:
    return {
        "done": tally.done,
        "skipped": tally.skipped,
        "failed": tally.failed,
        "finished": tally.finished,
        "segments": tally.segments,
        "changes": tally.changes,
    }


class BatchJobs:
    """The server's batch jobs; built in the lifespan, closed when the server stops."""

    def __init__(self, registry: Path, *, settings: Callable[[], Settings]) -> None:
        self._registry = registry
        self._settings = settings
        self._jobs: dict[str, _Job] = {}
        self._lock = threading.Lock()
        registry.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        connection = open_database(
            self._registry,
            what="batch job registry",
            advice="move it aside; the server then forgets earlier jobs (their outputs and "
            "journals stay, and a batch run again resumes from its journal)",
            timeout_s=30.0,
            isolation_level="DEFERRED",
        )
        with closing(connection) as db, db:
            yield db

    def start(self, plan: BatchPlan) -> JobStatus:
        """Register and start a job; raises BatchUsageError for a batch that cannot run."""
        check_plan(plan)
        with self._lock:
            for job in self._jobs.values():
                if job.state == "running" and job.plan.output_dir == plan.output_dir:
                    raise ValueError(
                        f"job {job.job_id} is already writing to {plan.output_dir}; "
                        "wait for it (batch_status) or choose another output_dir"
                    )
            job_id = secrets.token_hex(6)
            with self._db() as db:
                db.execute(
                    "INSERT INTO jobs (id, input_dir, output_dir, jobs, pattern, state, "
                    "created_at) VALUES (?, ?, ?, ?, ?, 'running', ?)",
                    (
                        job_id,
                        str(plan.input_dir),
                        str(plan.output_dir),
                        plan.jobs,
                        plan.pattern,
                        _now(),
                    ),
                )
            return self._launch(_Job(job_id, plan)).snapshot(offset=0, limit=0)

    def _launch(self, job: _Job) -> _Job:
        self._jobs[job.job_id] = job
        job.thread = threading.Thread(
            target=self._run, args=(job,), name=f"batch-{job.job_id}", daemon=True
        )
        job.thread.start()
        return job

    def _run(self, job: _Job) -> None:
        hooks = BatchHooks(
            on_total=job.on_total, on_result=job.on_result, should_stop=job.stop.is_set
        )
        state: JobState = "finished"
        error: str | None = None
        summary: dict[str, Any] | None = None
        try:
            tally = run_batch(job.plan, self._settings(), job_id=job.job_id, hooks=hooks)
            if job.stop.is_set():
                state = "stopped"
            else:
                summary = self._write_report(job, tally)
        except BatchBusyError as busy:
            # Another server process runs this job (they share the registry): leave it be.
            state, error = "stopped", str(busy)
        except ShrutiError as refused:  # a damaged or linked journal, say: the user's to fix
            log.warning("batch job %s failed: %s", job.job_id, refused)
            state, error = "failed", str(refused)
        except Exception as failure:
            log.exception("batch job %s failed", job.job_id)
            state, error = "failed", f"{type(failure).__name__}: {failure}"
        with job.lock:
            job.state, job.error, job.summary = state, error, summary
        if state == "stopped":
            return  # the registry still says "running": the next server resumes it
        with self._db() as db:
            db.execute(
                "UPDATE jobs SET state = ?, error = ?, finished_at = ? WHERE id = ?",
                (state, error, _now(), job.job_id),
            )

    @staticmethod
    def _write_report(job: _Job, tally: Tally) -> dict[str, Any]:
        summary = tally.summary(time.monotonic())
        with ReportWriter(job.report_path) as writer:
            for result in list(job.results):
                writer.add(result)
            writer.finish(summary)
        return summary

    def status(self, job_id: str, *, offset: int = 0, limit: int = 100) -> JobStatus:
        """This job's snapshot; an unfinished job left by a previous server is resumed."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                job = self._from_registry(job_id)
        return job.snapshot(offset=offset, limit=limit)

    def _from_registry(self, job_id: str) -> _Job:
        with self._db() as db:
            row = db.execute(
                "SELECT input_dir, output_dir, jobs, pattern, state, error FROM jobs WHERE id = ?",
                (job_id,),
            ).fetchone()
        if row is None:
            raise UnknownJobError(job_id)
        input_dir, output_dir, width, pattern, state, error = row
        plan = BatchPlan(Path(input_dir), Path(output_dir), int(width), pattern, skip_symlinks=True)
        job = _Job(job_id, plan)
        if state == "running" and is_busy(plan.output_dir):
            return _elsewhere(job)
        if state == "running":
            log.info("batch job %s resumed", job_id)
            return self._launch(job)
        job.state, job.error = state, error
        if job.report_path.exists():
            report = json.loads(job.report_path.read_text(encoding="utf-8"))
            job.summary = report["summary"]
            job.results = [FileResult.from_dict(record) for record in report["files"]]
            for result in job.results:
                job.tally.add(result)
            job.total = job.tally.total = len(job.results)
        self._jobs[job_id] = job
        return job

    def resume_unfinished(self) -> list[str]:
        """Restart every job the registry says was running when the server last stopped."""
        with self._db() as db:
            rows = db.execute("SELECT id FROM jobs WHERE state = 'running'").fetchall()
        for (job_id,) in rows:
            if job_id not in self._jobs:
                self.status(job_id, limit=0)
        return [job_id for (job_id,) in rows if job_id in self._jobs]

    def close(self, *, timeout: float = 30.0) -> None:
        """Stop submitting new files and wait for in-flight ones; the journal keeps the rest."""
        for job in list(self._jobs.values()):
            job.stop.set()
        for job in list(self._jobs.values()):
            if job.thread is not None:
                job.thread.join(timeout)


def _elsewhere(job: _Job) -> _Job:
    """A job another server process is running: its progress so far, read from the journal."""
    plan = job.plan
    with JournalStore(plan.journal_path) as journal:
        for entry in journal.entries():
            if entry.job_id == job.job_id and entry.status is not Status.RUNNING:
                status: FileStatus = "done" if entry.status is Status.DONE else "failed"
                job.on_result(
                    FileResult(
                        input=str(plan.input_dir / entry.path),
                        output=str(plan.output_dir / entry.path),
                        status=status,
                        segments=entry.segments,
                        changes=entry.changes,
                        elapsed_ms=entry.elapsed_ms,
                        error=entry.error,
                    )
                )
    job.note = "running in another server process; counts are read from its journal"
    return job


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
