"""A batch with a failing model endpoint: each worker's breaker outlives a file, so once it
opens the later files cost no model time, and the outputs are the rules-only outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fake_openai import fake_openai
from tests.support.lectures import MODEL_LECTURE

pytestmark = pytest.mark.slow  # spawns a batch with worker processes

SHRUTI = [sys.executable, "-c", "from server.cli.main import main; main()"]


SRT = "".join(
    f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{text}\n\n"
    for i, text in enumerate(MODEL_LECTURE, start=1)
)


def lectures(folder: Path, count: int) -> None:
    """Lectures whose rule result leaves words uncertain: the model is asked about each."""
    folder.mkdir()
    for index in range(count):
        (folder / f"talk{index:02}.srt").write_text(SRT, encoding="utf-8")


def batch(source: Path, output: Path, env: dict[str, str], *args: str) -> dict[str, object]:
    report = output.parent / f"{output.name}.json"
    done = subprocess.run(
        [*SHRUTI, "batch", str(source), str(output), "--jobs", "1", "--report", str(report), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    assert isinstance(summary, dict)
    return summary


def test_once_the_breaker_opens_later_files_fall_back_without_a_call(tmp_path: Path) -> None:
    lectures(tmp_path / "in", 8)
    env = {**os.environ, "SHRUTI_HOME": str(tmp_path / "home")}
    batch(tmp_path / "in", tmp_path / "rules", env, "--model", "off")
    with fake_openai("500") as endpoint:
        model_env = {
            **env,
            "SHRUTI_MODEL__BACKEND": "openai",
            "SHRUTI_MODEL__BASE_URL": endpoint.base_url,
            "SHRUTI_MODEL__TIMEOUT_S": "1",
        }
        summary = batch(tmp_path / "in", tmp_path / "model", model_env)  # auto by default
        calls = endpoint.calls
    model = summary["model"]
    assert isinstance(model, dict)
    fell_back = model["fell_back"]
    assert fell_back["breaker open"] >= 5  # one worker, one breaker, for all eight files
    assert sum(fell_back.values()) == 8
    assert [(e["from"], e["to"]) for e in model["breaker_events"]] == [("closed", "open")]
    assert calls <= 3 * 6  # the calls that opened it (with their retries), none after
    for rules in sorted((tmp_path / "rules").glob("*.srt")):
        assert (tmp_path / "model" / rules.name).read_bytes() == rules.read_bytes()
