"""One batch worker: a process that loads the indexes once and corrects files one at a time.

Each file is read once (its hash is of exactly the bytes corrected), corrected as
`shruti process` would, and written atomically; the parent journals the outcome.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing.util
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from core.engine import Resources
from core.errors import OutputError, PathRefusedError, ShrutiError
from core.model.stage import ModelReport
from core.settings import Settings
from server.batch.orphans import die_with_parent
from server.runtime.model_mode import ModelMode
from server.runtime.model_runtime import BlockingModelRuntime


@dataclass(frozen=True, slots=True)
class Task:
    """One file to correct: where it is, where its output goes, with which settings."""

    relative: str
    source: Path
    target: Path
    settings: Settings
    model: ModelMode = ModelMode.OFF
    root: Path = Path("/")
    """The output folder's real path: nothing is written outside it."""


@dataclass(frozen=True, slots=True)
class ModelOutcome:
    """What the model stage did for one file, as the batch report counts it."""

    backend: str
    calls: int
    accepted: int
    fallbacks: int
    fallback_reason: str
    breaker_state: str
    breaker_events: tuple[tuple[str, str, str], ...] = ()
    """The worker's breaker's state changes during this file: (at, from, to)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker did with a file; `output_hash` is None when it failed."""

    relative: str
    input_hash: str
    output_hash: str | None
    segments: int
    changes: int
    elapsed_ms: float
    error: str | None = None
    model: ModelOutcome | None = None


@functools.cache
def worker_resources(packs: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> Resources:
    """The indexes with these extra verse packs and without these shipped ones, built once
    per worker process (the pool's initializer warms the packaged ones)."""
    from server.runtime.loader import load_resources
    from server.runtime.state import kept_for_life

    return kept_for_life(
        load_resources(
            extra_verse_dirs=tuple(Path(p).expanduser() for p in packs), disabled_packs=disabled
        )
    )


class _WorkerModel:
    """The model runtime of one worker process: made on its first file that asks for the
    model, kept for every later file (its breaker and connections), closed at exit.

    A worker process is its own world and a pool task cannot carry a live object, so this
    one holder per process is where the runtime lives (see `model_runtime`).
    """

    def __init__(self) -> None:
        self._stack: contextlib.ExitStack | None = None
        self._runtime: BlockingModelRuntime | None = None

    def get(self) -> BlockingModelRuntime:
        if self._runtime is None:
            stack = contextlib.ExitStack()
            self._runtime = stack.enter_context(BlockingModelRuntime.running())
            self._stack = stack
            multiprocessing.util.Finalize(self, stack.close, exitpriority=10)
        return self._runtime


_model = _WorkerModel()


def model_runtime() -> BlockingModelRuntime:
    """This worker's model runtime (one per process, for all its files)."""
    return _model.get()


def init_worker() -> None:
    # Ctrl-C goes to the parent, which stops the batch cleanly; workers just finish or die.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    worker_resources()


def process_file(task: Task) -> Outcome:
    """Correct one file exactly as `shruti process` would and write it atomically."""
    from server.runtime.correct import Output, Source, correct_blocking

    started = time.perf_counter()
    settings = task.settings
    runtime = model_runtime() if task.model is not ModelMode.OFF else None
    breaker_clock = time.monotonic()
    output = Output(
        task.target, overwrite=True, durable=True, confine=functools.partial(_inside, task.root)
    )
    try:
        _make_folder(task.target.parent, task.root)
        corrected = correct_blocking(
            Source(name=str(task.source), path=task.source),
            worker_resources(
                tuple(settings.verses.packs), tuple(sorted(settings.verses.disabled_packs))
            ),
            settings,
            output=output,
            mode=task.model,
            runtime=runtime,
        )
    except ShrutiError as error:
        return Outcome(task.relative, "", None, 0, 0, _ms(started), str(error))
    model = None
    if corrected.model is not None:
        model = _model_outcome(corrected.model, since=breaker_clock)
    return Outcome(
        task.relative,
        corrected.loaded.input_hash,
        corrected.output_hash,
        corrected.result.summary.segments,
        len(corrected.result.corrections),
        _ms(started),
        model=model,
    )


def _inside(root: Path, real: Path) -> None:
    """Refuse a write whose real place is outside the output folder (a symlinked folder)."""
    if not real.is_relative_to(root):
        raise PathRefusedError(f"{real}: outside the output folder {root} (a symlink?); skipped")


def _make_folder(folder: Path, root: Path) -> None:
    """Create the output's folder inside the output tree (links are checked at write time)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(folder), f"cannot create ({error.strerror or error})") from None
    if not Path(os.path.realpath(folder)).is_relative_to(root):
        raise PathRefusedError(f"{folder}: leads outside the output folder {root}; skipped")


def _model_outcome(report: ModelReport, *, since: float) -> ModelOutcome:
    breaker = report.breaker
    events: tuple[tuple[str, str, str], ...] = ()
    if breaker is not None:
        events = tuple(
            (event.at_utc, event.before.value, event.after.value)
            for event in breaker.events
            if event.at >= since
        )
    return ModelOutcome(
        backend=report.backend,
        calls=report.stats.calls,
        accepted=report.accepted,
        fallbacks=report.fallbacks,
        fallback_reason=report.fallback_reason,
        breaker_state=breaker.state.value if breaker is not None else "",
        breaker_events=events,
    )


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
