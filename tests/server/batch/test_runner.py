"""Tests for `shruti batch`: outputs, the journal's skip rules, corrupt files and exit codes."""

from __future__ import annotations

import codecs
import fcntl
import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from core import engine
from core.transcript.segments import Transcript
from server.batch import runner as batch_module
from server.batch.journal import JOURNAL_NAME
from server.batch.runner import BatchHooks, BatchPlan, FileResult, discover
from server.cli.main import app
from server.runtime import correct as correct_module
from server.runtime.settings_sources import load_settings
from tests.support.paths import LECTURE

pytestmark = pytest.mark.slow  # spawns processes or servers

runner = CliRunner()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No configuration store from the developer's machine: packaged defaults everywhere."""
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path / "home"))


def make_corpus(root: Path) -> dict[str, bytes]:
    """A small archive: nested folders, CRLF, a BOM, an upper-case suffix; returns its files."""
    text = LECTURE.read_text(encoding="utf-8")
    files = {
        "one.srt": text.encode(),
        "term1/crlf.srt": text.replace("\n", "\r\n").encode(),
        "term1/bom.srt": codecs.BOM_UTF8 + text.encode(),
        "term2/deep/UPPER.SRT": text.replace("krishna", "krsna").encode(),
        "term2/notes.txt": b"not a subtitle",
    }
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return {name: data for name, data in files.items() if not name.endswith(".txt")}


def single_file_output(source: Path, tmp_path: Path, env: dict[str, str] | None = None) -> bytes:
    """What `shruti process` writes for one file."""
    target = tmp_path / "single" / source.name
    target.parent.mkdir(exist_ok=True)
    result = runner.invoke(app, ["process", str(source), "-o", str(target), "--overwrite"], env=env)
    assert result.exit_code == 0, result.output
    return target.read_bytes()


def batch(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["batch", *args], env=env)
    return result.exit_code, result.stderr


