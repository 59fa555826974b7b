"""Batch processing: every SRT under a folder, in a process pool, resumable through a journal.

The parent walks the input folder lazily, keeps at most a few files per worker in flight,
and is the only writer of the journal. A worker reads, corrects and writes one output
atomically, then the parent marks it done; so a kill at any moment leaves finished files
finished, never a torn `.srt`, and never a journal entry for an output that is not there.
"""

from __future__ import annotations

import fcntl
import fnmatch
import logging
import multiprocessing
import os
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from core.errors import BatchBusyError, BatchUsageError, InputError
from core.settings import Settings
from server.batch.journal import (
    JOURNAL_NAME,
    Entry,
    Status,
    content_hash,
    is_finished,
    settings_fingerprint,
)
from server.batch.journal_store import JournalStore
from server.batch.worker import ModelOutcome, Outcome, Task, init_worker, process_file
from server.runtime.files import read_input
from server.runtime.model_mode import ModelMode
from server.runtime.state_files import open_lock

log = logging.getLogger(__name__)

FileStatus = Literal["done", "skipped", "failed"]
IN_FLIGHT_PER_WORKER = 2
LOCK_NAME = ".shruti-journal.lock"
TEMP_SUFFIX = ".part"  # server.runtime.files.write_atomically's temp files
MAX_HASHED_BYTES = 2_000_000_000
MAX_BREAKER_EVENTS = 200
"""Breaker state changes kept for the report (each worker's breaker; oldest first)."""


@dataclass(frozen=True, slots=True)
class FileResult:
    """What became of one input; `as_dict` is its line in the report."""

    input: str
    output: str
    status: FileStatus
    segments: int
    changes: int
    elapsed_ms: float
    error: str | None = None
    model: ModelOutcome | None = None
    note: str | None = None
    """Why a file was skipped, when it was not simply finished already."""

    def as_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "input": self.input,
            "output": self.output,
            "status": self.status,
            "segments": self.segments,
            "changes": self.changes,
        }
        if self.error is not None:
            record["error"] = self.error
        if self.note is not None:
            record["note"] = self.note
        if self.model is not None:
            record["model"] = {
                "backend": self.model.backend,
                "calls": self.model.calls,
                "accepted": self.model.accepted,
                "fallbacks": self.model.fallbacks,
                "fallback_reason": self.model.fallback_reason or None,
                "breaker": self.model.breaker_state,
            }
        record["elapsed_ms"] = round(self.elapsed_ms, 1)
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> FileResult:
        """A result read back from a report file (`as_dict`'s inverse, breaker events aside)."""
        fields = dict(record)
        model = fields.pop("model", None)
        outcome = None
        if isinstance(model, dict):
            outcome = ModelOutcome(
                backend=str(model.get("backend", "")),
                calls=int(model.get("calls", 0)),
                accepted=int(model.get("accepted", 0)),
                fallbacks=int(model.get("fallbacks", 0)),
                fallback_reason=str(model.get("fallback_reason") or ""),
                breaker_state=str(model.get("breaker", "")),
            )
        return cls(**fields, model=outcome)


