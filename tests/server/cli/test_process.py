"""Tests for `shruti process`: outputs, reports, refusals and a corpus of malformed files."""

from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from server.cli.main import app
from tests.support.paths import LECTURE

pytestmark = pytest.mark.slow  # spawns processes or servers

runner = CliRunner()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script as a user would, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-c", "from server.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SHRUTI_HOME": os.environ.get("SHRUTI_HOME", "/nonexistent-home")},
        check=False,
    )


def test_process_writes_output_and_report_and_keeps_timings(tmp_path: Path) -> None:
    output, report = tmp_path / "out.srt", tmp_path / "changes.json"
    result = run_cli("process", str(LECTURE), "-o", str(output), "--report", str(report))
    assert result.returncode == 0, result.stderr
    before = LECTURE.read_text(encoding="utf-8").split("\n\n")
    after = output.read_text(encoding="utf-8").split("\n\n")
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        assert old.split("\n")[:2] == new.split("\n")[:2]  # number and timing line
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["segments"] == 8
    assert data["summary"]["corrections"] == len(data["corrections"]) > 0
    for record in data["corrections"]:
        fields = {"segment", "span", "before", "after", "stage", "source", "confidence"}
        assert set(record) == fields
        assert 1 <= record["segment"] <= 8


def test_process_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    copy = tmp_path / "lecture.srt"
    copy.write_bytes(LECTURE.read_bytes())
    result = runner.invoke(app, ["process", str(copy), "-o", str(copy), "--overwrite"])
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.stderr
    assert copy.read_bytes() == LECTURE.read_bytes()


def test_process_refuses_an_existing_output_without_overwrite(tmp_path: Path) -> None:
    output = tmp_path / "out.srt"
    output.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["process", str(LECTURE), "-o", str(output)])
    assert result.exit_code == 2
    assert output.read_text(encoding="utf-8") == "keep me"


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "out.srt"
    result = runner.invoke(app, ["process", str(LECTURE), "-o", str(output), "--dry-run"])
    assert result.exit_code == 0
    assert "dry run" in result.stdout
    assert "- good morning everyone, um, today" in result.stdout
    assert not output.exists()


def test_bad_input_exits_2_with_file_and_line_and_no_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.srt"
    bad.write_text("1\n00:00:01,000 -> 00:00:02,000\nhi\n", encoding="utf-8")
    output = tmp_path / "out.srt"
    result = run_cli("process", str(bad), "-o", str(output))
    assert result.returncode == 2
    assert result.stderr.strip() == f"shruti: {bad}:2: malformed timing line; expected " + (
        "HH:MM:SS,mmm --> HH:MM:SS,mmm"
    )
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_missing_input_is_a_clear_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["process", str(tmp_path / "nope.srt")])
    assert result.exit_code == 2
    assert "nope.srt" in result.stderr


def _mutations(seed: int) -> list[bytes]:
    """At least 100 malformed, binary, truncated, re-encoded and mutated SRT inputs."""
    rng = random.Random(seed)
    good = LECTURE.read_bytes()
    corpus: list[bytes] = [
        b"",
        b"\x00" * 64,
        bytes(range(256)),
        codecs.BOM_UTF16_LE + good.decode().encode("utf-16-le"),
        codecs.BOM_UTF8 + good,
        good.replace(b"\n", b"\r\n"),
        good.replace(b"\n", b"\r"),
        b"1\n00:00:01,000 --> 00:00:02,000\n" + b"x" * 2_000_000 + b"\n",
        good.replace(b"-->", b"->"),
        good.replace(b",", b"."),
        b"\n\n\n",
        good * 3,
        "1\n00:00:01,000 --> 00:00:02,000\n\u202e\u200b\ufeffcontrol\x07chars\n".encode(),
    ]
    corpus.extend(good[: rng.randrange(1, len(good))] for _ in range(40))
    for _ in range(60):
        data = bytearray(good)
        for _ in range(rng.randrange(1, 8)):
            position = rng.randrange(len(data))
            data[position] = rng.randrange(256)
        corpus.append(bytes(data))
    return corpus


def test_malformed_corpus_gives_output_or_a_clear_error_never_a_traceback(tmp_path: Path) -> None:
    corpus = _mutations(seed=7)
    assert len(corpus) >= 100
    for number, data in enumerate(corpus):
        source = tmp_path / f"case{number}.srt"
        source.write_bytes(data)
        output = tmp_path / f"case{number}.out.srt"
        result = runner.invoke(app, ["process", str(source), "-o", str(output)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            number,
            result.exception,
        )
        assert result.exit_code in (0, 2), (number, result.stderr)
        assert source.read_bytes() == data
        if result.exit_code == 0:
            assert output.exists()
        else:
            assert not output.exists()
            (line,) = result.stderr.strip().splitlines()
            assert line.startswith(f"shruti: {source}")


def test_model_required_without_a_backend_exits_3(tmp_path: Path) -> None:
    output = tmp_path / "out.srt"
    result = run_cli("process", str(LECTURE), "-o", str(output), "--model", "required")
    assert result.returncode == 3
    assert "model.backend" in result.stderr
    assert not output.exists()


def test_model_auto_with_a_dead_endpoint_prints_the_rule_result_and_logs_to_stderr() -> None:
    rules_only = run_cli("process", str(LECTURE))
    env = {
        "SHRUTI_MODEL__BACKEND": "openai",
        "SHRUTI_MODEL__BASE_URL": "http://127.0.0.1:9/v1",  # discard port: nothing listens
        "SHRUTI_MODEL__BUDGET_S": "3",
        "SHRUTI_MODEL__TIMEOUT_S": "1",
    }
    command = [sys.executable, "-c", "from server.cli.main import main; main()", "process"]
    with_model = subprocess.run(
        [*command, str(LECTURE), "--model", "auto"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SHRUTI_HOME": "/nonexistent-home", **env},
        check=False,
    )
    assert with_model.returncode == 0, with_model.stderr
    assert with_model.stdout == rules_only.stdout
    for line in with_model.stderr.strip().splitlines():
        assert line.startswith(("{", "shruti:")), line


def test_outputs_get_the_usual_file_mode_not_a_private_one(tmp_path: Path) -> None:
    from server.runtime.files import write_atomically

    target = tmp_path / "out.srt"
    old = os.umask(0o022)
    try:
        write_atomically(target, b"x")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
    assert target.read_bytes() == b"x"
