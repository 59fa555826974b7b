"""Kill -9 durability: a writer killed mid-transaction leaves the last complete version."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import struct
import time
from pathlib import Path

import pytest

from core.config_keys import validate_config
from server.runtime.config_store import ConfigStore

pytestmark = pytest.mark.slow  # spawns processes or servers

ITERATIONS = 50
BEGIN = -1  # the writer is about to start a transaction
RECORD = struct.Struct("<q")  # 8 bytes: atomic on a pipe, so a kill never leaves half a record


def _write_forever(path: Path, pipe: int) -> None:
    """The child: report each update's start and its committed version, until killed."""
    store = ConfigStore(path)
    step = 0
    while True:
        os.write(pipe, RECORD.pack(BEGIN))
        stored = store.update(
            {"terms.min_confidence": (step % 100) / 100, "verses.min_words": 2 + step % 18},
            reason=f"writer step {step}",
            author="writer",
        )
        os.write(pipe, RECORD.pack(stored.version))
        step += 1


def _start_writer(path: Path) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        os.close(read_end)
        code = 1
        try:
            _write_forever(path, write_end)
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _read_record(pipe: int) -> int | None:
    data = b""
    while len(data) < RECORD.size:
        chunk = os.read(pipe, RECORD.size - len(data))
        if not chunk:
            return None
        data += chunk
    return int(RECORD.unpack(data)[0])


def test_writer_killed_at_random_points_leaves_the_last_complete_version(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    ConfigStore(path).current()  # version 1 exists before the first kill
    rng = random.Random(20261122)
    last_committed = 1
    killed_inside_update = 0
    started = time.monotonic()
    for iteration in range(ITERATIONS):
        pid, pipe = _start_writer(path)
        commits_before_kill = rng.randint(0, 2)
        seen: list[int] = []
        while sum(1 for record in seen if record != BEGIN) < commits_before_kill:
            record = _read_record(pipe)
            assert record is not None, f"writer died on its own at iteration {iteration}"
            seen.append(record)
        time.sleep(rng.uniform(0, 0.004))  # a random point in the next transaction
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while (record := _read_record(pipe)) is not None:
            seen.append(record)
        os.close(pipe)
        committed = [record for record in seen if record != BEGIN]
        if seen and seen[-1] == BEGIN:
            killed_inside_update += 1
        last_committed = max([last_committed, *committed])

        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store = ConfigStore(path)
        current = store.current()
        # every reported commit is there; at most one more committed before its report was sent
        assert last_committed <= current.version <= last_committed + 1, iteration
        assert validate_config(current.config) == current.config
        assert [stored.version for stored in store.history()] == list(range(1, current.version + 1))
        last_committed = current.version
    elapsed = time.monotonic() - started
    assert killed_inside_update >= ITERATIONS // 4, killed_inside_update
    assert elapsed < 30, f"{ITERATIONS} kill iterations took {elapsed:.1f} s"