@dataclass(slots=True)
class Tally:
    """Running counts of a batch; `summary` is the report's summary."""

    total: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    segments: int = 0
    processed_segments: int = 0
    changes: int = 0
    started: float = field(default_factory=time.monotonic)
    failed_files: list[str] = field(default_factory=list)
    model_files: int = 0
    fell_back: Counter[str] = field(default_factory=Counter)
    """Files whose model stage left some segments to the rules, by reason."""
    breaker_events: list[dict[str, str]] = field(default_factory=list)

    @property
    def finished(self) -> int:
        return self.done + self.skipped + self.failed

    def add(self, result: FileResult) -> None:
        if result.status == "done":
            self.done += 1
            self.processed_segments += result.segments
        elif result.status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1
            self.failed_files.append(result.input)
        self.segments += result.segments
        self.changes += result.changes
        if result.model is not None:
            self.model_files += 1
            if result.model.fallback_reason:
                self.fell_back[result.model.fallback_reason] += 1
            if len(self.breaker_events) < MAX_BREAKER_EVENTS:
                self.breaker_events.extend(
                    {"at": at, "from": before, "to": after, "file": result.input}
                    for at, before, after in result.model.breaker_events
                )

    def segments_per_s(self, now: float) -> float:
        elapsed = now - self.started
        return self.processed_segments / elapsed if elapsed > 0 else 0.0

    def summary(self, now: float) -> dict[str, Any]:
        return {
            "files": self.total,
            "done": self.done,
            "skipped": self.skipped,
            "failed": self.failed,
            "segments": self.segments,
            "changes": self.changes,
            "elapsed_s": round(now - self.started, 3),
            "segments_per_s": round(self.segments_per_s(now), 1),
            "failed_files": list(self.failed_files),
            "model": {
                "files": self.model_files,
                "fell_back": dict(self.fell_back),
                "breaker_events": self.breaker_events[:MAX_BREAKER_EVENTS],
            }
            if self.model_files
            else None,
        }


@dataclass(frozen=True, slots=True)
class BatchPlan:
    """Where a batch reads and writes, and how wide it runs."""

    input_dir: Path
    output_dir: Path
    jobs: int
    pattern: str = "*.srt"
    skip_symlinks: bool = False
    """True for agents: a symlink planted in the input folder must not read outside it."""
    model: ModelMode = ModelMode.OFF
    """Whether workers run the model stage after the rules, as `shruti process --model`."""
    overwrite: bool = False
    """Replace outputs the batch did not write, or that changed since it wrote them."""

    @property
    def journal_path(self) -> Path:
        return self.output_dir / JOURNAL_NAME

    def files(self) -> Iterator[str]:
        """The inputs this batch covers, relative to `input_dir`, found lazily."""
        return discover(
            self.input_dir,
            pattern=self.pattern,
            exclude=self.output_dir,
            skip_symlinks=self.skip_symlinks,
        )


def check_plan(plan: BatchPlan) -> None:
    """Refuse a batch that cannot be right, before anything is written."""
    if plan.jobs < 1:
        raise BatchUsageError(f"--jobs must be at least 1, not {plan.jobs}")
    if not plan.input_dir.is_dir():
        raise BatchUsageError(f"{plan.input_dir}: input folder does not exist")
    if plan.output_dir.exists() and not plan.output_dir.is_dir():
        raise BatchUsageError(f"{plan.output_dir}: exists and is not a folder")
    if plan.output_dir.resolve() == plan.input_dir.resolve():
        raise BatchUsageError(
            f"{plan.output_dir}: output folder is the input folder; outputs would overwrite inputs"
        )


def discover(
    input_dir: Path, *, pattern: str, exclude: Path | None = None, skip_symlinks: bool = False
) -> Iterator[str]:
    """Relative POSIX paths of matching files, in a stable order, found lazily.

    Hidden files and folders are skipped, and so is `exclude` (an output folder nested in
    the input folder). A pattern without "/" matches the file name, one with "/" the relative
    path; matching ignores case, so `*.srt` also finds `TALK.SRT`. Symlinked folders are
    never followed; symlinked files are taken unless `skip_symlinks`.
    """
    excluded = exclude.resolve() if exclude is not None else None
    wanted = pattern.lower()
    for folder, dirnames, filenames in os.walk(input_dir):
        here = Path(folder)
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not name.startswith(".") and (here / name).resolve() != excluded
        )
        for name in sorted(filenames):
            relative = (here / name).relative_to(input_dir).as_posix()
            subject = relative if "/" in wanted else name
            if name.startswith(".") or not fnmatch.fnmatchcase(subject.lower(), wanted):
                continue
            if not (skip_symlinks and (here / name).is_symlink()):
                yield relative


