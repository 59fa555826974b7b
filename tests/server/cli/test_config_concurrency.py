"""Eight concurrent `shruti config set` processes: eight new versions, none lost or locked out."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from server.runtime.config_store import ConfigStore

pytestmark = pytest.mark.slow  # spawns processes or servers

WRITERS = 8


def start_set(home: Path, index: int) -> subprocess.Popen[str]:
    """One real CLI process setting a value of its own."""
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from server.cli.main import main; main()",
            "config",
            "set",
            f"terms.min_confidence=0.{index + 1}",
            "--reason",
            f"writer {index}",
            "--author",
            f"w{index}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SHRUTI_HOME": str(home)},
    )


def has_open(pid: int, path: Path) -> bool:
    """Whether a process holds the file open (it is then waiting on the lock or inside it)."""
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        return any(link.readlink() == path.resolve() for link in fd_dir.iterdir())
    except OSError:  # the process ended or an fd closed while we looked
        return False


def finish(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    results = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        results.append((process.returncode, err))
    return results


def assert_every_writer_landed(path: Path, results: list[tuple[int, str]]) -> None:
    for code, err in results:
        assert code == 0, err
        assert "locked" not in err
    history = ConfigStore(path).history()
    assert [stored.version for stored in history] == list(range(1, WRITERS + 2))
    assert sorted(stored.reason for stored in history[1:]) == [
        f"writer {index}" for index in range(WRITERS)
    ]


def test_eight_writers_queued_behind_a_held_lock_all_land_as_versions(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    ConfigStore(path).current()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # every writer must wait for the lock at the same time
    processes = [start_set(tmp_path, index) for index in range(WRITERS)]
    deadline = time.monotonic() + 40  # well inside the 60 s busy timeout
    while not all(has_open(process.pid, path) for process in processes):
        assert time.monotonic() < deadline, "writers never reached the store"
        assert all(process.poll() is None for process in processes), finish(processes)
        time.sleep(0.05)
    blocker.execute("ROLLBACK")
    blocker.close()
    assert_every_writer_landed(path, finish(processes))


def test_eight_writers_on_a_store_that_does_not_exist_yet_all_land(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    processes = [start_set(tmp_path, index) for index in range(WRITERS)]
    assert_every_writer_landed(path, finish(processes))