def journal_rows(output: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(output / JOURNAL_NAME) as db:
        rows = db.execute("SELECT path, status, output_hash FROM files").fetchall()
    return {path: (status, output_hash) for path, status, output_hash in rows}


def test_batch_writes_every_srt_to_the_same_relative_path_as_single_file_processing(
    tmp_path: Path,
) -> None:
    corpus = make_corpus(tmp_path / "in")
    code, stderr = batch(str(tmp_path / "in"), str(tmp_path / "out"), "--jobs", "2")
    assert code == 0, stderr
    for relative in corpus:
        expected = single_file_output(tmp_path / "in" / relative, tmp_path)
        assert (tmp_path / "out" / relative).read_bytes() == expected, relative
    assert not (tmp_path / "out" / "term2" / "notes.txt").exists()
    assert "4 files: 4 done, 0 skipped, 0 failed" in stderr


def test_batch_shows_progress_and_summary_on_stderr_and_nothing_on_stdout(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in")
    result = runner.invoke(app, ["batch", str(tmp_path / "in"), str(tmp_path / "out")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "4/4 files" in result.stderr
    assert "segments/s" in result.stderr
    assert "ETA" in result.stderr


def test_batch_reports_a_corrupt_file_with_its_line_and_finishes_the_others(
    tmp_path: Path,
) -> None:
    corpus = make_corpus(tmp_path / "in")
    (tmp_path / "in" / "broken.srt").write_text("1\n00:00:01,000 -> 00:00:02,000\nhi\n")
    report = tmp_path / "batch.json"
    code, stderr = batch(
        str(tmp_path / "in"), str(tmp_path / "out"), "--jobs", "2", "--report", str(report)
    )
    assert code == 1
    assert "broken.srt" in stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    by_input = {Path(record["input"]).name: record for record in data["files"]}
    broken = by_input.pop("broken.srt")
    assert broken["status"] == "failed"
    assert "broken.srt:2:" in broken["error"]
    assert "timing" in broken["error"]
    assert {record["status"] for record in by_input.values()} == {"done"}
    assert all(record["segments"] == 8 and record["changes"] > 0 for record in by_input.values())
    assert set(data["files"][0]) >= {"input", "output", "status", "segments", "changes"}
    assert data["summary"]["done"] == len(corpus)
    assert data["summary"]["failed"] == 1
    assert not (tmp_path / "out" / "broken.srt").exists()
    assert journal_rows(tmp_path / "out")["broken.srt"][0] == "failed"


def test_batch_rerun_skips_finished_files_and_redoes_changed_or_missing_ones(
    tmp_path: Path,
) -> None:
    make_corpus(tmp_path / "in")
    source, output = tmp_path / "in", tmp_path / "out"
    assert batch(str(source), str(output), "--jobs", "2")[0] == 0
    code, stderr = batch(str(source), str(output), "--jobs", "2")
    assert code == 0
    assert "0 done, 4 skipped" in stderr

    (source / "one.srt").write_text(
        LECTURE.read_text(encoding="utf-8").replace("krishna", "arjuna"), encoding="utf-8"
    )
    (output / "term1" / "crlf.srt").unlink()
    (output / "term1" / "bom.srt").write_bytes(b"edited by hand\n")
    code, stderr = batch(str(source), str(output), "--jobs", "2")
    assert code == 0
    assert "2 done, 2 skipped" in stderr  # an edited output is an editor's work: left alone
    assert (output / "term1" / "bom.srt").read_bytes() == b"edited by hand\n"
    for relative in ("one.srt", "term1/crlf.srt"):
        assert (output / relative).read_bytes() == single_file_output(source / relative, tmp_path)
    code, stderr = batch(str(source), str(output), "--jobs", "2", "--overwrite")
    assert code == 0 and "1 done, 3 skipped" in stderr
    expected = single_file_output(source / "term1" / "bom.srt", tmp_path)
    assert (output / "term1" / "bom.srt").read_bytes() == expected


def test_batch_redoes_every_file_when_a_correction_setting_changes(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in")
    source, output = tmp_path / "in", tmp_path / "out"
    assert batch(str(source), str(output))[0] == 0
    env = {"SHRUTI_NORMALIZE__REMOVE_FILLERS": "false"}
    code, stderr = batch(str(source), str(output), env=env)
    assert code == 0
    assert "4 done, 0 skipped" in stderr
    expected = single_file_output(source / "one.srt", tmp_path, env=env)
    assert (output / "one.srt").read_bytes() == expected
    assert expected != single_file_output(source / "one.srt", tmp_path)


def test_batch_does_not_redo_files_when_only_output_neutral_settings_change(
    tmp_path: Path,
) -> None:
    make_corpus(tmp_path / "in")
    source, output = tmp_path / "in", tmp_path / "out"
    assert batch(str(source), str(output))[0] == 0
    code, stderr = batch(str(source), str(output), env={"SHRUTI_MODEL__API_KEY": "rotated"})
    assert code == 0
    assert "0 done, 4 skipped" in stderr


def test_batch_model_required_without_a_backend_fails_each_file_and_writes_nothing(
    tmp_path: Path,
) -> None:
    make_corpus(tmp_path / "in")
    code, stderr = batch(str(tmp_path / "in"), str(tmp_path / "out"), "--model", "required")
    assert code == 1
    assert "0 done, 0 skipped, 4 failed" in stderr
    assert "--model required, but model.backend is 'none'" in stderr
    assert not list((tmp_path / "out").rglob("*.srt"))


def test_batch_report_may_be_written_into_the_output_folder(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".one.srt.k3j4h5g6.part").write_text("left by a killed batch")
    report = tmp_path / "out" / "batch.json"
    code, stderr = batch(str(tmp_path / "in"), str(tmp_path / "out"), "--report", str(report))
    assert code == 0, stderr
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["done"] == 4
    assert not list((tmp_path / "out").rglob("*.part"))


def test_batch_journal_claims_only_outputs_present_with_their_hash(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in")
    assert batch(str(tmp_path / "in"), str(tmp_path / "out"))[0] == 0
    rows = journal_rows(tmp_path / "out")
    assert len(rows) == 4
    for relative, (status, output_hash) in rows.items():
        assert status == "done"
        data = (tmp_path / "out" / relative).read_bytes()
        assert hashlib.sha256(data).hexdigest() == output_hash


def test_batch_glob_selects_files_by_name_or_relative_path(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in")
    code, stderr = batch(str(tmp_path / "in"), str(tmp_path / "out"), "--glob", "term1/*.srt")
    assert code == 0, stderr
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.srt")
    )
    assert written == ["term1/bom.srt", "term1/crlf.srt"]


class CountingExecutor(ThreadPoolExecutor):
    """A thread pool that records the most futures ever outstanding at once."""

    def __init__(self, workers: int) -> None:
        super().__init__(max_workers=workers)
        self.outstanding = 0
        self.most = 0
        self._count_lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._count_lock:
            self.outstanding += 1
            self.most = max(self.most, self.outstanding)
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, _: Future[Any]) -> None:
        with self._count_lock:
            self.outstanding -= 1


def test_run_batch_keeps_at_most_two_files_per_worker_in_flight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = LECTURE.read_text(encoding="utf-8")
    for index in range(30):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"talk{index:02}.srt").write_text(text, encoding="utf-8")
    executors: list[CountingExecutor] = []

    def counting_pool(jobs: int) -> CountingExecutor:
        executors.append(CountingExecutor(jobs))
        return executors[-1]

    monkeypatch.setattr(batch_module, "_pool", counting_pool)
    plan = BatchPlan(tmp_path / "in", tmp_path / "out", 3)
    tally = batch_module.run_batch(plan, load_settings())
    assert tally.done == 30
    assert 1 <= executors[0].most <= 3 * batch_module.IN_FLIGHT_PER_WORKER


def test_an_engine_crash_on_one_file_fails_that_file_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus(tmp_path / "in")
    real_process = engine.process

    def crash_on_bom(transcript: Transcript, *args: Any, **kwargs: Any) -> Any:
        if transcript.source.endswith("bom.srt"):
            raise RuntimeError("engine bug")
        return real_process(transcript, *args, **kwargs)

    monkeypatch.setattr(batch_module, "_pool", lambda jobs: ThreadPoolExecutor(max_workers=jobs))
    monkeypatch.setattr(correct_module, "process", crash_on_bom)  # what every file goes through
    results: list[FileResult] = []
    plan = BatchPlan(tmp_path / "in", tmp_path / "out", 2)
    hooks = BatchHooks(on_result=results.append)
    tally = batch_module.run_batch(plan, load_settings(), hooks=hooks)
    assert (tally.done, tally.failed) == (3, 1)
    failed = [result for result in results if result.status == "failed"]
    assert failed[0].input.endswith("bom.srt")
    assert failed[0].error is not None
    assert "internal error: RuntimeError: engine bug" in failed[0].error
    assert not (tmp_path / "out" / "term1" / "bom.srt").exists()
    assert "term1/bom.srt" not in journal_rows(tmp_path / "out")


def test_discover_skips_hidden_files_and_an_output_folder_inside_the_input(
    tmp_path: Path,
) -> None:
    make_corpus(tmp_path)
    (tmp_path / ".hidden.srt").write_text("x")
    (tmp_path / "corrected").mkdir()
    (tmp_path / "corrected" / "one.srt").write_text("x")
    found = list(discover(tmp_path, pattern="*.srt", exclude=tmp_path / "corrected"))
    assert found == ["one.srt", "term1/bom.srt", "term1/crlf.srt", "term2/deep/UPPER.SRT"]


def test_discover_can_skip_symlinked_files_that_may_point_outside_the_folder(
    tmp_path: Path,
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "secret.srt").write_text("x")
    (tmp_path / "in" / "real.srt").write_text("x")
    (tmp_path / "in" / "link.srt").symlink_to(tmp_path / "secret.srt")
    assert list(discover(tmp_path / "in", pattern="*.srt")) == ["link.srt", "real.srt"]
    assert list(discover(tmp_path / "in", pattern="*.srt", skip_symlinks=True)) == ["real.srt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-in", "out"], "input folder does not exist"),
        (["in", "in"], "output folder is the input folder"),
        (["in", "out", "--jobs", "0"], "--jobs must be at least 1"),
        (["in", "out", "--report", "nowhere/batch.json"], "does not exist"),
        (["in", "file.srt"], "exists and is not a folder"),
    ],
)
def test_batch_exits_2_on_bad_usage_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    make_corpus(tmp_path / "in")
    (tmp_path / "file.srt").write_text("x")
    monkeypatch.chdir(tmp_path)
    code, stderr = batch(*args)
    assert code == 2
    assert message in stderr
    assert not (tmp_path / "out" / "one.srt").exists()


def test_a_second_batch_into_the_same_output_folder_is_refused(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in")
    (tmp_path / "out").mkdir()
    with (tmp_path / "out" / batch_module.LOCK_NAME).open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        code, stderr = batch(str(tmp_path / "in"), str(tmp_path / "out"))
    assert code == 2
    assert "another batch is writing to this folder" in stderr
    assert not (tmp_path / "out" / "one.srt").exists()


def test_batch_exits_2_on_an_unknown_option(tmp_path: Path) -> None:
    code, _ = batch(str(tmp_path), str(tmp_path / "out"), "--frobnicate")
    assert code == 2