def engine_version() -> str:
    """The installed engine's version; part of the settings fingerprint."""
    try:
        return metadata.version("shruti-mcp")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _file_hash(path: Path) -> str | None:
    """The hash of a regular file's bytes; None when there is none (or it is a FIFO, a
    device or a link: never opened, so it cannot hang or lead elsewhere)."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        return content_hash(read_input(path, max_bytes=MAX_HASHED_BYTES))
    except (FileNotFoundError, InputError):
        return None


@dataclass(frozen=True, slots=True)
class BatchHooks:
    """How a caller watches and stops a batch (the CLI's progress bar, an MCP job)."""

    on_total: Callable[[int], None] = lambda total: None
    on_result: Callable[[FileResult], None] = lambda result: None
    should_stop: Callable[[], bool] = lambda: False


def run_batch(
    plan: BatchPlan,
    settings: Settings,
    *,
    settings_version: int | None = None,
    job_id: str | None = None,
    hooks: BatchHooks | None = None,
) -> Tally:
    """Process every matching file under `plan.input_dir`; return the final counts.

    Results are handed to `hooks.on_result` as they arrive, so callers keep only what they
    need. A corrupt file is a failed result and the batch goes on.
    """
    check_plan(plan)
    hooks = hooks or BatchHooks()
    plan.output_dir.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    tally.total = sum(1 for _ in plan.files())
    hooks.on_total(tally.total)
    fingerprint = settings_fingerprint(
        settings, engine_version=engine_version(), model_mode=plan.model.value
    )

    def emit(result: FileResult) -> None:
        tally.add(result)
        hooks.on_result(result)

    output_root = Path(os.path.realpath(plan.output_dir))
    with (
        _exclusive(plan.output_dir),
        JournalStore(plan.journal_path) as journal,
        _pool(plan.jobs) as pool,
    ):
        _remove_stale_temps(plan.output_dir, plan.pattern)
        in_flight: dict[Future[Outcome], str] = {}

        def settle(futures: set[Future[Outcome]]) -> None:
            for future in futures:
                relative = in_flight.pop(future)
                emit(
                    _settle(plan, journal, future, relative, fingerprint, settings_version, job_id)
                )

        for relative in plan.files():
            if hooks.should_stop():
                break
            source, target = plan.input_dir / relative, plan.output_dir / relative
            entry = journal.get(relative)
            journaled = entry if entry is not None and entry.status is Status.DONE else None
            if journaled is not None and _still_finished(journaled, source, target, fingerprint):
                emit(_skipped(plan, journaled))
                continue
            if not plan.overwrite:
                kept = _not_ours(entry, target)
                if kept is not None:
                    emit(_kept(plan, relative, kept))
                    continue
            if journaled is not None:
                journal.retract(relative)
            else:
                journal.claim(relative)
            while len(in_flight) >= plan.jobs * IN_FLIGHT_PER_WORKER:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                settle(done)
            task = Task(relative, source, target, settings, plan.model, output_root)
            in_flight[pool.submit(process_file, task)] = relative
        while in_flight:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            settle(done)
    return tally


@contextmanager
def _exclusive(output_dir: Path) -> Iterator[None]:
    """One batch per output folder at a time; the OS drops the lock if the batch is killed."""
    fd = open_lock(output_dir / LOCK_NAME, what="batch lock file")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchBusyError(
                f"{output_dir}: another batch is writing to this folder; wait for it to end"
            ) from None
        yield
    finally:
        os.close(fd)


def is_busy(output_dir: Path) -> bool:
    """True while a batch holds `output_dir`'s lock (a server asks before resuming a job)."""
    lock = output_dir / LOCK_NAME
    if not lock.exists():
        return False
    fd = open_lock(lock, what="batch lock file")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    return False


def _remove_stale_temps(output_dir: Path, pattern: str) -> None:
    """Delete temp files a killed batch left behind: `.NAME.XXXXXXXX.part` for an output NAME.

    Only temps of files this batch writes (NAME matching its pattern) are touched, so a
    report being written into the same folder is left alone.
    """
    wanted = pattern.lower().rsplit("/", 1)[-1]
    for folder, _, filenames in os.walk(output_dir):
        for name in filenames:
            if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
                continue
            output_name = name[1 : -len(TEMP_SUFFIX)].rsplit(".", 1)[0]
            if fnmatch.fnmatchcase(output_name.lower(), wanted):
                (Path(folder) / name).unlink(missing_ok=True)


def _pool(jobs: int) -> ProcessPoolExecutor:
    # forkserver: safe to start from a threaded process (the MCP server) and cheap per worker:
    # the fork server imports the main script and loads the indexes once, and every worker
    # forks from it with both ready.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", "server.batch.preload"])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=init_worker)


def _not_ours(entry: Entry | None, target: Path) -> str | None:
    """Why an existing output must be left alone: the batch did not write it, or it
    changed since (an editor's fixes); None when the batch may replace it."""
    output_hash = _file_hash(target)
    if output_hash is None:
        return None
    if entry is not None and entry.status is Status.RUNNING:
        return None  # the batch was writing it when it was stopped: its own
    if entry is None or entry.status is not Status.DONE or entry.output_hash is None:
        return "the output exists and was not written by a batch"
    if entry.output_hash != output_hash:
        return "the output changed since the batch wrote it (edited by hand?)"
    return None


def _kept(plan: BatchPlan, relative: str, why: str) -> FileResult:
    return FileResult(
        input=str(plan.input_dir / relative),
        output=str(plan.output_dir / relative),
        status="skipped",
        segments=0,
        changes=0,
        elapsed_ms=0.0,
        note=f"{why}; left as it is (pass --overwrite, or overwrite=true, to replace it)",
    )


def _still_finished(entry: Entry, source: Path, target: Path, fingerprint: str) -> bool:
    if entry.settings_hash != fingerprint:
        return False
    input_hash = _file_hash(source)
    return input_hash is not None and is_finished(
        entry, input_hash=input_hash, settings_hash=fingerprint, output_hash=_file_hash(target)
    )


def _skipped(plan: BatchPlan, entry: Entry) -> FileResult:
    return FileResult(
        input=str(plan.input_dir / entry.path),
        output=str(plan.output_dir / entry.path),
        status="skipped",
        segments=entry.segments,
        changes=entry.changes,
        elapsed_ms=0.0,
    )


def _settle(
    plan: BatchPlan,
    journal: JournalStore,
    future: Future[Outcome],
    relative: str,
    fingerprint: str,
    settings_version: int | None,
    job_id: str | None,
) -> FileResult:
    """Journal one finished task (after its output is on disk) and say what became of it."""
    source, target = str(plan.input_dir / relative), str(plan.output_dir / relative)
    error = future.exception()
    if error is not None:
        # An engine bug on one file must not stop an archive; the message names it.
        log.error("batch: %s crashed the engine: %r", source, error)
        journal.unclaim(relative)
        reason = f"{source}: internal error: {type(error).__name__}: {error}"
        return FileResult(source, target, "failed", 0, 0, 0.0, reason)
    outcome = future.result()
    status = Status.FAILED if outcome.output_hash is None else Status.DONE
    journal.record(
        Entry(
            path=relative,
            status=status,
            input_hash=outcome.input_hash,
            settings_hash=fingerprint,
            settings_version=settings_version,
            output_hash=outcome.output_hash,
            segments=outcome.segments,
            changes=outcome.changes,
            error=outcome.error,
            elapsed_ms=outcome.elapsed_ms,
            job_id=job_id,
        )
    )
    return FileResult(
        input=source,
        output=target,
        status="failed" if status is Status.FAILED else "done",
        segments=outcome.segments,
        changes=outcome.changes,
        elapsed_ms=outcome.elapsed_ms,
        error=outcome.error,
        model=outcome.model,
    )
