"""`shruti batch` killed with SIGKILL at random moments, then resumed, loses and tears nothing."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from server.batch.journal import JOURNAL_NAME
from server.cli.main import app
from tests.support.paths import LECTURE

pytestmark = pytest.mark.slow  # spawns processes or servers

FILES = 40
VARIANTS = 4
KILLS = 20
CLI = [sys.executable, "-c", "from server.cli.main import main; main()"]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No configuration store from the developer's machine: packaged defaults everywhere."""
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path / "home"))


def variant(number: int) -> bytes:
    """A long lecture (the example repeated, renumbered), made distinct by `number`."""
    blocks = LECTURE.read_text(encoding="utf-8").strip().split("\n\n")
    cues: list[list[str]] = []
    for _ in range(15):
        for block in blocks:
            lines = block.split("\n")
            cues.append([str(len(cues) + 1), lines[1], *lines[2:]])
    cues[number][2] += f" part {number}"
    text = "\n\n".join("\n".join(cue) for cue in cues) + "\n"
    return text.replace("\n", "\r\n").encode() if number % 2 else text.encode()


def start_batch(source: Path, output: Path) -> subprocess.Popen[bytes]:
    """The CLI in its own session, so the whole process tree can be killed like a dead machine."""
    return subprocess.Popen(
        [*CLI, "batch", str(source), str(output), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def claimed_outputs(output: Path) -> dict[str, str]:
    """The outputs the journal says are finished, with their hashes."""
    journal = output / JOURNAL_NAME
    if not journal.exists():
        return {}
    with closing(sqlite3.connect(journal)) as db:
        try:
            rows = db.execute("SELECT path, output_hash FROM files WHERE status = 'done'")
            return dict(rows.fetchall())
        except sqlite3.OperationalError:  # created a moment ago, schema not yet written
            return {}


def wait_for_progress(process: subprocess.Popen[bytes], output: Path, before: int) -> None:
    """Return once the batch journals one more file (or ends), polling a real process."""
    give_up = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < give_up:
        if len(claimed_outputs(output)) > before:
            return
        time.sleep(0.02)


@pytest.mark.slow
def test_batch_killed_twenty_times_then_resumed_matches_single_file_processing(
    tmp_path: Path,
) -> None:
    source, output = tmp_path / "in", tmp_path / "out"
    expected: dict[str, bytes] = {}
    for number in range(VARIANTS):
        path = tmp_path / "variants" / f"v{number}.srt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(variant(number))
        target = tmp_path / "variants" / f"v{number}.out.srt"
        result = CliRunner().invoke(app, ["process", str(path), "-o", str(target)])
        assert result.exit_code == 0, result.output
        expected[f"v{number}"] = target.read_bytes()
    for index in range(FILES):
        path = source / f"shelf{index % 3}" / f"lecture{index:02}.srt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(variant(index % VARIANTS))

    def expected_for(relative: str) -> bytes:
        return expected[f"v{int(Path(relative).stem[-2:]) % VARIANTS}"]

    rng = random.Random(7)
    deadline = time.monotonic() + 300
    for iteration in range(KILLS):
        process = start_batch(source, output)
        if iteration % 4:  # most kills land mid-run, a random while after a file is journaled
            wait_for_progress(process, output, len(claimed_outputs(output)))
        try:
            process.wait(timeout=rng.uniform(0.0, 0.8))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for relative, output_hash in claimed_outputs(output).items():
            data = (output / relative).read_bytes()
            assert hashlib.sha256(data).hexdigest() == output_hash, relative
        for written in output.rglob("*.srt"):
            relative = written.relative_to(output).as_posix()
            assert written.read_bytes() == expected_for(relative), relative
        assert time.monotonic() < deadline

    final = start_batch(source, output)
    assert final.wait(timeout=120) == 0
    outputs = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.srt"))
    assert len(outputs) == FILES
    for relative in outputs:
        assert (output / relative).read_bytes() == expected_for(relative), relative
    assert set(claimed_outputs(output)) == set(outputs)
    assert not list(output.rglob("*.part"))
