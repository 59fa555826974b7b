"""One batch worker: a process that loads the indexes once and corrects files one at a time.

Each file is read once (its hash is of exactly the bytes corrected), corrected as
`shruti process` would, and written atomically; the parent journals the outcome.
"""

from __future__ import annotations

import functools
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from core.engine import Resources
from core.errors import TranscriptError
from core.settings import Settings
from server.batch.journal import content_hash
from server.runtime.files import write_atomically
from server.runtime.model_mode import ModelMode


@dataclass(frozen=True, slots=True)
class Task:
    """One file to correct: where it is, where its output goes, with which settings."""

    relative: str
    source: Path
    target: Path
    settings: Settings
    model: ModelMode = ModelMode.OFF


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


@functools.cache
def worker_resources(packs: tuple[str, ...] = ()) -> Resources:
    """The indexes with these verse packs, built once per worker process (the pool's
    initializer warms the packaged ones)."""
    from server.runtime.loader import load_resources
    from server.runtime.state import kept_for_life

    return kept_for_life(
        load_resources(extra_verse_dirs=tuple(Path(p).expanduser() for p in packs))
    )


def init_worker() -> None:
    # Ctrl-C goes to the parent, which stops the batch cleanly; workers just finish or die.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_resources()


def _read_limited(path: Path, max_bytes: int) -> bytes:
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TranscriptError(
            f"larger than the {max_bytes:,}-byte input limit (setting limits.max_input_bytes)",
            source=str(path),
        )
    return data


def _fsync_dir(folder: Path) -> None:
    # The rename must be durable before the journal says "done" (power loss, not just kill).
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def process_file(task: Task) -> Outcome:
    """Correct one file exactly as `shruti process` would and write it atomically."""
    from core.engine import process
    from core.transcript.srt import compose, decode, encode, parse

    started = time.perf_counter()
    source = str(task.source)
    data = b""
    try:
        data = _read_limited(task.source, task.settings.limits.max_input_bytes)
        decoded = decode(data, source=source)
        transcript = parse(decoded.text, source=source)
    except TranscriptError as error:
        return Outcome(task.relative, content_hash(data), None, 0, 0, _ms(started), str(error))
    except OSError as error:
        reason = f"{source}: cannot read ({error.strerror or error})"
        return Outcome(task.relative, content_hash(data), None, 0, 0, _ms(started), reason)
    result = process(transcript, worker_resources(tuple(task.settings.verses.packs)), task.settings)
    if task.model is not ModelMode.OFF:
        from core.errors import ModelRequiredError
        from server.runtime.model_run import run_with_model

        try:
            result = run_with_model(
                result,
                worker_resources(tuple(task.settings.verses.packs)),
                task.settings,
                mode=task.model,
            )
        except ModelRequiredError as error:
            reason = f"{source}: {error}"
            return Outcome(task.relative, content_hash(data), None, 0, 0, _ms(started), reason)
    output = encode(compose(result.transcript, newline=decoded.newline), bom=decoded.bom)
    task.target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(task.target, output)
    _fsync_dir(task.target.parent)
    return Outcome(
        task.relative,
        content_hash(data),
        content_hash(output),
        result.summary.segments,
        len(result.corrections),
        _ms(started),
    )


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
