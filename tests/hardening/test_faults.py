"""Faults: a failing model endpoint mid-batch, a full disk, a state dir that cannot be written."""

from __future__ import annotations

import errno
import os
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mcp import Client
from mcp.types import TextContent
from typer.testing import CliRunner

from server.batch.journal import JOURNAL_NAME, content_hash
from server.cli.main import app
from server.mcp.app import build_server
from server.runtime.loader import load_resources
from tests.support.fake_openai import Mode, fake_openai
from tests.support.paths import LECTURE

pytestmark = pytest.mark.slow  # spawns processes or servers

SHRUTI = [sys.executable, "-c", "from server.cli.main import main; main()"]
runner = CliRunner()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("SHRUTI_HOME", str(home))
    return home


HARD = (  # lines the rules leave partly uncertain, so the model stage asks about them
    "ishvara pranidhana is surrender to the lord",
    "the guru gave him diksha and mantropadesha",
    "and then he spoke of the sadhana chatushtaya sampatti",
)


def make_folder(folder: Path, *, big: bool = False) -> None:
    hard = "".join(
        f"{9 + i}\n00:01:{i:02d},000 --> 00:01:{i:02d},900\n{line}\n\n"
        for i, line in enumerate(HARD)
    )
    text = LECTURE.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + hard
    for number in range(3):
        (folder / f"talk{number}.srt").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"talk{number}.srt").write_text(text.replace("today", f"day {number}"), "utf-8")
    if big:
        (folder / "huge.srt").write_text(text * 400, encoding="utf-8")


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.srt"))}


def journal(folder: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(folder / JOURNAL_NAME) as db:
        rows = db.execute("SELECT path, status, output_hash FROM files").fetchall()
    return {path: (status, output_hash) for path, status, output_hash in rows}


@pytest.mark.parametrize("mode", ["down", "500"])
def test_a_batch_with_model_auto_and_a_failing_endpoint_equals_the_rules_only_batch(
    tmp_path: Path, mode: Mode
) -> None:
    make_folder(tmp_path / "in")
    rules = runner.invoke(app, ["batch", str(tmp_path / "in"), str(tmp_path / "rules")])
    assert rules.exit_code == 0, rules.stderr
    with fake_openai(mode) as fake:
        env = {
            "SHRUTI_MODEL__BACKEND": "openai",
            "SHRUTI_MODEL__BASE_URL": fake.base_url,
            "SHRUTI_MODEL__TIMEOUT_S": "1",
            "SHRUTI_MODEL__BUDGET_S": "3",
        }
        args = ["batch", str(tmp_path / "in"), str(tmp_path / "model"), "--model", "auto"]
        with_model = runner.invoke(app, [*args, "--jobs", "2"], env=env)
        calls = fake.calls
    assert with_model.exit_code == 0, with_model.stderr
    assert outputs(tmp_path / "model") == outputs(tmp_path / "rules")
    assert len(outputs(tmp_path / "model")) == 3
    assert mode == "down" or calls > 0  # the endpoint was really asked, and failed
    assert {status for status, _ in journal(tmp_path / "model").values()} == {"done"}


def limit_file_size(size: int) -> Callable[[], None]:
    """A preexec hook: writes past `size` bytes fail with EFBIG, as a full disk fails them."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_process_onto_a_full_disk_is_a_clear_error_and_leaves_no_partial_file(
    tmp_path: Path,
) -> None:
    source, out = tmp_path / "big.srt", tmp_path / "out"
    source.write_text(LECTURE.read_text(encoding="utf-8") * 100, encoding="utf-8")
    out.mkdir()
    result = subprocess.run(
        [*SHRUTI, "process", str(source), "-o", str(out / "big.srt")],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_file_size(16_384),
        check=False,
    )
    assert result.returncode != 0
    # Before it: warnings that the index cache could not be written either (same limit).
    *warnings, line = result.stderr.strip().splitlines()
    assert all("could not write cache" in warning for warning in warnings), warnings
    assert line.startswith("shruti: ") and "File too large" in line
    assert list(out.iterdir()) == []


def test_a_batch_onto_a_full_disk_fails_the_file_keeps_the_journal_true_and_resumes(
    tmp_path: Path,
) -> None:
    make_folder(tmp_path / "in", big=True)
    out = tmp_path / "out"
    limited = subprocess.run(
        [*SHRUTI, "batch", str(tmp_path / "in"), str(out), "--jobs", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_file_size(200_000),
        check=False,
    )
    assert limited.returncode == 1, limited.stderr
    assert "huge.srt" in limited.stderr and "Traceback" not in limited.stderr
    assert [p.name for p in out.glob(".*.part")] == []
    assert not (out / "huge.srt").exists()
    rows = journal(out)
    assert rows.get("huge.srt", ("failed", None))[0] != "done"
    for name, (status, output_hash) in rows.items():
        if status == "done":
            assert content_hash((out / name).read_bytes()) == output_hash
    resumed = runner.invoke(app, ["batch", str(tmp_path / "in"), str(out), "--jobs", "1"])
    assert resumed.exit_code == 0, resumed.stderr
    assert {status for status, _ in journal(out).values()} == {"done"}
    assert len(outputs(out)) == 4


async def test_mcp_write_onto_a_full_disk_is_a_tool_error_and_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "work"
    root.mkdir()
    (root / "talk.srt").write_bytes(LECTURE.read_bytes())
    indexes = load_resources()

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    async with Client(build_server(start_dir=root, load=lambda: indexes)) as client:
        monkeypatch.setattr("server.runtime.files.os.fsync", full_disk)
        result = await client.call_tool(
            "process_transcript", {"path": "talk.srt", "output_path": "fixed.srt"}
        )
    text = " ".join(b.text for b in result.content if isinstance(b, TextContent))
    assert result.is_error and "No space left on device" in text
    assert sorted(p.name for p in root.iterdir()) == ["talk.srt"]


def test_config_set_with_an_unwritable_state_dir_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("a file, not a folder", encoding="utf-8")
    home = tmp_path / "plain" / "state"
    result = subprocess.run(
        [*SHRUTI, "config", "set", "style.anusvara=ṁ", "--reason", "test"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SHRUTI_HOME": str(home)},
        check=False,
    )
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("shruti: ") and str(home) in line and "Traceback" not in line


def test_serve_with_an_unwritable_state_dir_refuses_to_start_naming_it(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("a file, not a folder", encoding="utf-8")
    home = tmp_path / "plain" / "state"
    result = subprocess.run(
        [*SHRUTI, "serve"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SHRUTI_HOME": str(home)},
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == (
        f"shruti: state directory {home} is not writable (Not a directory); "
        "set SHRUTI_HOME to a writable directory"
    )
